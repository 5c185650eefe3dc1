import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

/** The folders whose sources raise or produce error codes. */
export const CODE_SOURCES = ['src/core', 'src/hub', 'src/cli', 'src/shared', 'src/renderer/src', 'electron'];

const CODE = /['"]([a-z][a-z0-9-]*(?:\.[a-z0-9-]+)+)['"]/g;
const RAISE = /(?:\bnew [A-Z]\w*Error|\bsuper|\bCodedError)\s*\(/g;
const CODE_PROPERTY = /\bcode:\s*['"]([a-z][a-z0-9-]*(?:\.[a-z0-9-]+)+)['"]/g;
const NOT_FOUND = /\bnew NotFoundError\(\s*['"]([a-z-]+)['"]/g;
const CODE_VARIABLE = /\b(?:const|let)\s+code\s*=([^;]*);/g;
const CALL_WITH_LITERAL = /\w\(\s*['"][^'"]*['"]\s*\)/g;

/** The first argument of the call whose `(` ends at `start`: up to the first comma or `)` outside brackets and strings. */
function firstArgument(text: string, start: number): string {
  let depth = 0;
  let quote = '';
  for (let i = start; i < text.length; i++) {
    const c = text[i]!;
    if (quote) {
      if (c === '\\') i++;
      else if (c === quote) quote = '';
    } else if (c === "'" || c === '"' || c === '`') quote = c;
    else if (c === '(' || c === '[' || c === '{') depth++;
    else if (c === ')' || c === ']' || c === '}') {
      if (depth === 0) return text.slice(start, i);
      depth--;
    } else if (c === ',' && depth === 0) return text.slice(start, i);
  }
  return text.slice(start);
}

/** Every code a source raises (`new XError('a.b', …)`, `super('a.b' …)`, a ternary of codes) or puts in a `code:` field. */
export function codesIn(text: string): string[] {
  const found = new Set<string>();
  for (const m of text.matchAll(RAISE)) for (const c of firstArgument(text, m.index + m[0].length).matchAll(CODE)) found.add(c[1]!);
  for (const m of text.matchAll(CODE_PROPERTY)) found.add(m[1]!);
  for (const m of text.matchAll(NOT_FOUND)) found.add(`${m[1]}.not-found`);
  // A literal passed to a call there is an argument (`settings.value('agency.code')`), not a code.
  for (const m of text.matchAll(CODE_VARIABLE)) for (const c of m[1]!.replace(CALL_WITH_LITERAL, '').matchAll(CODE)) found.add(c[1]!);
  return [...found];
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return e.name === 'i18n' || e.name === 'error-codes' ? [] : sourceFiles(path);
    return /\.tsx?$/.test(e.name) ? [path] : [];
  });
}

/** Each code found in the sources, with the files that raise it. */
export function thrownCodes(repo: string): Map<string, string[]> {
  const codes = new Map<string, string[]>();
  for (const root of CODE_SOURCES)
    for (const file of sourceFiles(join(repo, root)))
      for (const code of codesIn(readFileSync(file, 'utf8'))) codes.set(code, [...(codes.get(code) ?? []), relative(repo, file)]);
  return codes;
}
