import type { EngineHandlers } from '../../shared/contract';
import { legacyAgency } from '../settings/agency-identity';
import type { ChecklistItem, DeskDocument } from '../../shared/types';
import { DocumentNotRemovableError, ReuseNotAllowedError } from '../desk/desk-errors';
import { editableDossier, editableDossierOfDocument } from '../desk/dossier-lock';
import { documentHasContent } from '../desk/dossier-completeness';
import { matchingComponent } from '../desk/matching-component';
import { reassembleWhenRead, RECORD_FIELDS } from '../desk/reassemble';
import { buildReceiptPdf, receiptSheet } from '../desk/receipt-pdf';
import { deskFields, fieldValueProblem, normaliseFieldValue } from '../desk/document-fields';
import { DocumentNotFoundError } from '../intake/page-intake';
import type { PageFields } from '../ocr/fields/field-types';
import { InputInvalidError, NotFoundError } from '../validation-error';
import type { DeskContext } from './desk-context';
import { documentHandlers } from './document-handlers';

type Handlers = Pick<
  EngineHandlers,
  | 'dossier.desk'
  | 'dossier.reuseCandidates'
  | 'document.reuse'
  | 'document.remove'
  | 'document.fields'
  | 'document.setField'
  | 'dossier.receipt'
>;

/** The dossier as the desk sees it, reuse of earlier documents, and the extracted fields with the clerk's corrections. */
export function deskDossierHandlers(ctx: DeskContext): Handlers {
  const { store, desk, audit, events } = ctx;
  const listDocuments = documentHandlers(ctx)['document.list'];

  const dossierOrThrow = (id: number) => {
    const d = store.dossiers.get(id);
    if (!d) throw new NotFoundError('dossier', id);
    return d;
  };
  const documentOrThrow = (id: number) => {
    const d = store.pages.documentFields(id);
    if (!d) throw new DocumentNotFoundError(id);
    return d;
  };

  const fieldsOf = (documentId: number) => {
    const doc = documentOrThrow(documentId);
    const source = desk.reusedFrom(documentId) ?? documentId;
    const all = Array.isArray(doc.fields) ? (doc.fields as PageFields[]) : [];
    const readPages = store.pages.ofDocument(source).filter((p) => p.state === 'read');
    return deskFields(
      all,
      all.map((_, i) => readPages[i]?.id ?? null),
      desk.corrections(documentId),
    );
  };

  const sourcePages = async (sourceDocumentId: number) => {
    const source = store.pages.documentFields(sourceDocumentId);
    if (!source) return [];
    return (await listDocuments({ dossierId: source.dossierId })).find((d) => d.id === sourceDocumentId)?.pages ?? [];
  };

  return {
    'dossier.desk': async ({ id }) => {
      const dossier = dossierOrThrow(id);
      const summaries = await listDocuments({ dossierId: id });
      const documents: DeskDocument[] = [];
      for (const d of summaries) {
        const reusedFrom = desk.reusedFrom(d.id);
        // A reused document's pages are the source's: shown (read-only) rather than "0 trang".
        const pages = reusedFrom === null ? d.pages : await sourcePages(reusedFrom);
        documents.push({ ...d, pages, reusedFrom });
      }
      const components = dossier.procedureCode ? (store.procedures.get(dossier.procedureCode)?.components ?? []) : [];
      const checklist: ChecklistItem[] = components.map((component) => {
        const documentIds = documents.filter((d) => d.component === component).map((d) => d.id);
        return { component, documentIds, filled: documentIds.some((d) => documentHasContent(store, desk, d)) };
      });
      return { dossier, checklist, documents, reusesData: desk.countReused(id) > 0, finalizing: ctx.finalizing.get(id) ?? null };
    },

    'dossier.reuseCandidates': ({ dossierId }) => {
      const dossier = dossierOrThrow(dossierId);
      return dossier.applicantCccd ? desk.reuseCandidates(dossierId, dossier.applicantCccd) : [];
    },

    'document.reuse': ({ dossierId, sourceDocumentId, component }) => {
      const dossier = editableDossier(store, dossierId);
      const source = documentOrThrow(sourceDocumentId);
      const sourceDossier = dossierOrThrow(source.dossierId);
      if (!dossier.applicantCccd || sourceDossier.applicantCccd !== dossier.applicantCccd)
        throw new ReuseNotAllowedError('another applicant', { sourceDocumentId });
      const record = store.records.latest(sourceDocumentId);
      if (!record) throw new ReuseNotAllowedError('not digitized yet', { sourceDocumentId });
      const existing = desk.documentReusing(dossierId, sourceDocumentId);
      if (existing) return { id: existing };
      const id = store.db.transaction(() => {
        const components = dossier.procedureCode ? (store.procedures.get(dossier.procedureCode)?.components ?? []) : [];
        const documentId = desk.insertReusedDocument(
          dossierId,
          sourceDocumentId,
          component ??
            matchingComponent(
              components,
              store.pages.documentsOf(source.dossierId).find((d) => d.id === sourceDocumentId)?.component ?? null,
            ),
        );
        store.records.addVersion(
          documentId,
          record.pdfSha256,
          record.signed ? { signer: record.signer ?? '', signedAt: record.signedAt ?? '' } : null,
        );
        store.dossiers.settleWorkStatus(dossierId);
        audit.append({
          actor: ctx.actor,
          action: 'document.reuse',
          subject: String(documentId),
          details: { dossierId, sourceDocumentId, recordId: record.id },
        });
        return documentId;
      })();
      events.emit('dossier.changed', { id: dossierId });
      return { id };
    },

    'document.remove': ({ documentId }) => {
      const doc = documentOrThrow(documentId);
      editableDossier(store, doc.dossierId);
      store.db.transaction(() => {
        const removed = desk.removeDocument(documentId);
        if ('blocked' in removed) throw new DocumentNotRemovableError(documentId, removed.blocked);
        store.dossiers.settleWorkStatus(doc.dossierId);
        audit.append({
          actor: ctx.actor,
          action: 'document.remove',
          subject: String(documentId),
          details: { dossierId: doc.dossierId, ...removed },
        });
      })();
      events.emit('dossier.changed', { id: doc.dossierId });
      return { removed: true };
    },

    'document.fields': ({ documentId }) => fieldsOf(documentId),

    'document.setField': ({ documentId, name, value }) => {
      const doc = documentOrThrow(documentId);
      editableDossierOfDocument(store, documentId, doc.dossierId);
      const problem = fieldValueProblem(name, value);
      if (problem) throw new InputInvalidError([{ field: 'value', problem }]);
      const ocrValue = fieldsOf(documentId).find((f) => f.name === name)?.ocrValue ?? null;
      const normalised = normaliseFieldValue(name, value);
      const changesRecord = RECORD_FIELDS.includes(name) && desk.corrections(documentId).find((c) => c.name === name)?.value !== normalised;
      store.db.transaction(() => {
        desk.setCorrection(documentId, { name, value: normalised, ocrValue }, ctx.actor);
        if (changesRecord) reassembleWhenRead(store, desk, documentId);
        audit.append({
          actor: ctx.actor,
          action: 'field.correct',
          subject: String(documentId),
          details: { name, ocrValue, value: normalised },
        });
      })();
      events.emit('dossier.changed', { id: doc.dossierId });
      return fieldsOf(documentId).find((f) => f.name === name)!;
    },

    'dossier.receipt': async ({ id }) => {
      const dossier = dossierOrThrow(id);
      const components = dossier.procedureCode ? (store.procedures.get(dossier.procedureCode)?.components ?? []) : [];
      const documents = store.pages.documentsOf(id);
      const input = {
        dossier,
        agency: store.dossiers.agencyOf(id) ?? legacyAgency(ctx.workstation),
        components: components.map((name) => ({ name, received: documents.some((d) => d.component === name) })),
        issuedAt: (ctx.now ?? (() => new Date()))(),
      };
      const pdf = await buildReceiptPdf(input);
      audit.append({ actor: ctx.actor, action: 'dossier.receipt', subject: dossier.code, details: { id } });
      return { pdfBase64: Buffer.from(pdf).toString('base64'), sheet: receiptSheet(input) };
    },
  };
}
