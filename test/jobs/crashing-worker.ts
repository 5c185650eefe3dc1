// Child process for the crash test: leases the job and hangs in the middle of it, until killed.
import { JobRunner } from '../../src/core/jobs/job-runner';
import { openStore } from '../../src/core/store/store';
import { TEST_KEY } from '../support/data-key';
import { EFFECT_TABLE, stampJob } from './stamp-job';

const [dataDir, marker] = process.argv.slice(2) as [string, string];
const store = openStore(dataDir, TEST_KEY);
store.db.exec(EFFECT_TABLE);
const runner = new JobRunner({
  transaction: store.transaction,
  jobs: store.jobs,
  handlers: { stamp: stampJob(store.blobs, store.db, { hangAfterBlob: marker }) },
  leaseMs: 60_000,
});
await runner.runOne();
