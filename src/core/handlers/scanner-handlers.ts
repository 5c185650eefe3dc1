import type { EngineHandlers } from '../../shared/contract';
import { testScan } from '../capture/test-scan';
import { editableDossierOfDocument } from '../desk/dossier-lock';
import { listScanners, scanDriverSettings, scanIntoDocument } from '../desk/scan-into-document';
import { DocumentNotFoundError } from '../intake/page-intake';
import type { DeskContext } from './desk-context';

type Handlers = Pick<EngineHandlers, 'scanner.list' | 'scanner.scan' | 'scanner.cancel' | 'scanner.testScan'>;

/**
 * The desk's scanners: list them, scan into a document (remembering the dossier's scanner), cancel a scan;
 * and the Settings page's test scan with a profile's settings.
 */
export function scannerHandlers(ctx: DeskContext): Handlers {
  const { store, audit, events } = ctx;
  return {
    'scanner.list': () => listScanners(store),

    'scanner.scan': async ({ documentId, driver, deviceId, dpi, colorMode, source, pageSize }) => {
      const doc = store.documents.fields(documentId);
      if (!doc) throw new DocumentNotFoundError(documentId);
      editableDossierOfDocument(store, documentId, doc.dossierId);
      const result = await scanIntoDocument(store, events, ctx.scans, {
        documentId,
        dossierId: doc.dossierId,
        driver,
        deviceId,
        options: { dpi, colorMode, source, pageSize },
      });
      if (result.added.length + result.duplicates.length > 0)
        store.dossiers.setScanProfile(doc.dossierId, { driver, deviceId, dpi, colorMode, source });
      audit.append({
        actor: ctx.actor,
        action: 'page.scan',
        subject: String(documentId),
        details: {
          device: `${driver}:${deviceId}`,
          added: result.added.length,
          cancelled: result.cancelled,
          error: result.error?.code ?? null,
        },
      });
      events.emit('dossier.changed', { id: doc.dossierId });
      return result;
    },

    'scanner.cancel': ({ documentId }) => {
      const scan = ctx.scans.get(documentId);
      scan?.abort();
      return { cancelled: scan !== undefined };
    },

    'scanner.testScan': ({ driver, deviceId, dpi, colorMode, source, pageSize }) =>
      testScan(scanDriverSettings(store), driver, deviceId, { dpi, colorMode, source, pageSize }),
  };
}
