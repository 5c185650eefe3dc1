import type { EngineHandlers } from '../../shared/contract';
import { RescanNoScannerError } from '../desk/desk-errors';
import { editableDossierOfDocument } from '../desk/dossier-lock';
import { replacePage, rescanPage } from '../desk/rescan-page';
import { NotFoundError } from '../validation-error';
import type { DeskContext } from './desk-context';
import { readablePathsOf } from './handler-context';

/** The one image a file path gives, or its coded reason for giving none. */
async function readOneFile(read: DeskContext['readFiles'], path: string): Promise<Buffer> {
  for await (const item of read([path])) {
    if ('error' in item) throw item.error;
    return item.bytes;
  }
  throw new NotFoundError('file', path);
}

/** A page scanned again on the dossier's scanner, or replaced by a file or a camera frame, in its place. */
export function pageReplaceHandlers(ctx: DeskContext): Pick<EngineHandlers, 'page.rescan' | 'page.replace'> {
  const { store, desk, audit, events } = ctx;
  return {
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
