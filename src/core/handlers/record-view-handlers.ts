import type { EngineHandlers } from '../../shared/contract';
import { recordPageImage } from '../record/record-page-image';
import { NotFoundError } from '../validation-error';
import type { ServiceContext } from './handler-context';

export type RecordViewMethod = 'record.page' | 'record.file';

/**
 * A signed record seen from the desk: in the app's own window, page by page from the PDF's bytes
 * (the app's security policy lets no PDF plug-in run), and the file itself to save or open elsewhere.
 */
export function recordViewHandlers(ctx: ServiceContext): Pick<EngineHandlers, RecordViewMethod> {
  const { store, audit } = ctx;
  const recordOf = (recordId: number) => {
    const record = store.records.get(recordId);
    if (!record) throw new NotFoundError('record', recordId);
    return record;
  };
  return {
    'record.page': async ({ recordId, index }) => {
      const record = recordOf(recordId);
      const page = await recordPageImage(store.blobs.get(record.pdfSha256), index);
      if (index === 0) audit.append({ actor: ctx.actor, action: 'record.view', subject: String(recordId), details: { version: record.version } });
      return page;
    },
    'record.file': ({ recordId }) => {
      const record = recordOf(recordId);
      const doc = store.db.prepare('SELECT d.code FROM record r JOIN document x ON x.id = r.document_id JOIN dossier d ON d.id = x.dossier_id WHERE r.id = ?').get(recordId) as { code: string } | undefined;
      audit.append({ actor: ctx.actor, action: 'record.export', subject: String(recordId), details: { version: record.version } });
      return { pdfBase64: store.blobs.get(record.pdfSha256).toString('base64'), fileName: `${doc?.code ?? 'ban-ghi'}-${recordId}-v${record.version}.pdf` };
    },
  };
}
