import type { EngineHandlers } from '../../shared/contract';
import { holidayCalendar } from '../result/holiday-calendar';
import { handBackResult, openIntakeDossier } from '../result/hand-back';
import { importResultPdf } from '../result/import-result-pdf';
import { signResult } from '../result/sign-result';
import { timestampResult } from '../result/timestamp-result';
import { timelinessOf } from '../result/timeliness';
import { NotFoundError } from '../validation-error';
import type { DeskContext } from './desk-context';

type Handlers = Pick<
  EngineHandlers,
  'result.create' | 'result.importPdf' | 'result.sign' | 'result.timestamp' | 'result.timeliness' | 'result.handBack' | 'result.status'
>;

/**
 * Trả kết quả: the result document added to a received dossier (scanned like any page, or imported as
 * the PDF the specialised system made), signed as the agency's electronic copy, and handed back.
 */
export function resultHandlers(ctx: DeskContext): Handlers {
  const { store, audit, events } = ctx;
  const results = store.results;
  const now = () => (ctx.now ?? (() => new Date()))();

  return {
    'result.create': ({ dossierId, kind, number, date, title }) => {
      openIntakeDossier(store, dossierId);
      const id = store.transaction(() => {
        const documentId = results.createResultDocument(dossierId, kind, title || null);
        // The clerk's number and date stand over what the field extraction reads, as a correction does.
        if (number) ctx.desk.setCorrection(documentId, { name: 'docNumber', value: number, ocrValue: null }, ctx.actor);
        if (date) ctx.desk.setCorrection(documentId, { name: 'docDate', value: date, ocrValue: null }, ctx.actor);
        audit.append({
          actor: ctx.actor,
          action: 'result.create',
          subject: String(documentId),
          details: { dossierId, kind, number: number ?? null, date: date ?? null },
        });
        return documentId;
      });
      events.emit('dossier.changed', { id: dossierId });
      return { id };
    },

    'result.importPdf': async ({ documentId, name, dataBase64 }) => {
      const imported = await importResultPdf({ store, audit, actor: ctx.actor }, documentId, {
        name,
        bytes: Buffer.from(dataBase64, 'base64'),
      });
      const doc = results.resultOf(documentId);
      if (doc) events.emit('dossier.changed', { id: doc.dossierId });
      return imported;
    },

    'result.sign': async ({ documentId }) => {
      const signed = await signResult(
        { store, desk: ctx.desk, audit, signer: ctx.signer, actor: ctx.actor, agencyName: ctx.workstation.agencyName, now },
        documentId,
      );
      const doc = results.resultOf(documentId);
      if (doc) events.emit('dossier.changed', { id: doc.dossierId });
      return signed;
    },

    'result.timestamp': async ({ documentId }) => {
      const stamped = await timestampResult({ store, audit, actor: ctx.actor }, documentId);
      const doc = results.resultOf(documentId);
      if (doc) events.emit('dossier.changed', { id: doc.dossierId });
      return stamped;
    },

    'result.timeliness': ({ dossierId, returnedAt }) => {
      const dossier = store.dossiers.get(dossierId);
      if (!dossier) throw new NotFoundError('dossier', dossierId);
      return timelinessOf(holidayCalendar(store.settings), dossier, returnedAt ? new Date(returnedAt) : now());
    },

    'result.handBack': (input) => {
      const handBack = handBackResult({ store, audit, actor: ctx.actor, now }, input);
      events.emit('dossier.changed', { id: input.dossierId });
      return handBack;
    },

    'result.status': ({ dossierId }) => {
      if (!store.dossiers.get(dossierId)) throw new NotFoundError('dossier', dossierId);
      const row = results.handBack(dossierId);
      if (!row) return { handBack: null };
      return {
        handBack: {
          ...row,
          onTime: row.onTime === null ? null : row.onTime === 1,
          returnedDay: timelinessOf(holidayCalendar(store.settings), { id: dossierId, dueDate: null }, new Date(row.returnedAt))
            .returnedDay,
        },
      };
    },
  };
}
