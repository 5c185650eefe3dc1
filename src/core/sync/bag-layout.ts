import type { RecordDescriptor } from '../../shared/sync-protocol';

/** File names and tag files of a SoHoa bag (BagIt, RFC 8493, SHA-256). */
export const BAG = {
  declaration: 'bagit.txt',
  info: 'bag-info.txt',
  manifest: 'manifest-sha256.txt',
  tagManifest: 'tagmanifest-sha256.txt',
  records: 'sohoa-records.json',
  payloadDir: 'data',
} as const;

/** The tag file listing what each payload file is; covered by the tag manifest. */
export interface BagRecords {
  workstationId: string;
  records: { path: string; record: RecordDescriptor }[];
}

/** RFC 8493 §2.1.3: CR, LF and % in manifest paths are percent-encoded. */
export const encodeManifestPath = (path: string) => path.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
export const decodeManifestPath = (path: string) => path.replace(/%0A/gi, '\n').replace(/%0D/gi, '\r').replace(/%25/g, '%');
