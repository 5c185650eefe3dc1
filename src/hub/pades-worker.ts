// A worker thread of the hub's verifier pool: full PAdES checks off the event loop.
import { parentPort, workerData } from 'node:worker_threads';
import { PadesRecordVerifier } from './pades-record-verifier';
import type { RecordVerdict } from './record-verifier';

const verifier = new PadesRecordVerifier((workerData as { trustAnchors: string[] }).trustAnchors);
const port = parentPort!;

port.on('message', (task: { id: number; bytes: Uint8Array }) => {
  void verifier
    .verify(task.bytes)
    .catch((e: unknown): RecordVerdict => ({ ok: false, reason: 'signature-invalid', detail: (e as Error).message }))
    .then((verdict) => port.postMessage({ id: task.id, verdict }));
});
