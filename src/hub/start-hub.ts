import { readFileSync } from 'node:fs';
import { buildHub, type Hub } from './hub-server';
import { createPool, migrateHub } from './hub-database';
import { PadesRecordVerifier } from './pades-record-verifier';
import type { RecordVerifier } from './record-verifier';
import { StructuralPdfVerifier } from './structural-pdf-verifier';

export interface HubConfig {
  databaseUrl: string;
  blobsDir: string;
  host: string;
  port: number;
  tlsCertFile?: string;
  tlsKeyFile?: string;
  maxRecordBytes?: number;
  verifier: 'pades' | 'structural';
  logger: boolean;
}

export interface RunningHub {
  hub: Hub;
  url: string;
  close(): Promise<void>;
}

export function verifierNamed(name: HubConfig['verifier']): RecordVerifier {
  return name === 'pades' ? new PadesRecordVerifier() : new StructuralPdfVerifier();
}

/** Opens PostgreSQL, applies migrations, and listens. */
export async function startHub(config: HubConfig): Promise<RunningHub> {
  const pool = createPool(config.databaseUrl);
  try {
    await migrateHub(pool);
    const tls = config.tlsCertFile && config.tlsKeyFile ? { cert: readFileSync(config.tlsCertFile), key: readFileSync(config.tlsKeyFile) } : undefined;
    const hub = await buildHub({ pool, blobsDir: config.blobsDir, tls, maxRecordBytes: config.maxRecordBytes, verifier: verifierNamed(config.verifier), logger: config.logger });
    await hub.app.listen({ host: config.host, port: config.port });
    const address = hub.app.server.address();
    const port = typeof address === 'object' && address ? address.port : config.port;
    return {
      hub,
      url: `${tls ? 'https' : 'http'}://${config.host}:${port}`,
      async close() {
        await hub.close();
        await pool.end();
      },
    };
  } catch (e) {
    await pool.end();
    throw e;
  }
}
