/**
 * Makes more pages like test/fixtures/vi-admin (same fonts, sizes, variants and manifest), so OCR
 * figures can be judged on pages nobody tuned on:
 *
 *   npx tsx bench/corpus/generate.ts --out test/fixtures/vi-admin-holdout --seed 2026 --per-variant 4
 *
 * The same seed makes the same pages. Texts are fictional (bench/corpus/documents.ts).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { DOCUMENT_KINDS } from './documents';
import { Random } from './random';
import { renderPage } from './render-page';
import { scanVariant, type Variant } from './scan-variants';

const { values } = parseArgs({
  options: {
    out: { type: 'string' },
    seed: { type: 'string', default: '1' },
    'per-variant': { type: 'string', default: '4' },
    prefix: { type: 'string', default: 'gen' },
  },
});
if (!values.out) throw new Error('--out DIR is required');
const out = values.out;
const seed = Number(values.seed);
const perVariant = Number(values['per-variant']);
const variants: Variant[] = ['clean', 'degraded', 'stamp', 'rotated'];

for (const sub of ['images', 'truth', 'truth/alt']) mkdirSync(join(out, sub), { recursive: true });
const r = new Random(seed);
const pages = [];
let n = 0;
for (const variant of variants) {
  for (let k = 0; k < perVariant; k++, n++) {
    const doc = r.pick(DOCUMENT_KINDS)(r);
    const bodyPt = r.pick([13, 14]);
    const rendered = await renderPage(doc, bodyPt);
    const scan = await scanVariant(rendered, variant, r);
    const id = `${values.prefix}-${seed}-${String(n).padStart(2, '0')}`;
    const file = `images/${id}.${scan.format}`;
    writeFileSync(join(out, file), scan.bytes);
    writeFileSync(join(out, 'truth', `${id}.txt`), `${rendered.truth.join('\n')}\n`);
    const alts = rendered.alternatives.map((lines, i) => {
      const alt = `truth/alt/${id}.${i + 1}.txt`;
      writeFileSync(join(out, alt), `${lines.join('\n')}\n`);
      return alt;
    });
    const meta = await import('sharp').then((s) => s.default(scan.bytes).metadata());
    pages.push({
      id,
      file,
      truth: `truth/${id}.txt`,
      truth_alt: alts,
      variant,
      dpi: scan.dpi,
      rotation: scan.rotation,
      skew_deg: scan.skew,
      expected_blank: false,
      color: scan.color,
      format: scan.format,
      width_px: meta.width,
      height_px: meta.height,
      doc_kind: doc.kind,
      doc_title: doc.title,
      font: 'Liberation Serif',
      body_pt: bodyPt,
      fields: doc.fields,
    });
    process.stdout.write(`${id} ${variant} ${doc.kind}\n`);
  }
}
const manifest = {
  name: values.prefix,
  version: 1,
  generator: `bench/corpus/generate.ts --seed ${seed} --per-variant ${perVariant}`,
  truth_convention: 'as vi-admin: side-by-side blocks column by column in truth/, row by row in truth/alt/',
  rotation_convention: 'degrees the page content is turned clockwise in the stored image',
  pages,
};
writeFileSync(join(out, 'manifest.json'), `${JSON.stringify(manifest, null, 1)}\n`);
