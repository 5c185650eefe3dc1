/**
 * `npm run bench`: installs the reference tools, then runs every bench/*.bench.ts in its own
 * process (so one's memory does not count against another's). `npm run bench -- ocr` runs those
 * whose name contains "ocr".
 */
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const here = fileURLToPath(new URL('.', import.meta.url));
const filter = process.argv.slice(2);
const install = spawnSync('bash', [`${here}install-reference-tools.sh`], { stdio: 'inherit' });
if (install.status !== 0) process.exit(install.status ?? 1);

const files = readdirSync(here)
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => filter.length === 0 || filter.some((w) => f.includes(w)))
  .sort();
let failed = 0;
for (const f of files) {
  process.stdout.write(`\n=== ${f} ===\n`);
  const r = spawnSync(process.execPath, ['--import', 'tsx', `${here}${f}`], { stdio: 'inherit' });
  if (r.status !== 0) failed++;
}
process.exit(failed ? 1 : 0);
