import {
  AUDIT_HEAD_PATH,
  AuditHead,
  AuditHeadAnswer,
  CommitRequest,
  EnrollResponse,
  ErrorBody,
  ProgressReport,
  Receipt,
} from '../../shared/sync-protocol';
import { HubRefusedError, HubUnreachableError } from './sync-errors';

/** The workstation's side of the hub's JSON API (uploads go through tus, see RecordUploader). */
export class HubClient {
  constructor(
    readonly baseUrl: string,
    private readonly token: string | null,
  ) {}

  static async enroll(baseUrl: string, code: string, name: string): Promise<EnrollResponse> {
    return EnrollResponse.parse(await new HubClient(baseUrl, null).request('POST', '/enroll', { code, name }));
  }

  async commit(request: CommitRequest): Promise<Receipt> {
    return Receipt.parse(await this.request('POST', '/records/commit', CommitRequest.parse(request)));
  }

  /** Tells the hub the audit log's head; refused (`sync.audit-log-rewritten`) when it goes back from the last one sent. */
  async reportAuditHead(head: AuditHead): Promise<void> {
    await this.request('POST', AUDIT_HEAD_PATH, AuditHead.parse(head));
  }

  /** The last audit-log head the hub saw from this workstation (null before any). */
  async lastAuditHead(): Promise<AuditHeadAnswer['head']> {
    return AuditHeadAnswer.parse(await this.request('GET', AUDIT_HEAD_PATH)).head;
  }

  async progress(): Promise<ProgressReport> {
    return ProgressReport.parse(await this.request('GET', '/progress'));
  }

  get authorization(): Record<string, string> {
    return this.token ? { authorization: `Bearer ${this.token}` } : {};
  }

  private async request(method: string, path: string, body?: unknown): Promise<unknown> {
    let response: Response;
    try {
      response = await fetch(new URL(path, this.baseUrl), {
        method,
        headers: { ...this.authorization, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    } catch (e) {
      throw new HubUnreachableError(this.baseUrl, ((e as Error).cause as Error | undefined)?.message ?? (e as Error).message);
    }
    const text = await response.text();
    let json: unknown;
    try {
      json = text ? JSON.parse(text) : undefined;
    } catch {
      json = undefined;
    }
    if (response.ok) return json;
    const error = ErrorBody.safeParse(json);
    if (error.success) throw new HubRefusedError(error.data.code, error.data.message, response.status, error.data.details);
    throw new HubRefusedError('sync.hub-error', `The hub answered ${response.status}: ${text.slice(0, 200)}`, response.status);
  }
}
