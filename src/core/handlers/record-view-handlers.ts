import type { EngineHandlers } from '../../shared/contract';
import { NotFoundError } from '../validation-error';
import type { ServiceContext } from './handler-context';

export type RecordViewMethod = 'record.file';

/**
 * A signed record seen from the desk: the signed bytes themselves, which the desk renders page by page
 * in its own window (the app's security policy lets no PDF plug-in run) or saves to open elsewhere.
 */
export function recordViewHandlers(ctx: ServiceContext): Pick<EngineHandlers, RecordViewMethod> {
  const { store, audit } = ctx;
  return {
    'record.file': ({ recordId, purpose }) => {
      const record = store.records.get(recordId);
      if (!record) throw new NotFoundError('record', recordId);
      const dossierCode = store.documents.dossierCode(record.documentId);
      audit.append({
        actor: ctx.actor,
        action: purpose === 'view' ? 'record.view' : 'record.export',
        subject: String(recordId),
        details: { version: record.version },
      });
      return {
        pdfBase64: store.blobs.get(record.pdfSha256).toString('base64'),
        fileName: `${dossierCode ?? 'ban-ghi'}-${recordId}-v${record.version}.pdf`,
      };
    },
  };
}
