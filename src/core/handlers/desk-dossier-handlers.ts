import type { EngineHandlers } from '../../shared/contract';
import { legacyAgency } from '../settings/agency-identity';
import type { ChecklistItem, DeskDocument } from '../../shared/types';
import { documentHasContent } from '../desk/dossier-completeness';
import { buildReceiptPdf, receiptSheet } from '../desk/receipt-pdf';
import { NotFoundError } from '../validation-error';
import type { DeskContext } from './desk-context';
import { documentHandlers } from './document-handlers';

type Handlers = Pick<EngineHandlers, 'dossier.desk' | 'dossier.reuseCandidates' | 'dossier.receipt'>;

/** The dossier as the desk sees it, the earlier documents it may reuse, and its receipt. */
export function deskDossierHandlers(ctx: DeskContext): Handlers {
  const { store, desk, audit } = ctx;
  const listDocuments = documentHandlers(ctx)['document.list'];

  const dossierOrThrow = (id: number) => {
    const d = store.dossiers.get(id);
    if (!d) throw new NotFoundError('dossier', id);
    return d;
  };
  const sourcePages = async (sourceDocumentId: number) => {
    const source = store.documents.fields(sourceDocumentId);
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

    'dossier.receipt': async ({ id }) => {
      const dossier = dossierOrThrow(id);
      const components = dossier.procedureCode ? (store.procedures.get(dossier.procedureCode)?.components ?? []) : [];
      const documents = store.documents.ofDossier(id);
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
