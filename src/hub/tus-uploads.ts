import type { IncomingMessage } from 'node:http';
import { FileStore } from '@tus/file-store';
import { Server, type Locker, type Upload } from '@tus/server';
import { SHA256, UPLOAD_METADATA } from '../shared/sync-protocol';
import type { Principal } from './credential-repository';

export const TUS_PATH = '/files';

export interface TusContext {
  directory: string;
  locker: Locker;
  maxRecordBytes: number;
  /** An upload not finished this long after it was created is expired: removed by `cleanUpExpiredUploads`. */
  expiryMs: number;
  /** The principal the HTTP layer authenticated for this raw request. */
  principalOf: (req: IncomingMessage) => Principal | undefined;
  /** Called when an upload's last byte arrived; its answer (e.g. the receipt) is the response to that request. */
  onFinished: (
    principal: Principal,
    upload: Upload,
  ) => Promise<{ status_code: number; body: string; headers: Record<string, string> } | undefined>;
}

type TusRequest = Parameters<NonNullable<ConstructorParameters<typeof Server>[0]['onIncomingRequest']>>[0];

function rawOf(req: TusRequest): IncomingMessage | undefined {
  return (req as unknown as { runtime?: { node?: { req: IncomingMessage } } }).runtime?.node?.req;
}

const reject = (status_code: number, code: string, message: string) => ({ status_code, body: JSON.stringify({ code, message }) });

/**
 * The tus server: resumable uploads into a shared directory (a FileStore keeps each upload's
 * state next to its bytes, so any instance can resume it). Each upload is tagged with the
 * workstation that created it; only that workstation may touch it.
 */
export function createTusServer(ctx: TusContext): {
  server: Server;
  store: FileStore;
  discard(id: string): Promise<void>;
  unfinished(): Promise<number>;
} {
  const store = new FileStore({ directory: ctx.directory, expirationPeriodInMilliseconds: ctx.expiryMs });
  const principal = (req: TusRequest): Principal => {
    const raw = rawOf(req);
    const p = raw && ctx.principalOf(raw);
    if (!p) throw reject(401, 'sync.unauthorized', 'Not authenticated');
    return p;
  };
  const server = new Server({
    path: TUS_PATH,
    datastore: store,
    locker: ctx.locker,
    maxSize: ctx.maxRecordBytes,
    respectForwardedHeaders: false,
    async onUploadCreate(req, upload) {
      const p = principal(req);
      if (p.role !== 'workstation') throw reject(403, 'sync.forbidden', 'Only workstations upload');
      const declared = upload.metadata?.[UPLOAD_METADATA.sha256];
      if (!declared || !SHA256.safeParse(declared).success) throw reject(400, 'sync.bad-request', 'Upload-Metadata must declare sha256');
      return { metadata: { ...upload.metadata, [UPLOAD_METADATA.workstation]: p.workstationId } };
    },
    async onUploadFinish(req, upload) {
      const answer = await ctx.onFinished(principal(req), upload);
      // A creating request must stay 201: tus sends the Location header only with it.
      return answer ? { ...answer, status_code: req.method === 'POST' ? 201 : answer.status_code } : {};
    },
    async onIncomingRequest(req, uploadId) {
      const p = principal(req);
      if (req.method === 'POST' || req.method === 'OPTIONS') return;
      let owner: string | null | undefined;
      try {
        owner = (await store.getUpload(uploadId)).metadata?.[UPLOAD_METADATA.workstation];
      } catch {
        return; // tus answers 404 itself
      }
      if (owner !== p.workstationId) throw reject(403, 'sync.forbidden', 'This upload belongs to another workstation');
    },
  });
  /** Forgets an upload whose bytes were taken into blob storage (or refused): its file if still there, and its state. */
  const discard = async (id: string) => {
    await store.remove(id).catch(() => store.configstore.delete(id).catch(() => undefined));
  };
  /** Uploads begun and not finished (the finished ones wait for their commit); the offset is the file's, as tus resumes from it. */
  const unfinished = async () => {
    let n = 0;
    for (const id of (await store.configstore.list?.()) ?? []) {
      const upload = await store.getUpload(id).catch(() => undefined);
      if (upload && upload.size !== upload.offset) n++;
    }
    return n;
  };
  return { server, store, discard, unfinished };
}
