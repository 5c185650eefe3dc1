import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { recordFactsOf } from '../record/record-facts';
import type { BlobStore } from '../store/blob-store';
import type { OutboxEntry } from '../store/outbox-repository';
import { BagTargetExistsError, NothingToExportError } from './bag-errors';
import { BAG, encodeManifestPath, type BagRecords } from './bag-layout';
import { descriptorOf, readLocalRecord } from './sync-runner';

export interface BagExportOptions {
  /** The hub's id for this workstation (from enrollment). */
  workstationId: string;
  sourceOrganization: string;
  batch?: string;
  now?: Date;
}

export interface BagExportResult {
  dir: string;
  records: number;
  bytes: number;
}

/** A file name part from a dossier code: letters, digits, `.`, `_`, `-` only, never starting with a dot (so never `..`). */
export const safeName = (text: string) =>
  text
    .replace(/[^A-Za-z0-9._-]+/g, '_')
    .replace(/^\.+/, '_')
    .slice(0, 120);
const sha256 = (bytes: Uint8Array | string) => createHash('sha256').update(bytes).digest('hex');

/**
 * Writes records as a BagIt bag (RFC 8493) in a new folder: payload in data/, SHA-256 manifests,
 * bag-info.txt with each dossier code as External-Identifier. Built in a sibling temp folder and
 * renamed, so a half-written bag never looks complete.
 */
export async function exportBag(
  entries: OutboxEntry[],
  blobs: BlobStore,
  target: string,
  options: BagExportOptions,
): Promise<BagExportResult> {
  if (entries.length === 0) throw new NothingToExportError();
  if (existsSync(target)) throw new BagTargetExistsError(target);
  const temp = `${target}.partial-${process.pid}`;
  await rm(temp, { recursive: true, force: true });
  await mkdir(join(temp, BAG.payloadDir), { recursive: true });
  try {
    const manifest: string[] = [];
    const listing: BagRecords = { workstationId: options.workstationId, records: [] };
    let bytes = 0;
    for (const entry of entries) {
      const data = readLocalRecord(blobs, entry);
      const path = `${BAG.payloadDir}/${safeName(entry.dossierCode)}_${entry.documentId}_v${entry.version}.pdf`;
      await writeFile(join(temp, path), data);
      manifest.push(`${entry.pdfSha256}  ${encodeManifestPath(path)}`);
      listing.records.push({ path, record: descriptorOf(entry, data.length, await recordFactsOf(data)) });
      bytes += data.length;
    }
    const now = options.now ?? new Date();
    const dossiers = [...new Set(entries.map((e) => e.dossierCode))];
    const tagFiles: [string, string][] = [
      [BAG.declaration, 'BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n'],
      [
        BAG.info,
        [
          `Source-Organization: ${options.sourceOrganization}`,
          `Bagging-Date: ${now.toISOString().slice(0, 10)}`,
          `Payload-Oxum: ${bytes}.${entries.length}`,
          ...dossiers.map((d) => `External-Identifier: ${d}`),
          `Internal-Sender-Identifier: ${options.workstationId}`,
          ...(options.batch ? [`Bag-Group-Identifier: ${options.batch}`] : []),
          `Bag-Size: ${(bytes / 1024).toFixed(1)} KB`,
          `SoHoa-Record-Count: ${entries.length}`,
          '',
        ].join('\n'),
      ],
      [BAG.manifest, `${manifest.join('\n')}\n`],
      [BAG.records, `${JSON.stringify(listing, null, 2)}\n`],
    ];
    for (const [name, text] of tagFiles) await writeFile(join(temp, name), text);
    await writeFile(join(temp, BAG.tagManifest), tagFiles.map(([name, text]) => `${sha256(text)}  ${name}`).join('\n') + '\n');
    await rename(temp, target);
    return { dir: target, records: entries.length, bytes };
  } catch (e) {
    await rm(temp, { recursive: true, force: true });
    throw e;
  }
}
