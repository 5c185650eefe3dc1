import type { BatchManifest, RecordDescriptor } from './sync-protocol';

/** The manifest's length, before it: a 32-bit big-endian integer. */
export const BATCH_LENGTH_PREFIX = 4;

/** The body a workstation sends, in parts (not copied into one): the manifest's length, the manifest, then each record's bytes. */
export function encodeBatch(records: readonly { record: RecordDescriptor; bytes: Uint8Array }[]): Uint8Array[] {
  const manifest = Buffer.from(JSON.stringify({ records: records.map((r) => r.record) } satisfies BatchManifest));
  const prefix = Buffer.alloc(BATCH_LENGTH_PREFIX);
  prefix.writeUInt32BE(manifest.length);
  return [prefix, manifest, ...records.map((r) => r.bytes)];
}
