import S3rver from 's3rver';
import { tempDir } from '../../support/temp-dir';

/** s3rver's fixed credentials (it checks request signatures against them). */
export const S3RVER_CREDENTIALS = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' };

export interface TestS3 {
  endpoint: string;
  bucket: string;
  stop(): Promise<void>;
}

/** A real S3-compatible server (s3rver) on 127.0.0.1 and a free port, its objects in a temp dir, with one bucket. */
export async function startS3(bucket = 'records'): Promise<TestS3> {
  const dir = tempDir('sohoa-s3-');
  const server = new S3rver({ address: '127.0.0.1', port: 0, directory: dir.path, silent: true, configureBuckets: [{ name: bucket }] });
  const { port } = await server.run();
  let stopped = false;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    bucket,
    async stop() {
      if (!stopped) await server.close();
      stopped = true;
      dir.remove();
    },
  };
}
