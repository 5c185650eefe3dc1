import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { foldVietnamese } from '../../src/shared/fold';
import { REPO } from '../support/cli';
import { tempDir } from '../support/temp-dir';
import { corpusPages, imageBytes } from './corpus';

const pages = corpusPages();

/**
 * Runs `sohoa ocr` in a child process with no network at all: a fresh network namespace (not even
 * loopback is up) and proxies pointing at a closed port. Any download attempt would fail the run.
 */
function ocrOffline(args: string[], dataDir: string) {
  const env = {
    ...process.env,
    HTTP_PROXY: 'http://127.0.0.1:9',
    HTTPS_PROXY: 'http://127.0.0.1:9',
    http_proxy: 'http://127.0.0.1:9',
    https_proxy: 'http://127.0.0.1:9',
    SOHOA_DATA_DIR: dataDir,
  };
  const r = spawnSync('unshare', ['-n', process.execPath, `${REPO}/bin/sohoa.mjs`, 'ocr', ...args], {
    cwd: dataDir,
    env,
    encoding: 'utf8',
    timeout: 120_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('sohoa ocr', () => {
  const dir = tempDir('sohoa-ocr-cli-');
  const files: Record<string, string> = {};
  beforeAll(async () => {
    // The top of two clean pages at full resolution: title, applicant and CCCD lines.
    for (const id of ['viadm-18d1', 'viadm-c0af']) {
      const p = pages.find((x) => x.id === id)!;
      files[id] = join(dir.path, `${id}-top.png`);
      await sharp(imageBytes(p)).extract({ left: 0, top: 0, width: p.width_px, height: 1100 }).png().toFile(files[id]);
    }
    files.corrupt = join(dir.path, 'corrupt.jpg');
    writeFileSync(files.corrupt, imageBytes(pages.find((x) => x.id === 'viadm-1bec')!).subarray(0, 3000));
  });
  afterAll(() => dir.remove());

  it('prints JSON Lines with words, boxes, confidence and fields, offline, reading pages in parallel', () => {
    const r = ocrOffline(['--json', '--workers', '2', files['viadm-18d1']!, files['viadm-c0af']!], dir.path);
    expect(r.stderr).not.toMatch(/sohoa ocr:/);
    expect(r.code).toBe(0);
    const lines = r.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines.map((l) => l.file)).toEqual([files['viadm-18d1'], files['viadm-c0af']]);
    for (const [i, id] of ['viadm-18d1', 'viadm-c0af'].entries()) {
      const out = lines[i];
      const p = pages.find((x) => x.id === id)!;
      expect(foldVietnamese(out.text)).toContain('to khai dang ky khai sinh');
      expect(out.words.length).toBeGreaterThan(50);
      expect(out.words[0]).toMatchObject({
        text: expect.any(String),
        bbox: { x0: expect.any(Number), y1: expect.any(Number) },
        confidence: expect.any(Number),
      });
      expect(out.confidence).toBeGreaterThan(80);
      expect(out.fields.cccd.map((f: { value: string }) => f.value)).toEqual(p.fields.cccd);
      expect(out.fields.docKind.kind).toBe(p.doc_kind);
    }
  });

  it('prints plain text, pages separated by a form feed; a corrupt file gets an error line and exit 1', () => {
    const r = ocrOffline([files['viadm-18d1']!, files.corrupt!, files['viadm-c0af']!], dir.path);
    expect(r.code).toBe(1);
    const errors = r.stderr.split('\n').filter((l) => l.startsWith('sohoa ocr:'));
    expect(errors).toHaveLength(1);
    expect(errors[0]).toContain('corrupt.jpg');
    expect(errors[0]).toMatch(/\[(ocr|image)\.[a-z-]+\]$/);
    const texts = r.stdout.split('\f');
    expect(texts).toHaveLength(2);
    for (const t of texts) expect(foldVietnamese(t)).toContain('cong hoa xa hoi chu nghia viet nam');
  });

  it('fails at once with a one-line reason on a missing file', () => {
    const r = ocrOffline([files['viadm-18d1']!, join(dir.path, 'missing.png')], dir.path);
    expect(r.code).not.toBe(0);
    expect(r.stdout).toBe('');
    expect(
      r.stderr
        .trim()
        .split('\n')
        .filter((l) => l.startsWith('sohoa')),
    ).toEqual([`sohoa ocr: file not found: ${join(dir.path, 'missing.png')} [file.not-found]`]);
  });
});
