import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** Actions written through a template, spelled out: a new template fails the scan until it is listed here. */
const TEMPLATES: Record<string, string[]> = {
  'batch.${action}': ['batch.pause', 'batch.resume', 'batch.cancel'],
  'auth.${purpose}-failed': ['auth.login-failed', 'auth.unlock-failed'],
};

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sources(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
  );
}

const DOTTED = /'([a-z]+(?:\.[a-z][a-z-]*)+)'/g;
const dotted = (text: string): string[] => [...text.matchAll(DOTTED)].map((m) => m[1] ?? '');

/** Every audit action the code under `roots` (e.g. src/core, src/hub) can write, read from its sources. */
export function auditActions(roots: string[]): { actions: Set<string>; unknownTemplates: string[] } {
  const actions = new Set<string>();
  const unknownTemplates: string[] = [];
  for (const file of roots.flatMap(sources)) {
    const text = readFileSync(file, 'utf8');
    const constants = new Map([...text.matchAll(/const (\w+) = '([a-z.-]+)';/g)].map((m) => [m[1] ?? '', m[2] ?? '']));
    // One statement at a time, whatever the formatter did with its lines.
    for (const line of text.replace(/\s*\n\s*/g, ' ').split(';')) {
      // `action: …` in an audit entry (literal, ternary of literals, template or constant).
      const field = /\baction: (`[^`]*`|[^,}]+)/.exec(line);
      if (field && /audit|append/.test(line)) {
        const value = (field[1] ?? '').trim();
        dotted(value).forEach((a) => actions.add(a));
        const template = /`([^`]+)`/.exec(value);
        if (template) {
          const spelled = TEMPLATES[template[1] ?? ''];
          if (spelled) spelled.forEach((a) => actions.add(a));
          else unknownTemplates.push(`${file}: ${template[1]}`);
        }
        const constant = constants.get(value);
        if (constant) actions.add(constant);
      }
      // Actions handed to the helpers that write the entry: sessions' start(), the sync runner's withAudit()/recorded().
      if (/\b(this\.start|withAudit|recorded)\(/.test(line) && !/private (withAudit|recorded|start)\(/.test(line)) {
        const last = dotted(line).filter((a) => a.startsWith('auth.') || a.startsWith('sync.'));
        last.forEach((a) => actions.add(a));
      }
    }
  }
  return { actions, unknownTemplates };
}
