/**
 * JSON schema of `oauth_tokens.json`. The first three fields are the Python add-on's; the rest are
 * ours and optional, so each add-on reads the other's file. The validator in
 * `token-file.validate.generated.ts` is compiled from this by `npm run generate` (ajv standalone), so
 * that reading the file never pays for ajv's compiler.
 */
export const tokenFileSchema = {
  $id: 'oauth_tokens.json',
  type: 'object',
  required: ['access', 'refresh', 'expiry'],
  properties: {
    access: { type: 'string' },
    refresh: { type: 'string' },
    /** Epoch seconds (the Python add-on writes a float) after which the access token is renewed. */
    expiry: { type: 'number' },
    login: { type: 'string' },
    user_id: { type: 'string' },
    scopes: { type: 'array', items: { type: 'string' } },
    client_id: { type: 'string' },
    /** Short hashes of the access tokens last mirrored into the legacy settings, newest first. */
    mirrored: { type: 'array', items: { type: 'string' }, maxItems: 16 },
    /** The one message already shown for the current state (`relogin`, `public_client`). */
    notice: { type: 'string' },
    /** Consecutive refresh attempts that failed for a transient reason. */
    refresh_failures: { type: 'integer', minimum: 0 },
    /** Epoch seconds before which no process tries to refresh again (backoff after failures). */
    retry_at: { type: 'number' },
    /** A refresh request was sent but its reply was lost: Twitch may have spent the refresh token. */
    refresh_in_doubt: { type: 'boolean' },
  },
  additionalProperties: true,
} as const;
