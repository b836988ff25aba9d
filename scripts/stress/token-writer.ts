import nodeFs from 'node:fs';
import { writeFileAtomic } from '../../src/host/atomic-write.js';
import { emptyLogin, serializeTokenFile } from '../../addon/auth/token-file.js';

/**
 * The token file's text for version `n`: a whole token set whose every field names `n`, padded so a
 * write takes several pages and a kill can land inside it.
 */
export function tokenFileVersion(n: number): string {
  const tag = String(n).padStart(6, '0');
  return serializeTokenFile({
    ...emptyLogin(),
    accessToken: `access${tag}`.padEnd(30, 'a'),
    refreshToken: `refresh${tag}`.padEnd(50, 'r'),
    expiry: 1_800_000_000 + n,
    login: `viewer${tag}`,
    extra: { padding: `${tag}:`.repeat(24 * 1024) },
  });
}

/**
 * `node token-writer.js FILE atomic|in-place`: writes versions 1, 2, 3… of the token file over and
 * over, printing each number once its write has returned, until killed. `in-place` is the naive
 * writer the fault test uses as a control: it must be caught tearing the file.
 */
async function main(): Promise<void> {
  const [file, how] = process.argv.slice(2);
  if (!file || (how !== 'atomic' && how !== 'in-place')) {
    process.stderr.write('usage: token-writer FILE atomic|in-place\n');
    process.exit(2);
  }
  process.stdout.write('ready\n');
  for (let n = 1; ; n++) {
    const text = tokenFileVersion(n);
    if (how === 'atomic') await writeFileAtomic(nodeFs, file, text, { mode: 0o600 });
    else await nodeFs.promises.writeFile(file, text, { mode: 0o600 });
    process.stdout.write(`${n}\n`);
  }
}

const invokedAs = process.argv[1] ?? '';
if (/(^|[/\\])token-writer\.js$/.test(invokedAs)) void main();
