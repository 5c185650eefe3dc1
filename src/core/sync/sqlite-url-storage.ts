import type { OutboxRepository } from '../store/outbox-repository';

interface PreviousUpload {
  size: number | null;
  metadata: Record<string, string>;
  creationTime: string;
  urlStorageKey: string;
  uploadUrl: string | null;
  parallelUploadUrls: string[] | null;
}

/** The fingerprint tus-js-client keys resume URLs by: one per outbox item. */
export const outboxFingerprint = (outboxId: number) => `sohoa-outbox:${outboxId}`;

const idOf = (fingerprint: string): number | undefined => {
  const m = /^sohoa-outbox:(\d+)$/.exec(fingerprint);
  return m ? Number(m[1]) : undefined;
};

/**
 * tus-js-client's URL storage over the outbox's `upload_url` column, so an upload resumes where
 * it stopped even after the app restarts (on Node the client otherwise forgets resume URLs).
 */
export class SqliteUrlStorage {
  /** `hubUrl` is where the hub is reached now: a stored URL is rebased onto it (another instance, a new address). */
  constructor(
    private readonly outbox: OutboxRepository,
    private readonly hubUrl: string,
  ) {}

  private previous(outboxId: number): PreviousUpload[] {
    const entry = this.outbox.get(outboxId);
    if (!entry?.uploadUrl) return [];
    return [
      {
        size: entry.bytesTotal,
        metadata: {},
        creationTime: '',
        urlStorageKey: outboxFingerprint(outboxId),
        uploadUrl: this.rebase(entry.uploadUrl),
        parallelUploadUrls: null,
      },
    ];
  }

  private rebase(url: string): string {
    const stored = new URL(url);
    return new URL(`${stored.pathname}${stored.search}`, this.hubUrl).toString();
  }

  async findAllUploads(): Promise<PreviousUpload[]> {
    return this.outbox.list().flatMap((e) => this.previous(e.id));
  }

  async findUploadsByFingerprint(fingerprint: string): Promise<PreviousUpload[]> {
    const id = idOf(fingerprint);
    return id === undefined ? [] : this.previous(id);
  }

  async removeUpload(urlStorageKey: string): Promise<void> {
    const id = idOf(urlStorageKey);
    if (id !== undefined) this.outbox.setUploadUrl(id, null);
  }

  async addUpload(fingerprint: string, upload: PreviousUpload): Promise<string> {
    const id = idOf(fingerprint);
    if (id === undefined) throw new Error(`Not an outbox fingerprint: ${fingerprint}`);
    this.outbox.setUploadUrl(id, upload.uploadUrl);
    return fingerprint;
  }
}
