import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Runs real poppler/qpdf tools on PDF bytes written to a temp file. */
export function withPdfFile<T>(bytes: Uint8Array, fn: (path: string) => T): T {
  const dir = mkdtempSync(join(tmpdir(), 'sohoa-pdf-'));
  const path = join(dir, 'record.pdf');
  writeFileSync(path, bytes);
  try {
    return fn(path);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export function run(cmd: string, args: string[]): { status: number; stdout: string; stderr: string } {
  const r = spawnSync(cmd, args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  return { status: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

export function pdftotext(bytes: Uint8Array, ...args: string[]): string {
  return withPdfFile(bytes, (p) => execFileSync('pdftotext', [...args, p, '-'], { encoding: 'utf8' }));
}

export interface PdfsigResult {
  validity: string[];
  certificates: string[];
  raw: string;
}

/**
 * pdfsig exits 0 whatever it finds: read its "Signature Validation:" lines. It runs with a
 * fresh NSS database that trusts `trustedCa` (a PEM file) when one is given.
 */
export function pdfsig(bytes: Uint8Array, trustedCa?: string): PdfsigResult {
  return withPdfFile(bytes, (p) => {
    const nssDir = mkdtempSync(join(tmpdir(), 'sohoa-nss-'));
    try {
      execFileSync('certutil', ['-N', '-d', `sql:${nssDir}`, '--empty-password'], { stdio: 'pipe' });
      if (trustedCa)
        execFileSync('certutil', ['-A', '-d', `sql:${nssDir}`, '-n', 'test-ca', '-t', 'CT,C,C', '-i', trustedCa], { stdio: 'pipe' });
      const r = run('pdfsig', ['-nssdir', `sql:${nssDir}`, p]);
      const raw = r.stdout + r.stderr;
      return {
        raw,
        validity: [...raw.matchAll(/Signature Validation: (.*)/g)].map((m) => m[1]!.trim()),
        certificates: [...raw.matchAll(/Certificate Validation: (.*)/g)].map((m) => m[1]!.trim()),
      };
    } finally {
      rmSync(nssDir, { recursive: true, force: true });
    }
  });
}

export function qpdfCheck(bytes: Uint8Array): { status: number; output: string } {
  return withPdfFile(bytes, (p) => {
    const r = run('qpdf', ['--check', p]);
    return { status: r.status, output: r.stdout + r.stderr };
  });
}

export function writeTemp(bytes: Uint8Array, name: string): { path: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'sohoa-tmp-'));
  const path = join(dir, name);
  writeFileSync(path, bytes);
  return { path, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}
