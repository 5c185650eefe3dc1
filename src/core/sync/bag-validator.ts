import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { lstat, readdir, readFile, realpath } from 'node:fs/promises';
import { isAbsolute, join, posix, relative, sep } from 'node:path';
import { BAG, decodeManifestPath } from './bag-layout';

export interface BagProblem {
  code:
    | 'bag.no-declaration'
    | 'bag.no-manifest'
    | 'bag.bad-manifest-line'
    | 'bag.unsafe-path'
    | 'bag.missing-file'
    | 'bag.extra-file'
    | 'bag.hash-mismatch'
    | 'bag.oxum-mismatch';
  path?: string;
  detail?: string;
}

export interface BagReport {
  /** Every manifest file present, nothing extra in data/, no unsafe names. */
  complete: boolean;
  /** Complete, and every file matches its SHA-256 (fixity). */
  valid: boolean;
  problems: BagProblem[];
  payload: { path: string; sha256: string }[];
  info: Map<string, string[]>;
}

/** A manifest path is safe when it stays inside the bag: relative, no `..`, no backslash or drive. */
export function isSafeBagPath(path: string): boolean {
  if (!path || isAbsolute(path) || path.startsWith('/') || /^[a-zA-Z]:/.test(path) || path.includes('\\') || path.includes('\0'))
    return false;
  const normalized = posix.normalize(path);
  return normalized === path && !normalized.split('/').includes('..') && !normalized.startsWith('./');
}

export async function sha256OfFile(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

async function readText(path: string): Promise<string | undefined> {
  try {
    return await readFile(path, 'utf8');
  } catch {
    return undefined;
  }
}

function parseManifest(text: string, problems: BagProblem[], mustStartWith?: string): { path: string; sha256: string }[] {
  const entries: { path: string; sha256: string }[] = [];
  for (const line of text.split(/\r?\n/)) {
    if (!line.trim()) continue;
    const m = /^([0-9a-fA-F]{64})[ \t]+(.+)$/.exec(line);
    if (!m) {
      problems.push({ code: 'bag.bad-manifest-line', detail: line.slice(0, 200) });
      continue;
    }
    const path = decodeManifestPath(m[2]!);
    if (!isSafeBagPath(path) || (mustStartWith && !path.startsWith(mustStartWith))) {
      problems.push({ code: 'bag.unsafe-path', path });
      continue;
    }
    entries.push({ path, sha256: m[1]!.toLowerCase() });
  }
  return entries;
}

function parseInfo(text: string): Map<string, string[]> {
  const info = new Map<string, string[]>();
  let last: [string, string[]] | undefined;
  for (const line of text.split(/\r?\n/)) {
    if (/^\s/.test(line) && last) {
      last[1][last[1].length - 1] += ` ${line.trim()}`;
      continue;
    }
    const m = /^([^:]+):\s*(.*)$/.exec(line);
    if (!m) continue;
    const values = info.get(m[1]!) ?? [];
    values.push(m[2]!);
    info.set(m[1]!, values);
    last = [m[1]!, values];
  }
  return info;
}

/** Whether a path, its links resolved, is still inside the bag (a folder of the bag may be a symbolic link to elsewhere). */
async function staysInside(root: string, full: string): Promise<boolean> {
  const [realRoot, real] = await Promise.all([realpath(root), realpath(full)]).catch(() => [root, full]);
  const rel = relative(realRoot, real);
  return !isAbsolute(rel) && !rel.split(sep).includes('..');
}

async function listFiles(root: string, dir: string, problems: BagProblem[]): Promise<string[]> {
  const out: string[] = [];
  if ((await lstat(join(root, dir)).catch(() => undefined))?.isSymbolicLink()) {
    problems.push({ code: 'bag.unsafe-path', path: dir, detail: 'symbolic link' });
    return out;
  }
  let entries;
  try {
    entries = await readdir(join(root, dir), { withFileTypes: true });
  } catch {
    return out;
  }
  for (const e of entries) {
    const rel = `${dir}/${e.name}`;
    if (e.isSymbolicLink()) problems.push({ code: 'bag.unsafe-path', path: rel, detail: 'symbolic link' });
    else if (e.isDirectory()) out.push(...(await listFiles(root, rel, problems)));
    else if (e.isFile()) out.push(rel);
  }
  return out;
}

/** Checks a bag for completeness and fixity (RFC 8493 §3), refusing names that leave the bag. */
export async function validateBag(dir: string): Promise<BagReport> {
  const problems: BagProblem[] = [];
  const declaration = await readText(join(dir, BAG.declaration));
  if (!declaration || !/^BagIt-Version:\s*\d+\.\d+/m.test(declaration))
    problems.push({ code: 'bag.no-declaration', path: BAG.declaration });
  const info = parseInfo((await readText(join(dir, BAG.info))) ?? '');
  const manifestText = await readText(join(dir, BAG.manifest));
  if (manifestText === undefined) problems.push({ code: 'bag.no-manifest', path: BAG.manifest });
  const payload = parseManifest(manifestText ?? '', problems, `${BAG.payloadDir}/`);
  const tags = parseManifest((await readText(join(dir, BAG.tagManifest))) ?? '', problems);

  const check = async (entry: { path: string; sha256: string }) => {
    const full = join(dir, ...entry.path.split('/'));
    if (relative(dir, full).split(sep).includes('..')) return problems.push({ code: 'bag.unsafe-path', path: entry.path });
    const stat = await lstat(full).catch(() => undefined);
    if (!stat) return problems.push({ code: 'bag.missing-file', path: entry.path });
    if (!stat.isFile()) return problems.push({ code: 'bag.unsafe-path', path: entry.path, detail: 'not a regular file' });
    if (!(await staysInside(dir, full)))
      return problems.push({ code: 'bag.unsafe-path', path: entry.path, detail: 'reached through a symbolic link' });
    const actual = await sha256OfFile(full);
    if (actual !== entry.sha256)
      problems.push({ code: 'bag.hash-mismatch', path: entry.path, detail: `manifest ${entry.sha256}, file ${actual}` });
    return stat.size;
  };
  let octets = 0;
  for (const entry of payload) {
    const size = await check(entry);
    if (typeof size === 'number' && size > 0 && !problems.some((p) => p.path === entry.path)) octets += size;
  }
  for (const entry of tags)
    if (entry.path.startsWith(`${BAG.payloadDir}/`) || entry.path === BAG.tagManifest)
      problems.push({ code: 'bag.unsafe-path', path: entry.path, detail: 'not a tag file' });
    else await check(entry);

  const listed = new Set(payload.map((p) => p.path));
  for (const file of await listFiles(dir, BAG.payloadDir, problems))
    if (!listed.has(file)) problems.push({ code: 'bag.extra-file', path: file });

  const oxum = info.get('Payload-Oxum')?.[0];
  if (oxum && !problems.some((p) => p.code === 'bag.missing-file' || p.code === 'bag.hash-mismatch')) {
    const [bytes, count] = oxum.split('.').map(Number);
    if (bytes !== octets || count !== payload.length)
      problems.push({ code: 'bag.oxum-mismatch', detail: `Payload-Oxum ${oxum}, found ${octets}.${payload.length}` });
  }
  const complete = !problems.some((p) => p.code !== 'bag.hash-mismatch');
  return { complete, valid: problems.length === 0, problems, payload, info };
}
