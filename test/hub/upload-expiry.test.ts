import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../support/temp-dir';
import { startPostgres, type TestPostgres } from './support/postgres';
import { startTestHub, type TestHub } from './support/hub-harness';
import { enrollAtHub } from './support/enroll';

const EXPIRY_MS = 1_500;

/** Uploads begun and never finished: counted in /healthz, removed once expired, finished ones kept for their commit. */
describe('unfinished tus uploads expire', () => {
  const blobs = tempDir('sohoa-hub-blobs-');
  let postgres: TestPostgres;
  let hub: TestHub;
  let token: string;

  beforeAll(async () => {
    postgres = await startPostgres();
    hub = await startTestHub(await postgres.createDatabase('hub_expiry'), blobs.path, {
      uploadExpiryMs: EXPIRY_MS,
      uploadSweepMs: 3_600_000,
    });
    ({ token } = await enrollAtHub(hub.url, await hub.hub.credentials.issueCode('workstation')));
  });
  afterAll(async () => {
    await hub?.close();
    postgres?.stop();
    blobs.remove();
  });

  const begin = async (length: number, body?: Buffer) => {
    const headers: Record<string, string> = {
      authorization: `Bearer ${token}`,
      'tus-resumable': '1.0.0',
      'upload-length': String(length),
      'upload-metadata': `sha256 ${Buffer.from('a'.repeat(64)).toString('base64')}`,
    };
    if (body) headers['content-type'] = 'application/offset+octet-stream';
    const r = await fetch(`${hub.url}/files`, { method: 'POST', headers, body: body ? new Uint8Array(body) : undefined });
    expect(r.status).toBe(201);
    return r.headers.get('location')!.split('/').pop()!;
  };
  const health = async () =>
    ((await (await fetch(`${hub.url}/healthz`)).json()) as { uploads: { unfinished: number; expiredRemoved: number } }).uploads;
  const tusDir = join(blobs.path, 'tus');

  it('counts an unfinished upload, removes it after its expiry, and keeps a newer one', async () => {
    const partial = await begin(1000, Buffer.alloc(10, 1));
    expect(await health()).toEqual({ unfinished: 1, expiredRemoved: 0 });
    expect(await hub.hub.sweepUploads()).toBe(0);
    await new Promise((r) => setTimeout(r, EXPIRY_MS + 300));
    const whole = await begin(10, Buffer.alloc(10, 2));
    expect(await health()).toEqual({ unfinished: 1, expiredRemoved: 0 });
    expect(await hub.hub.sweepUploads()).toBe(1);
    expect(existsSync(join(tusDir, partial))).toBe(false);
    expect(readdirSync(tusDir).filter((f) => f.startsWith(partial))).toEqual([]);
    expect(existsSync(join(tusDir, whole))).toBe(true);
    expect(await health()).toEqual({ unfinished: 0, expiredRemoved: 1 });
    const resumed = await fetch(`${hub.url}/files/${partial}`, {
      method: 'HEAD',
      headers: { authorization: `Bearer ${token}`, 'tus-resumable': '1.0.0' },
    });
    expect([404, 410]).toContain(resumed.status);
  });
});
