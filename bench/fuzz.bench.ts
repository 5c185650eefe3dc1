/**
 * The longer fuzz run: the suite's seeded fuzz tests (images and scanner PDFs, CSV and XLSX
 * registers, bags, signed records, contract calls) with five times the inputs per parser (10,000 each, and 20,000
 * contract calls), on a seed given by SOHOA_FUZZ_SEED or taken from the clock, so each run
 * tries new cases. Prints the seed first: a failure is replayed with the same seed.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const repo = fileURLToPath(new URL('..', import.meta.url));
const seed = process.env.SOHOA_FUZZ_SEED ?? String(Date.now() % 2 ** 31);
process.stdout.write(`fuzz seed ${seed} (replay: SOHOA_FUZZ_SEED=${seed} npm run bench -- fuzz)\n`);
const started = Date.now();
const r = spawnSync(
  'npx',
  [
    'vitest',
    'run',
    'test/hostile/fuzz-import.test.ts',
    'test/hostile/fuzz-registers.test.ts',
    'test/hostile/fuzz-bags.test.ts',
    'test/hostile/fuzz-records.test.ts',
    'test/hostile/fuzz-transport.test.ts',
    '--testTimeout',
    '3600000',
  ],
  {
    cwd: repo,
    stdio: 'inherit',
    env: {
      ...process.env,
      SOHOA_FUZZ_SEED: seed,
      SOHOA_FUZZ_SCALE: process.env.SOHOA_FUZZ_SCALE ?? '5',
      SOHOA_FUZZ_CASES: process.env.SOHOA_FUZZ_CASES ?? '20000',
    },
  },
);
process.stdout.write(`fuzz: ${((Date.now() - started) / 1000).toFixed(0)} s, exit ${r.status}\n`);
process.exit(r.status ?? 1);
