import { createHash } from 'node:crypto';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BAG } from '../../src/core/sync/bag-layout';
import { validateBag } from '../../src/core/sync/bag-validator';
import { tempDir } from '../support/temp-dir';
import { CASES_PER_PARSER, finish, FUZZ_SEED, newOutcome, summary, withinLimit } from './fuzz-support';
import { mutate, prng, type Mutation } from './mutate';

const MUTATIONS: Mutation[] = ['truncate', 'flip', 'splice', 'zero-run'];
const sha = (b: Uint8Array | string) => createHash('sha256').update(b).digest('hex');

function bagSeed(dir: string): Map<string, Buffer> {
  const payload = Buffer.from('%PDF-1.7\n% hồ sơ số hóa\n1 0 obj << >> endobj\n%%EOF\n');
  const files = new Map<string, Buffer>();
  files.set(BAG.declaration, Buffer.from('BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n'));
  files.set('data/HS-001_1_v1.pdf', payload);
  files.set(BAG.info, Buffer.from(`Source-Organization: UBND xã Thử\nPayload-Oxum: ${payload.length}.1\nExternal-Identifier: HS-001\n`));
  files.set(BAG.manifest, Buffer.from(`${sha(payload)}  data/HS-001_1_v1.pdf\n`));
  const tags = [BAG.declaration, BAG.info, BAG.manifest].map((n) => `${sha(files.get(n)!)}  ${n}`).join('\n');
  files.set(BAG.tagManifest, Buffer.from(`${tags}\n`));
  writeBag(dir, files);
  return files;
}

function writeBag(dir: string, files: Map<string, Buffer>): void {
  rmSync(dir, { recursive: true, force: true });
  for (const [name, bytes] of files) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), bytes);
  }
}

describe('hostile input: mutated BagIt bags fed to the bag validator', () => {
  const dir = tempDir();
  afterAll(() => dir.remove());

  it(`${CASES_PER_PARSER} bags with a damaged manifest, tag file or payload: each damage found, none taken as valid, nothing throws`, async () => {
    const random = prng(FUZZ_SEED + 3);
    const bagDir = join(dir.path, 'bag');
    const original = bagSeed(bagDir);
    expect((await validateBag(bagDir)).valid).toBe(true);
    const names = [...original.keys()];
    const o = newOutcome('bag');
    for (let i = 0; i < CASES_PER_PARSER; i++) {
      const name = names[i % names.length]!;
      const kind = MUTATIONS[i % MUTATIONS.length]!;
      const what = `bag case ${i} (${kind} of ${name})`;
      const bytes = mutate(original.get(name)!, original.get(names[(i + 1) % names.length]!)!, random, kind);
      // Only the damaged file is written, and put back after: the bag on disk is otherwise the seed's.
      writeFileSync(join(bagDir, name), bytes);
      o.cases++;
      try {
        const report = await withinLimit(validateBag(bagDir), what);
        const changed = !bytes.equals(original.get(name)!);
        // The tag manifest is the one file nothing else covers: some edits of it (a hex digit's case, a blank line) change nothing that matters.
        if (changed && name !== BAG.tagManifest && report.valid) o.findings.push(`false "valid": ${what} went unnoticed`);
        if (report.valid) o.accepted++;
        else for (const p of report.problems) o.rejected.set(p.code, (o.rejected.get(p.code) ?? 0) + 1);
      } catch (e) {
        // The validator reports problems; it never throws, coded or not.
        o.findings.push(`threw: ${what}: ${(e as Error).message}`);
      }
      writeFileSync(join(bagDir, name), original.get(name)!);
    }
    console.log(summary(finish(o)));
    expect(o.findings, summary(o)).toEqual([]);
    expect(o.rejected.get('bag.hash-mismatch') ?? 0).toBeGreaterThan(0);
  });
});
