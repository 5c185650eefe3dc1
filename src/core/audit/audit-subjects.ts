import type { AuditDocumentRef, AuditSubject } from '../../shared/audit-subject';
import type { AuditSubjectQueries, DocumentRefRow } from '../store/audit-subject-queries';
import { AUDIT_SUBJECT_SOURCES, type SubjectSource } from './audit-subject-kinds';

/** An event as the resolver needs it: its action, its stored subject and its details. */
export interface SubjectOfEvent {
  action: string;
  subject: string | null;
  details: Record<string, unknown>;
}

const idOf = (text: string | null): number | null => (text !== null && /^\d+$/.test(text) ? Number(text) : null);
const batchIdOf = (text: string | null): number | null => idOf(text?.replace(/^batch:/, '') ?? null);
const numberIn = (details: Record<string, unknown>, key: string): number | null => {
  const v = details[key];
  return typeof v === 'number' && Number.isInteger(v) ? v : null;
};
const textIn = (details: Record<string, unknown>, key: string): string | null => {
  const v = details[key];
  return typeof v === 'string' ? v : null;
};

const sourceOf = (action: string): SubjectSource | undefined =>
  Object.hasOwn(AUDIT_SUBJECT_SOURCES, action) ? AUDIT_SUBJECT_SOURCES[action] : undefined;

/**
 * Events that removed their subject: it is named from what the event recorded, never looked up, as
 * SQLite gives a deleted row's id to the next row inserted (a page deleted last, then a result page).
 */
const REMOVES_SUBJECT = new Set(['page.delete', 'document.remove']);

/** Where a page event's document is named when the page itself is gone (written with the event). */
const pageDocumentIn = (d: Record<string, unknown>) => numberIn(d, 'documentId') ?? numberIn(d, 'toDocument');

/**
 * The subjects of one page of audit events in words a supervisor knows: dossier codes, document
 * components, page numbers, batch and user names. The ids are gathered by kind and looked up with
 * one query per kind; a subject deleted since falls back on what its event recorded and says so.
 */
export function resolveAuditSubjects(queries: AuditSubjectQueries, events: readonly SubjectOfEvent[]): (AuditSubject | null)[] {
  const wanted = (source: SubjectSource, pick: (e: SubjectOfEvent) => number | null) =>
    events.filter((e) => sourceOf(e.action) === source).flatMap((e) => pick(e) ?? []);
  const stillThere = (e: SubjectOfEvent) => (REMOVES_SUBJECT.has(e.action) ? null : idOf(e.subject));

  const records = queries.records(wanted('record-id', (e) => idOf(e.subject)));
  const pages = queries.pages(wanted('page-id', stillThere));
  const documentIds = [
    ...wanted('document-id', stillThere),
    ...wanted('page-id', (e) => pageDocumentIn(e.details)),
    ...[...pages.values()].map((p) => p.documentId),
    ...[...records.values()].map((r) => r.documentId),
  ];
  const documents = queries.documents(documentIds);
  const dossierCodes = queries.dossierCodes([
    ...wanted('dossier-id', (e) => idOf(e.subject)),
    ...wanted('document-id', (e) => numberIn(e.details, 'dossierId')),
  ]);
  const batches = queries.batchNames(wanted('batch-ref', (e) => batchIdOf(e.subject)));
  const users = queries.displayNames(events.filter((e) => sourceOf(e.action) === 'username' && e.subject).map((e) => e.subject!));

  const docRef = (row: DocumentRefRow | undefined): AuditDocumentRef | null =>
    row ? { dossierCode: row.dossierCode, component: row.component, isResult: row.isResult === 1, position: row.position } : null;
  /** A document deleted since, as far as its event recorded it. */
  const goneDocument = (d: Record<string, unknown>): AuditDocumentRef | null => {
    const dossierId = numberIn(d, 'dossierId');
    const component = textIn(d, 'component');
    const dossierCode = dossierId === null ? textIn(d, 'dossierCode') : (dossierCodes.get(dossierId) ?? null);
    return dossierCode === null && component === null ? null : { dossierCode, component, isResult: false, position: null };
  };

  return events.map((e): AuditSubject | null => {
    const source = sourceOf(e.action);
    const s = e.subject;
    if (s === null || s === '') return null;
    switch (source) {
      case 'dossier-code':
        return { kind: 'dossier', code: s, gone: false };
      case 'dossier-id': {
        const code = dossierCodes.get(idOf(s) ?? -1) ?? null;
        return { kind: 'dossier', code, gone: code === null };
      }
      case 'document-id': {
        const row = documents.get(stillThere(e) ?? -1);
        return row
          ? { kind: 'document', document: docRef(row), gone: false }
          : { kind: 'document', document: goneDocument(e.details), gone: true };
      }
      case 'page-id': {
        const page = pages.get(stillThere(e) ?? -1);
        if (page) return { kind: 'page', position: page.position, document: docRef(documents.get(page.documentId)), gone: false };
        const documentId = pageDocumentIn(e.details);
        return {
          kind: 'page',
          position: numberIn(e.details, 'position'),
          document: documentId === null ? null : docRef(documents.get(documentId)),
          gone: true,
        };
      }
      case 'record-id': {
        const record = records.get(idOf(s) ?? -1);
        if (record) return { kind: 'record', version: record.version, document: docRef(documents.get(record.documentId)), gone: false };
        return { kind: 'record', version: numberIn(e.details, 'version'), document: goneDocument(e.details), gone: true };
      }
      case 'batch-ref': {
        const name = batches.get(batchIdOf(s) ?? -1) ?? null;
        return { kind: 'batch', name, gone: name === null };
      }
      case 'username':
        return { kind: 'user', username: s, displayName: users.get(s) ?? null };
      case 'setting-key':
        return { kind: 'setting', key: s };
      case 'certificate':
        return { kind: 'certificate', name: s };
      case 'folder':
        return { kind: 'folder', path: s };
      case 'hub-url':
        return { kind: 'hub', url: s };
      case 'error-code':
        return { kind: 'error', code: s };
      default:
        return { kind: 'text', text: s };
    }
  });
}
