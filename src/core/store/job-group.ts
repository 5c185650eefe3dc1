/** The job group of an archive batch's pipeline jobs: pausing or cancelling the batch holds the group. */
export const batchJobGroup = (batchId: number): string => `batch:${batchId}`;
