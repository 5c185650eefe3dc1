import { Agent as HttpAgent, request as httpRequest, type IncomingMessage } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import { DIRECT_UPLOAD, ErrorBody, Receipt, type RecordDescriptor } from '../../shared/sync-protocol';
import type { BandwidthLimiter } from './bandwidth-limiter';
import { HubRefusedError, HubUnreachableError } from './sync-errors';

/** Records up to this size go in one request (PUT /records/<sha256>); larger ones by tus, so they can resume. */
export const DIRECT_UPLOAD_BELOW = 256 * 1024;

const PIECE = 16 * 1024;

export interface DirectUploaderContext {
  hubUrl: string;
  authorization: Record<string, string>;
  /** Keep-alive connections shared by one sync run. */
  agent: HttpAgent;
  limiter?: BandwidthLimiter;
}

/** Keep-alive connections to the hub for one sync run; `destroy()` it when the run ends. */
export function hubAgent(hubUrl: string, sockets: number): HttpAgent {
  const options = { keepAlive: true, maxSockets: sockets };
  return new URL(hubUrl).protocol === 'https:' ? new HttpsAgent(options) : new HttpAgent(options);
}

/** Sends one small record and returns the hub's receipt; a refusal comes back as a HubRefusedError with the hub's code. */
export async function uploadRecordDirect(ctx: DirectUploaderContext, record: RecordDescriptor, bytes: Buffer, onProgress: (sent: number, total: number) => void): Promise<Receipt> {
  const url = new URL(`${DIRECT_UPLOAD.path}/${record.sha256}`, ctx.hubUrl);
  const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
  const { status, body } = await new Promise<{ status: number; body: string }>((resolve, reject) => {
    const req = send(url, {
      method: 'PUT',
      agent: ctx.agent,
      headers: {
        ...ctx.authorization,
        'content-type': DIRECT_UPLOAD.contentType,
        'content-length': bytes.length,
        [DIRECT_UPLOAD.header]: Buffer.from(JSON.stringify(record)).toString('base64url'),
      },
    });
    req.on('error', (e) => reject(new HubUnreachableError(ctx.hubUrl, e.message)));
    req.on('response', (res: IncomingMessage) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('error', (e) => reject(new HubUnreachableError(ctx.hubUrl, e.message)));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
    });
    void writeBody(req, bytes, ctx.limiter, onProgress).catch((e: Error) => req.destroy(e));
  });
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    json = undefined;
  }
  if (status >= 200 && status < 300) {
    const receipt = Receipt.safeParse(json);
    if (receipt.success) return receipt.data;
    throw new HubRefusedError('sync.hub-error', 'The hub answered without a receipt', status);
  }
  const error = ErrorBody.safeParse(json);
  if (error.success) throw new HubRefusedError(error.data.code, error.data.message, status, error.data.details);
  throw new HubRefusedError(status === 413 ? 'sync.too-large' : 'sync.hub-error', `The hub answered ${status}: ${body.slice(0, 200)}`, status);
}

/** Writes the body, asking the limiter before every piece when there is one. */
async function writeBody(req: ReturnType<typeof httpRequest>, bytes: Buffer, limiter: BandwidthLimiter | undefined, onProgress: (sent: number, total: number) => void): Promise<void> {
  if (!limiter) {
    req.end(bytes);
    onProgress(bytes.length, bytes.length);
    return;
  }
  for (let offset = 0; offset < bytes.length; offset += PIECE) {
    const piece = bytes.subarray(offset, offset + PIECE);
    await limiter.take(piece.length);
    if (req.destroyed) return;
    if (!req.write(piece))
      await new Promise((r) => {
        req.once('drain', r);
        req.once('close', r);
      });
    onProgress(Math.min(bytes.length, offset + PIECE), bytes.length);
  }
  req.end();
}
