import type { EngineHandlers } from '../../shared/contract';
import { DocumentNotRemovableError, ReuseNotAllowedError } from '../desk/desk-errors';
import { editableDossier, editableDossierOfDocument } from '../desk/dossier-lock';
import { matchingComponent } from '../desk/matching-component';
import { reassembleWhenRead, RECORD_FIELDS } from '../desk/reassemble';
import { deskFields, fieldValueProblem, normaliseFieldValue } from '../desk/document-fields';
import { DocumentNotFoundError } from '../intake/page-intake';
import type { PageFields } from '../ocr/fields/field-types';
import { InputInvalidError, NotFoundError } from '../validation-error';
import type { DeskContext } from './desk-context';

type Handlers = Pick<EngineHandlers, 'document.reuse' | 'document.remove' | 'document.fields' | 'document.setField'>;

/** A document at the desk: reuse of an earlier one, removal, and the extracted fields with the clerk's corrections. */
export function deskDocumentHandlers(ctx: DeskContext): Handlers {
  const { store, desk, audit, events } = ctx;

  const documentOrThrow = (id: number) => {
    const d = store.documents.fields(id);
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

  return {
    'document.reuse': ({ dossierId, sourceDocumentId, component }) => {
      const dossier = editableDossier(store, dossierId);
      const source = documentOrThrow(sourceDocumentId);
      const sourceDossier = store.dossiers.get(source.dossierId);
      if (!sourceDossier) throw new NotFoundError('dossier', source.dossierId);
      if (!dossier.applicantCccd || sourceDossier.applicantCccd !== dossier.applicantCccd)
        throw new ReuseNotAllowedError('another applicant', { sourceDocumentId });
      const record = store.records.latest(sourceDocumentId);
      if (!record) throw new ReuseNotAllowedError('not digitized yet', { sourceDocumentId });
      const existing = desk.documentReusing(dossierId, sourceDocumentId);
      if (existing) return { id: existing };
      const id = store.transaction(() => {
        const components = dossier.procedureCode ? (store.procedures.get(dossier.procedureCode)?.components ?? []) : [];
        const documentId = desk.insertReusedDocument(
          dossierId,
          sourceDocumentId,
          component ??
            matchingComponent(
              components,
              store.documents.ofDossier(source.dossierId).find((d) => d.id === sourceDocumentId)?.component ?? null,
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
      });
      events.emit('dossier.changed', { id: dossierId });
      return { id };
    },

    'document.remove': ({ documentId }) => {
      const doc = documentOrThrow(documentId);
      editableDossier(store, doc.dossierId);
      store.transaction(() => {
        const removed = desk.removeDocument(documentId);
        if ('blocked' in removed) throw new DocumentNotRemovableError(documentId, removed.blocked);
        store.dossiers.settleWorkStatus(doc.dossierId);
        audit.append({
          actor: ctx.actor,
          action: 'document.remove',
          subject: String(documentId),
          details: { dossierId: doc.dossierId, ...removed },
        });
      });
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
      store.transaction(() => {
        desk.setCorrection(documentId, { name, value: normalised, ocrValue }, ctx.actor);
        if (changesRecord) reassembleWhenRead(store, desk, documentId);
        audit.append({
          actor: ctx.actor,
          action: 'field.correct',
          subject: String(documentId),
          details: { name, ocrValue, value: normalised },
        });
      });
      events.emit('dossier.changed', { id: doc.dossierId });
      return fieldsOf(documentId).find((f) => f.name === name)!;
    },
  };
}
