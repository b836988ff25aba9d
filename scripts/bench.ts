import { benchAuth } from './bench/auth-bench.js';
import { benchColdStart } from './bench/cold-start.js';
import { benchPo } from './bench/po-bench.js';
import { benchSettings } from './bench/settings-bench.js';

/** `npm run bench`: every benchmark, each printing ratios measured side by side in this run. */
async function main(): Promise<void> {
  const only = process.argv[2];
  const benches: Array<[string, () => Promise<string[]>]> = [
    ['cold-start', () => benchColdStart()],
    ['settings', () => benchSettings()],
    ['auth', () => benchAuth()],
    ['po', () => benchPo()],
  ];
  for (const [name, run] of benches) {
    if (only && only !== name) continue;
    process.stdout.write(`\n# ${name}\n`);
    for (const line of await run()) process.stdout.write(`${line}\n`);
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`bench failed: ${(error as Error).stack ?? String(error)}\n`);
  process.exitCode = 1;
});
