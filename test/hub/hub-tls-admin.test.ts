import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { request } from 'node:https';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../support/temp-dir';
import { runSohoa } from '../support/cli';
import { startPostgres, type TestPostgres } from './support/postgres';
import { startTestHub, type TestHub } from './support/hub-harness';

let postgres: TestPostgres;
let hub: TestHub;
let dbUrl: string;
const dir = tempDir('sohoa-hub-tls-');

function httpsJson(url: string, ca: Buffer, method = 'GET', body?: unknown): Promise<{ status: number; body: unknown }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method, ca, headers: body ? { 'content-type': 'application/json' } : {} }, (res) => {
      let text = '';
      res.on('data', (c: Buffer) => (text += c.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text ? JSON.parse(text) : undefined }));
    });
    req.on('error', reject);
    req.end(body ? JSON.stringify(body) : undefined);
  });
}

beforeAll(async () => {
  postgres = await startPostgres();
  dbUrl = await postgres.createDatabase('hub_tls');
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-days',
      '2',
      '-subj',
      '/CN=127.0.0.1',
      '-addext',
      'subjectAltName=IP:127.0.0.1',
      '-keyout',
      join(dir.path, 'key.pem'),
      '-out',
      join(dir.path, 'cert.pem'),
    ],
    { stdio: 'pipe' },
  );
  hub = await startTestHub(dbUrl, join(dir.path, 'blobs'), {
    tls: { cert: readFileSync(join(dir.path, 'cert.pem')), key: readFileSync(join(dir.path, 'key.pem')) },
  });
}, 60_000);

afterAll(async () => {
  await hub?.close();
  postgres?.stop();
  dir.remove();
});

describe('hub over TLS, administered from the command line', () => {
  it('serves HTTPS when given a certificate, and enrolls with a code issued by `sohoa hub issue-code`', async () => {
    const ca = readFileSync(join(dir.path, 'cert.pem'));
    const url = hub.url.replace('http:', 'https:');
    expect(await httpsJson(`${url}/healthz`, ca)).toMatchObject({ status: 200, body: { ok: true } });
    await expect(fetch(`${hub.url}/healthz`)).rejects.toThrow();

    const issued = runSohoa(['hub', 'issue-code', '--db', dbUrl]);
    expect(issued.code).toBe(0);
    const code = issued.stdout.trim();
    const enrolled = await httpsJson(`${url}/enroll`, ca, 'POST', { code, name: 'desk over TLS' });
    expect(enrolled.status).toBe(200);
    const { workstationId } = enrolled.body as { workstationId: string };

    const revoked = runSohoa(['hub', 'revoke', workstationId, '--db', dbUrl]);
    expect(revoked.code).toBe(0);
    expect(revoked.stdout).toContain(`revoked 1 credential(s) of ${workstationId}`);
    expect(await hub.hub.credentials.isActiveWorkstation(workstationId)).toBe(false);

    const usage = runSohoa(['hub', '--blobs', dir.path]);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toContain('--db is required');
  });
});
