import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { RecordDescriptor, type Receipt } from '../shared/sync-protocol';
import { BagInvalidError } from '../core/sync/bag-errors';
import { BAG } from '../core/sync/bag-layout';
import { validateBag } from '../core/sync/bag-validator';
import { withUnzippedBag, type ZipLimits } from '../core/sync/bag-zip';
import type { CredentialRepository } from './credential-repository';
import type { RecordIntake } from './record-intake';
import { HubError } from './sync-errors';

export class UnknownWorkstationError extends HubError {
  constructor(workstationId: string) {
    super('sync.unknown-workstation', `The bag comes from ${workstationId}, which is not an enrolled, active workstation`, 403, {
      workstationId,
    });
  }
}

const BagRecordsSchema = z.object({
  workstationId: z.string().min(1),
  records: z.array(z.object({ path: z.string(), record: RecordDescriptor })),
});

export interface BagIngestResult {
  workstationId: string;
  accepted: Receipt[];
  rejected: { path: string; code: string; message: string }[];
}

/**
 * Ingests a bag as the hub ingests uploads: the whole bag must be complete and pass fixity, then
 * each record passes the same checks (declared hash, signature) and the same idempotent commit.
 */
export interface BagIngestContext {
  intake: RecordIntake;
  credentials: CredentialRepository;
  /** When the bag came through the API: the workstation that sent it must be the one it names. */
  sender?: string;
}

export class BagFromOtherWorkstationError extends HubError {
  constructor(named: string) {
    super('sync.forbidden', `The bag names workstation ${named}, not the one that sent it`, 403, { workstationId: named });
  }
}

/** Ingests a zipped bag: unpacked within limits into a private temp folder, then as a folder bag. */
export function ingestZippedBagIntoHub(
  zipPath: string,
  ctx: BagIngestContext,
  limits?: ZipLimits,
  tempRoot?: string,
): Promise<BagIngestResult> {
  return withUnzippedBag(zipPath, (dir) => ingestBagIntoHub(dir, ctx), limits, tempRoot);
}

export async function ingestBagIntoHub(dir: string, ctx: BagIngestContext): Promise<BagIngestResult> {
  const report = await validateBag(dir);
  if (!report.valid) throw new BagInvalidError(dir, report.problems);
  const tagged = await readFile(join(dir, BAG.records), 'utf8').catch(() => undefined);
  const parsed = tagged ? BagRecordsSchema.safeParse(JSON.parse(tagged)) : undefined;
  if (!parsed?.success)
    throw new BagInvalidError(dir, [{ code: 'bag.missing-file', path: BAG.records, detail: 'no readable record listing' }]);
  const { workstationId, records } = parsed.data;
  if (ctx.sender !== undefined && ctx.sender !== workstationId) throw new BagFromOtherWorkstationError(workstationId);
  if (!(await ctx.credentials.isActiveWorkstation(workstationId))) throw new UnknownWorkstationError(workstationId);
  const manifest = new Map(report.payload.map((p) => [p.path, p.sha256]));
  const listedPaths = new Set(records.map((r) => r.path));
  const unlisted = report.payload.filter((p) => !listedPaths.has(p.path));
  if (unlisted.length)
    throw new BagInvalidError(
      dir,
      unlisted.map((p) => ({ code: 'bag.extra-file' as const, path: p.path, detail: 'not in the record listing' })),
    );
  const result: BagIngestResult = { workstationId, accepted: [], rejected: [] };
  for (const { path, record } of records) {
    if (manifest.get(path) !== record.sha256) {
      result.rejected.push({ path, code: 'sync.hash-mismatch', message: `The manifest and the listing disagree on ${path}` });
      continue;
    }
    try {
      result.accepted.push(await ctx.intake.acceptFile(workstationId, record, join(dir, ...path.split('/')), 'bag'));
    } catch (e) {
      if (!(e instanceof HubError)) throw e;
      result.rejected.push({ path, code: e.code, message: e.message });
    }
  }
  return result;
}
