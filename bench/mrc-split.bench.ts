/**
 * The MRC split alone (splitMrcLayers), CPU milliseconds per call: corpus pages decoded as the record
 * assembly decodes them (not timed), each split `--rounds` times, the median and the fastest kept, and
 * the text mask's ink pixels (to see that a change of speed left the mask as it was).
 *
 *   npx tsx bench/mrc-split.bench.ts [--rounds R] [--pages viadm-18d1,viadm-3ada,viadm-c025]
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import sharp from 'sharp';
import { splitMrcLayers } from '../src/core/imaging/mrc-layers';

const CORPUS = fileURLToPath(new URL('../test/fixtures/vi-admin', import.meta.url));
const { values } = parseArgs({ options: { rounds: { type: 'string' }, pages: { type: 'string' } } });
const rounds = Number(values.rounds ?? 9);
const ids = (values.pages ?? 'viadm-18d1,viadm-3ada,viadm-c025').split(',');
const manifest = (
  JSON.parse(readFileSync(join(CORPUS, 'manifest.json'), 'utf8')) as { pages: { id: string; file: string; dpi: number; color: string }[] }
).pages;

let total = 0;
for (const id of ids) {
  const page = manifest.find((p) => p.id === id)!;
  const channels = page.color === 'rgb' ? 3 : 1;
  let pipeline = sharp(readFileSync(join(CORPUS, page.file))).flatten({ background: '#ffffff' });
  pipeline = channels === 1 ? pipeline.greyscale().toColourspace('b-w') : pipeline.toColourspace('srgb');
  const { data, info } = await pipeline.raw().toBuffer({ resolveWithObject: true });
  const image = { pixels: data, width: info.width, height: info.height, channels: channels as 1 | 3 };
  const times: number[] = [];
  let ink = 0;
  for (let r = 0; r < rounds; r++) {
    const before = process.cpuUsage();
    const layers = splitMrcLayers(image, page.dpi, 3);
    const used = process.cpuUsage(before);
    times.push((used.user + used.system) / 1000);
    ink = layers.text.reduce((n, v) => n + (v ? 1 : 0), 0);
  }
  times.sort((a, b) => a - b);
  const median = times[Math.floor(rounds / 2)]!;
  total += median;
  console.log(
    `${id} ${channels === 3 ? 'colour' : 'grey'} ${page.dpi} dpi ${info.width}x${info.height}: median ${median.toFixed(1)} ms CPU, fastest ${times[0]!.toFixed(1)} ms; text mask ${ink} ink pixels`,
  );
}
console.log(`sum of medians ${total.toFixed(1)} ms CPU; load ${readFileSync('/proc/loadavg', 'utf8').trim()}`);
