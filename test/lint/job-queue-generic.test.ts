import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO } from '../support/cli';

/** Migrations may read what older versions wrote (a payload, a parked lease); the running code may not. */
const MIGRATIONS = 'src/core/store/migrations/';

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(path);
    return /\.(ts|tsx|mts)$/.test(e.name) ? [path] : [];
  });
}

const PAYLOAD_IN_SQL = /json_extract\(\s*(?:\w+\.)?payload\b/;
const PARKED_LEASE = /lease_until\s*(?:=|IS|<>)\s*-1|\bPARKED\b/;

function filesMatching(re: RegExp): string[] {
  return sourceFiles(join(REPO, 'src'))
    .map((file) => relative(REPO, file))
    .filter((file) => !file.startsWith(MIGRATIONS) && re.test(readFileSync(join(REPO, file), 'utf8')))
    .sort();
}

describe('the job queue', () => {
  it('reads no job payload in SQL and parks no job with a lease sentinel: queries use the typed columns and the hold', () => {
    expect(filesMatching(PAYLOAD_IN_SQL)).toEqual([]);
    expect(filesMatching(PARKED_LEASE)).toEqual([]);
    expect(PAYLOAD_IN_SQL.test("json_extract(job.payload, '$.pageId')")).toBe(true);
    expect(PARKED_LEASE.test('UPDATE job SET lease_until = -1')).toBe(true);
  });

  it('knows nothing of what its jobs are for: its repository names no table but its own', () => {
    const code = readFileSync(join(REPO, 'src/core/store/job-repository.ts'), 'utf8');
    const tables = [...code.matchAll(/\b(?:FROM|JOIN|INTO|UPDATE)\s+([a-z_]+)\b/g)].map((m) => m[1]);
    expect(tables.length).toBeGreaterThan(0);
    expect([...new Set(tables)].sort()).toEqual(['job', 'job_hold']);
  });
});
