import type { EngineHandlers } from '../../shared/contract';
import { RescanNoScannerError } from '../desk/desk-errors';
import { editableDossierOfDocument } from '../desk/dossier-lock';
import { replacePage, rescanPage } from '../desk/rescan-page';
import { listScanners, scanIntoDocument } from '../desk/scan-into-document';
import { DocumentNotFoundError } from '../intake/page-intake';
import { NotFoundError } from '../validation-error';
import type { DeskContext } from './desk-context';
import { readablePathsOf } from './handler-context';

type Handlers = Pick<EngineHandlers, 'scanner.list' | 'scanner.scan' | 'scanner.cancel' | 'page.rescan' | 'page.replace'>;

/** The one image a file path gives, or its coded reason for giving none. */
async function readOneFile(read: DeskContext['readFiles'], path: string): Promise<Buffer> {
  for await (const item of read([path])) {
    if ('error' in item) throw item.error;
    return item.bytes;
  }
  throw new NotFoundError('file', path);
}

export function deskScanHandlers(ctx: DeskContext): Handlers {
  const { store, desk, audit, events } = ctx;
  return {
    'scanner.list': () => listScanners(store),

    'scanner.scan': async ({ documentId, driver, deviceId, dpi, colorMode, source }) => {
      const doc = store.pages.documentFields(documentId);
      if (!doc) throw new DocumentNotFoundError(documentId);
      editableDossierOfDocument(store, documentId, doc.dossierId);
      const result = await scanIntoDocument(store, events, ctx.scans, {
        documentId,
        dossierId: doc.dossierId,
        driver,
        deviceId,
        options: { dpi, colorMode, source },
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

    'page.rescan': async ({ pageId }) => {
      const page = store.pages.get(pageId);
      if (!page) throw new NotFoundError('page', pageId);
      editableDossierOfDocument(store, page.documentId, page.dossierId);
      const profile = store.dossiers.scanProfile(page.dossierId);
      if (!profile) throw new RescanNoScannerError(page.dossierId);
      const result = await rescanPage(
        {
          store,
          desk,
          running: ctx.scans,
          onReplaced: (details) =>
            audit.append({
              actor: ctx.actor,
              action: 'page.rescan',
              subject: String(page.documentId),
              details: { ...details, position: page.position, device: `${profile.driver}:${profile.deviceId}` },
            }),
        },
        page,
        profile,
      );
      events.emit('dossier.changed', { id: page.dossierId });
      return result;
    },

    'page.replace': async ({ pageId, imageBase64, path, source }) => {
      const page = store.pages.get(pageId);
      if (!page) throw new NotFoundError('page', pageId);
      editableDossierOfDocument(store, page.documentId, page.dossierId);
      if (path !== undefined) readablePathsOf(ctx).check(path, 'page-source');
      const bytes = path !== undefined ? await readOneFile(ctx.readFiles, path) : Buffer.from(imageBase64!, 'base64');
      const from = path ?? source ?? 'camera';
      const result = replacePage(
        {
          store,
          desk,
          onReplaced: (details) =>
            audit.append({
              actor: ctx.actor,
              action: 'page.rescan',
              subject: String(page.documentId),
              details: { ...details, position: page.position, source: from },
            }),
        },
        page,
        bytes,
        from,
      );
      events.emit('dossier.changed', { id: page.dossierId });
      return result;
    },
  };
}
