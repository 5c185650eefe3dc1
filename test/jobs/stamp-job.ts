import { writeFileSync } from 'node:fs';
import type { JobHandler } from '../../src/core/jobs/job-runner';
import type { BlobStore } from '../../src/core/store/blob-store';
import type { Db } from '../../src/core/store/database';

/**
 * A job kind for the crash test: writes a blob (idempotent by content), optionally hangs mid-way
 * (so the test can kill the process there), and in its commit records one effect row.
 */
export function stampJob(blobs: BlobStore, db: Db, options: { hangAfterBlob?: string } = {}): JobHandler<{ sha256: string }> {
  return {
    async run({ job }) {
      const sha256 = blobs.put(Buffer.from(`stamp ${job.key}`));
      if (options.hangAfterBlob) {
        writeFileSync(options.hangAfterBlob, String(process.pid));
        await new Promise(() => {});
      }
      return { sha256 };
    },
    commit({ job }, result) {
      db.prepare('INSERT INTO effect (job_key, sha256) VALUES (?, ?)').run(job.key, result.sha256);
    },
  };
}

export const EFFECT_TABLE = 'CREATE TABLE IF NOT EXISTS effect (job_key TEXT NOT NULL, sha256 TEXT NOT NULL) STRICT';
