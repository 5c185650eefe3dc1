import { auditActionLabel } from './audit-action-labels';
import type { Language } from './catalogs';
import { formatDate, formatDateTime } from './format-date';
import { formatNumber } from './format-number';
import type { MessageKey } from './vi';

type Translate = (key: MessageKey) => string;

/** The keys the engine and the hub write in audit details, as labels. A key not listed shows as itself. */
export const AUDIT_DETAIL_LABELS: Record<string, MessageKey> = {
  role: 'audit.key.role',
  reason: 'audit.key.reason',
  until: 'audit.key.until',
  attempts: 'audit.key.attempts',
  lockedUntil: 'audit.key.lockedUntil',
  id: 'audit.key.id',
  displayName: 'audit.key.displayName',
  from: 'audit.key.from',
  to: 'audit.key.to',
  differences: 'audit.key.differences',
  perTable: 'audit.key.perTable',
  first: 'audit.key.first',
  documentId: 'audit.key.documentId',
  imageSha256: 'audit.key.imageSha256',
  fromDocument: 'audit.key.fromDocument',
  fromPosition: 'audit.key.fromPosition',
  toDocument: 'audit.key.toDocument',
  toPosition: 'audit.key.toPosition',
  procedure: 'audit.key.procedure',
  dueDateTyped: 'audit.key.dueDateTyped',
  dueDate: 'audit.key.dueDate',
  folder: 'audit.key.folder',
  files: 'audit.key.files',
  checked: 'audit.key.checked',
  rows: 'audit.key.rows',
  filter: 'audit.key.filter',
  kind: 'audit.key.kind',
  status: 'audit.key.status',
  documents: 'audit.key.documents',
  records: 'audit.key.records',
  version: 'audit.key.version',
  tokenLabel: 'audit.key.tokenLabel',
  dossierId: 'audit.key.dossierId',
  sourceDocumentId: 'audit.key.sourceDocumentId',
  recordId: 'audit.key.recordId',
  component: 'audit.key.component',
  reusedFrom: 'audit.key.reusedFrom',
  pages: 'audit.key.pages',
  name: 'audit.key.name',
  ocrValue: 'audit.key.ocrValue',
  value: 'audit.key.value',
  number: 'audit.key.number',
  date: 'audit.key.date',
  device: 'audit.key.device',
  added: 'audit.key.added',
  cancelled: 'audit.key.cancelled',
  error: 'audit.key.error',
  errors: 'audit.key.errors',
  position: 'audit.key.position',
  source: 'audit.key.source',
  oldPageId: 'audit.key.oldPageId',
  oldImageSha256: 'audit.key.oldImageSha256',
  newPageId: 'audit.key.newPageId',
  newImageSha256: 'audit.key.newImageSha256',
  approvalWithdrawn: 'audit.key.approvalWithdrawn',
  year: 'audit.key.year',
  before: 'audit.key.before',
  after: 'audit.key.after',
  signer: 'audit.key.signer',
  pdfSha256: 'audit.key.pdfSha256',
  signed: 'audit.key.signed',
  alreadySigned: 'audit.key.alreadySigned',
  missingConfirmed: 'audit.key.missingConfirmed',
  returnedAt: 'audit.key.returnedAt',
  receiverKind: 'audit.key.receiverKind',
  method: 'audit.key.method',
  onTime: 'audit.key.onTime',
  workingDaysLate: 'audit.key.workingDaysLate',
  lateReason: 'audit.key.lateReason',
  signatures: 'audit.key.signatures',
  countersigned: 'audit.key.countersigned',
  hubWorkstationId: 'audit.key.hubWorkstationId',
  bytes: 'audit.key.bytes',
  acknowledged: 'audit.key.acknowledged',
  duplicates: 'audit.key.duplicates',
  rejected: 'audit.key.rejected',
  waiting: 'audit.key.waiting',
  stoppedBy: 'audit.key.stoppedBy',
  dossierCode: 'audit.key.dossierCode',
  attempt: 'audit.key.attempt',
  hub: 'audit.key.hub',
  receiptId: 'audit.key.receiptId',
  duplicate: 'audit.key.duplicate',
  sha256: 'audit.key.sha256',
  code: 'audit.key.code',
  message: 'audit.key.message',
  anchorWas: 'audit.key.anchorWas',
  batchId: 'audit.key.batchId',
  box: 'audit.key.box',
  archiveNumber: 'audit.key.archiveNumber',
  registerLine: 'audit.key.registerLine',
  total: 'audit.key.total',
  done: 'audit.key.done',
  failed: 'audit.key.failed',
  skipped: 'audit.key.skipped',
  dossierIds: 'audit.key.dossierIds',
  clean: 'audit.key.clean',
  registerPath: 'audit.key.registerPath',
  actor: 'audit.key.actor',
  action: 'audit.key.action',
  text: 'audit.key.text',
};

const ROLE_LABELS: Record<string, MessageKey> = {
  clerk: 'role.clerk',
  archivist: 'role.archivist',
  supervisor: 'role.supervisor',
  administrator: 'role.administrator',
};

/** Values that are codes of a fixed list, named per key. */
const VALUE_LABELS: Record<string, Record<string, MessageKey>> = {
  reason: {
    idle: 'audit.reason.idle',
    requested: 'audit.reason.requested',
    disabled: 'audit.reason.disabled',
    'unknown-user': 'audit.reason.unknown-user',
    'locked-out': 'audit.reason.locked-out',
    'wrong-password': 'audit.reason.wrong-password',
    'split-result': 'audit.reason.split-result',
  },
  receiverKind: { applicant: 'handBack.kind.applicant', authorized: 'handBack.kind.authorized' },
  method: { desk: 'handBack.method.desk', post: 'handBack.method.post', electronic: 'handBack.method.electronic' },
};

/** One detail as the log page shows it; `title` holds what was shortened, `code` marks a value to show as code. */
export interface AuditDetailItem {
  key: string;
  label: string;
  value: string;
  title?: string;
  code?: boolean;
}

const labelOf = (map: Record<string, MessageKey>, key: string) => (Object.hasOwn(map, key) ? map[key] : undefined);

/** Numbers that name something (an id, a year, a position) are shown as written, never as 2.026. */
const isIdentifier = (key: string) => /(^id|Ids?|^year|Document|Position|^version|Line|^attempt|^reusedFrom|^box)$/.test(key);

const isDigest = (key: string, value: string) => /sha256$/i.test(key) && /^[0-9a-f]{16,}$/i.test(value);

/** A size in bytes as people read it: 1,2 MB. */
export function formatBytes(bytes: number, language: Language): string {
  const units = ['B', 'KB', 'MB', 'GB', 'TB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${formatNumber(value, language, unit === 0 ? 0 : 1)} ${units[unit]}`;
}

/** A value in words: dates in the user's order, sizes in units, roles and reasons named, yes or no. */
function formatValue(t: Translate, language: Language, key: string, value: unknown): Omit<AuditDetailItem, 'key' | 'label'> {
  if (value === null || value === undefined || value === '') return { value: '—' };
  if (typeof value === 'boolean') return { value: t(value ? 'audit.value.yes' : 'audit.value.no') };
  if (typeof value === 'number') {
    if (key === 'bytes') return { value: formatBytes(value, language) };
    return { value: isIdentifier(key) ? String(value) : formatNumber(value, language, 2) };
  }
  if (typeof value === 'string') {
    if (isDigest(key, value)) return { value: `${value.slice(0, 8)}…${value.slice(-4)}`, title: value, code: true };
    if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(value)) return { value: formatDateTime(value, language), title: value };
    if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return { value: formatDate(value, language) };
    if (key === 'action') return { value: auditActionLabel(t, value), title: value };
    const named = (Object.hasOwn(VALUE_LABELS, key) && labelOf(VALUE_LABELS[key]!, value)) || labelOf(ROLE_LABELS, value);
    if (named) return { value: t(named) };
    return { value, code: key === 'dossierCode' || key === 'procedure' };
  }
  if (Array.isArray(value)) {
    const parts = value.map((v) => formatValue(t, language, key, v).value);
    return { value: parts.length ? parts.join(', ') : '—' };
  }
  if (typeof value === 'object') {
    const parts = Object.entries(value).map(([k, v]) => `${keyLabel(t, k)}: ${formatValue(t, language, k, v).value}`);
    return { value: parts.length ? parts.join('; ') : '—' };
  }
  return { value: String(value) };
}

const keyLabel = (t: Translate, key: string) => {
  const label = labelOf(AUDIT_DETAIL_LABELS, key);
  return label ? t(label) : key;
};

/** An event's details as labelled values, in the order the engine wrote them. */
export function auditDetailItems(t: Translate, language: Language, details: Record<string, unknown>): AuditDetailItem[] {
  return Object.entries(details).map(([key, value]) => ({ key, label: keyLabel(t, key), ...formatValue(t, language, key, value) }));
}
