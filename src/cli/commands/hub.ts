import { parseCommandArgs } from '../args';
import type { CliIo, Command } from '../command';
import { UsageError } from '../command';
import { CredentialRepository } from '../../hub/credential-repository';
import { createPool, migrateHub } from '../../hub/hub-database';
import { ingestBagIntoHub, ingestZippedBagIntoHub } from '../../hub/bag-ingest';
import { isZipPath } from '../../core/sync/bag-zip';
import { DirectoryBlobStorage } from '../../hub/directory-blob-storage';
import { HubRecordRepository } from '../../hub/hub-record-repository';
import { RecordIntake } from '../../hub/record-intake';
import { DEFAULT_MAX_RECORD_BYTES } from '../../hub/hub-server';
import { startHub, verifierNamed } from '../../hub/start-hub';

const options = {
  db: { type: 'string' },
  blobs: { type: 'string' },
  port: { type: 'string', default: '8787' },
  host: { type: 'string', default: '127.0.0.1' },
  'tls-cert': { type: 'string' },
  'tls-key': { type: 'string' },
  'max-record-mb': { type: 'string' },
  verifier: { type: 'string', default: 'pades' },
  role: { type: 'string', default: 'workstation' },
  quiet: { type: 'boolean', default: false },
} as const;

type Values = ReturnType<typeof parseCommandArgs<typeof options>>['values'];

function required(values: Values, name: 'db' | 'blobs'): string {
  const v = values[name];
  if (!v) throw new UsageError(`--${name} is required`);
  return v;
}

function verifierOf(values: Values): 'pades' | 'structural' {
  if (values.verifier !== 'pades' && values.verifier !== 'structural') throw new UsageError('--verifier must be pades or structural');
  return values.verifier;
}

function maxBytesOf(values: Values): number {
  if (!values['max-record-mb']) return DEFAULT_MAX_RECORD_BYTES;
  const mb = Number(values['max-record-mb']);
  if (!(mb > 0)) throw new UsageError('--max-record-mb must be a positive number');
  return Math.round(mb * 1024 * 1024);
}

async function serve(values: Values, io: CliIo): Promise<number> {
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError('--port must be 0–65535');
  if (Boolean(values['tls-cert']) !== Boolean(values['tls-key'])) throw new UsageError('--tls-cert and --tls-key go together');
  const running = await startHub({
    databaseUrl: required(values, 'db'),
    blobsDir: required(values, 'blobs'),
    host: values.host!,
    port,
    tlsCertFile: values['tls-cert'],
    tlsKeyFile: values['tls-key'],
    maxRecordBytes: maxBytesOf(values),
    verifier: verifierOf(values),
    logger: !values.quiet,
  });
  io.err(`hub listening on ${running.url}`);
  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once('SIGTERM', stop);
    process.once('SIGINT', stop);
  });
  await running.close();
  return 0;
}

async function withPool<T>(values: Values, fn: (pool: ReturnType<typeof createPool>) => Promise<T>): Promise<T> {
  const pool = createPool(required(values, 'db'));
  try {
    await migrateHub(pool);
    return await fn(pool);
  } finally {
    await pool.end();
  }
}

export const hubCommand: Command = {
  name: 'hub',
  usage: 'hub --db postgres://… --blobs DIR [--port N] [--host H] [--tls-cert F --tls-key F] | hub issue-code|revoke <workstation-id>|ingest-bag <dir|file.zip> --db …',
  summary: 'run the central records hub, or administer it',
  async run(argv, io) {
    const { values, positionals } = parseCommandArgs(argv, options);
    const [action, arg, ...extra] = positionals;
    if (extra.length) throw new UsageError(`unexpected argument '${extra[0]}'`);
    switch (action) {
      case undefined:
        return serve(values, io);
      case 'issue-code': {
        if (values.role !== 'workstation' && values.role !== 'supervisor') throw new UsageError('--role must be workstation or supervisor');
        const role = values.role;
        io.out(await withPool(values, (pool) => new CredentialRepository(pool).issueCode(role)));
        return 0;
      }
      case 'revoke': {
        if (!arg) throw new UsageError('revoke needs a workstation id');
        const n = await withPool(values, (pool) => new CredentialRepository(pool).revokeWorkstation(arg));
        io.out(`revoked ${n} credential(s) of ${arg}`);
        return n > 0 ? 0 : 1;
      }
      case 'ingest-bag': {
        if (!arg) throw new UsageError('ingest-bag needs a bag directory');
        const blobsDir = required(values, 'blobs');
        const result = await withPool(values, (pool) => {
          const records = new HubRecordRepository(pool);
          const intake = new RecordIntake({ records, blobs: new DirectoryBlobStorage(blobsDir), verifier: verifierNamed(verifierOf(values)), maxRecordBytes: maxBytesOf(values) });
          const ctx = { intake, credentials: new CredentialRepository(pool) };
          return isZipPath(arg) ? ingestZippedBagIntoHub(arg, ctx) : ingestBagIntoHub(arg, ctx);
        });
        io.out(JSON.stringify(result, null, 2));
        return result.rejected.length === 0 ? 0 : 1;
      }
      default:
        throw new UsageError(`unknown hub action '${action}'`);
    }
  },
};
