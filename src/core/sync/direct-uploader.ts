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
export async function uploadRecordDirect(
  ctx: DirectUploaderContext,
  record: RecordDescriptor,
  bytes: Buffer,
  onProgress: (sent: number, total: number) => void,
): Promise<Receipt> {
  const headers = {
    'content-type': DIRECT_UPLOAD.contentType,
    [DIRECT_UPLOAD.header]: Buffer.from(JSON.stringify(record)).toString('base64url'),
  };
  const reply = await sendToHub(ctx, 'PUT', `${DIRECT_UPLOAD.path}/${record.sha256}`, headers, [bytes], onProgress);
  return answerOf(reply, Receipt);
}

export interface HubReply {
  status: number;
  json: unknown;
  text: string;
}

/** One request to the hub with a body, given in parts (paced by the limiter when there is one); a lost connection is HubUnreachableError. */
export async function sendToHub(
  ctx: DirectUploaderContext,
  method: string,
  path: string,
  headers: Record<string, string>,
  body: readonly Uint8Array[],
  onProgress: (sent: number, total: number) => void,
): Promise<HubReply> {
  const url = new URL(path, ctx.hubUrl);
  const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
  const { status, text } = await new Promise<{ status: number; text: string }>((resolve, reject) => {
    const req = send(url, {
      method,
      agent: ctx.agent,
      headers: { ...ctx.authorization, ...headers, 'content-length': body.reduce((n, p) => n + p.length, 0) },
    });
    req.on('error', (e) => reject(new HubUnreachableError(ctx.hubUrl, e.message)));
    req.on('response', (res: IncomingMessage) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('error', (e) => reject(new HubUnreachableError(ctx.hubUrl, e.message)));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
    });
    void writeBody(req, body, ctx.limiter, onProgress).catch((e: Error) => req.destroy(e));
  });
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status, json, text };
}

/** A success answer read with `schema`; anything else as the HubRefusedError the hub's coded body (or status) says. */
export function answerOf<T>(reply: HubReply, schema: { safeParse(v: unknown): { success: true; data: T } | { success: false } }): T {
  const { status, json, text } = reply;
  if (status >= 200 && status < 300) {
    const parsed = schema.safeParse(json);
    if (parsed.success) return parsed.data;
    throw new HubRefusedError('sync.hub-error', 'The hub answered without the expected body', status);
  }
  const error = ErrorBody.safeParse(json);
  if (error.success) throw new HubRefusedError(error.data.code, error.data.message, status, error.data.details);
  throw new HubRefusedError(
    status === 413 ? 'sync.too-large' : 'sync.hub-error',
    `The hub answered ${status}: ${text.slice(0, 200)}`,
    status,
  );
}

/** Writes the body, asking the limiter before every piece when there is one. */
async function writeBody(
  req: ReturnType<typeof httpRequest>,
  parts: readonly Uint8Array[],
  limiter: BandwidthLimiter | undefined,
  onProgress: (sent: number, total: number) => void,
): Promise<void> {
  const total = parts.reduce((n, p) => n + p.length, 0);
  if (!limiter) {
    for (const part of parts) req.write(part);
    req.end();
    onProgress(total, total);
    return;
  }
  let sent = 0;
  for (const part of parts)
    for (let offset = 0; offset < part.length; offset += PIECE) {
      const piece = part.subarray(offset, offset + PIECE);
      await limiter.take(piece.length);
      if (req.destroyed) return;
      if (!req.write(piece))
        await new Promise((r) => {
          req.once('drain', r);
          req.once('close', r);
        });
      sent += piece.length;
      onProgress(sent, total);
    }
  req.end();
}
