import { ErrorCodes, ShimError } from '../host/errors.js';

/** A `plugin://<addon id>/<path>?<query>` URL taken apart. */
export interface PluginUrl {
  addonId: string;
  /** `plugin://<id>/<path>` without the query: `sys.argv[0]`. */
  base: string;
  /** `?…` or `""`: `sys.argv[2]`. */
  query: string;
}

/** Parses a plugin URL; anything else is a `BAD_URL` error with a message naming the problem. */
export function parsePluginUrl(text: string): PluginUrl {
  const match = /^plugin:\/\/([^/?#\s]+)(\/[^?#\s]*)?(\?[^#\s]*)?$/.exec(text.trim());
  if (!match) {
    throw new ShimError(
      ErrorCodes.BAD_URL,
      `not a plugin URL: ${JSON.stringify(text)} (expected plugin://<addon id>/?<query>)`,
    );
  }
  const addonId = match[1]!;
  if (!/^[A-Za-z0-9._-]+$/.test(addonId)) {
    throw new ShimError(ErrorCodes.BAD_URL, `not a valid add-on id in ${JSON.stringify(text)}`);
  }
  const query = match[3] ?? '';
  try {
    // Surface malformed percent-encoding here rather than inside the add-on.
    for (const part of query.slice(1).split('&')) decodeURIComponent(part.replace(/\+/g, ' '));
  } catch (cause) {
    throw new ShimError(ErrorCodes.BAD_URL, `malformed percent-encoding in ${JSON.stringify(text)}`, { cause });
  }
  return { addonId, base: `plugin://${addonId}${match[2] ?? '/'}`, query };
}
