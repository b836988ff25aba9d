import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { emptyLogin, parseTokenFile, serializeTokenFile, tokenFingerprint } from '../../addon/auth/token-file.js';
import { tokenFileValidatorSource } from '../../scripts/generate-validators.js';
import { repoRoot } from '../helpers/hosts.js';

describe('the token file', () => {
  it('has a compiled validator that matches its schema (run `npm run generate` after changing it)', () => {
    const committed = readFileSync(join(repoRoot, 'addon/auth/token-file.validate.generated.ts'), 'utf8');
    expect(committed).toBe(tokenFileValidatorSource());
  });

  it('writes the Python add-on three fields first and leaves empty optional ones out', () => {
    const text = serializeTokenFile({ ...emptyLogin(), accessToken: 'a', refreshToken: 'r', expiry: 1780000000 });
    expect(text).toBe('{"access":"a","refresh":"r","expiry":1780000000}\n');
  });

  it('reads back everything it writes', () => {
    const login = {
      ...emptyLogin(),
      accessToken: 'a',
      refreshToken: 'r',
      expiry: 1780000000.5,
      login: 'viewer',
      userId: '42',
      scopes: ['chat:read'],
      clientId: 'cid',
      mirrored: [tokenFingerprint('a')],
      notice: 'relogin',
      refreshFailures: 2,
      retryAt: 1780000100,
      refreshInDoubt: true,
      extra: { written_by: 'python' },
    };
    expect(parseTokenFile(serializeTokenFile(login))).toEqual({ ok: true, login });
  });

  it.each([
    ['not JSON', '{"access": "a", "refresh": "r"', /not valid JSON/],
    ['a list', '[]', /must be object/],
    ['a missing field', '{"access": "a", "refresh": "r"}', /must have required property 'expiry'/],
    ['expiry as text', '{"access": "a", "refresh": "r", "expiry": "1780000000.0"}', /\/expiry must be number/],
    ['a negative failure count', '{"access": "a", "refresh": "r", "expiry": 0, "refresh_failures": -1}', /refresh_failures must be >= 0/],
  ])('names the defect of %s', (_what, text, reason) => {
    const parsed = parseTokenFile(text);
    expect(parsed.ok).toBe(false);
    expect(parsed.ok ? '' : parsed.reason).toMatch(reason);
  });

  it('fingerprints are short, stable and do not contain the token', () => {
    const print = tokenFingerprint('supersecrettoken');
    expect(print).toMatch(/^[0-9a-f]{16}$/);
    expect(print).toBe(tokenFingerprint('supersecrettoken'));
    expect(print).not.toBe(tokenFingerprint('supersecrettoke'));
  });
});
