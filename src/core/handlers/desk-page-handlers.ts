import type { EngineHandlers } from '../../shared/contract';
import type { PageText } from '../../shared/page-text';
import { PageMoveConflictError, PageNotReadyError, PageOrderStaleError } from '../desk/desk-errors';
import { reassembleWhenRead, rereadPage } from '../desk/reassemble';
import { editableDossierOfDocument } from '../desk/dossier-lock';
import { rotateImage } from '../desk/rotate-images';
import { DocumentNotFoundError } from '../intake/page-intake';
import { NotFoundError } from '../validation-error';
import type { DeskContext } from './desk-context';

type Handlers = Pick<EngineHandlers, 'page.rotate' | 'page.delete' | 'page.move' | 'page.text'>;

/** The clerk reads a page's text and arranges pages: turn, remove, reorder or move to another document. Each change asks for an end state, so asking twice changes nothing. */
export function deskPageHandlers(ctx: DeskContext): Handlers {
  const { store, desk, audit, events } = ctx;

  /** The page, when its dossier may still change. */
  const pageOrThrow = (pageId: number) => {
    const page = store.pages.get(pageId);
    if (!page) throw new NotFoundError('page', pageId);
    editableDossierOfDocument(store, page.documentId, page.dossierId);
    return page;
  };

  return {
    'page.text': ({ pageId }) => {
      const page = store.pages.get(pageId);
      if (!page) throw new NotFoundError('page', pageId);
      return { text: page.textSha256 ? (JSON.parse(store.blobs.get(page.textSha256).toString('utf8')) as PageText) : null };
    },

    'page.rotate': async ({ pageId, rotation }) => {
      const page = pageOrThrow(pageId);
      const turn = (((rotation - page.rotation) % 360) + 360) % 360;
      if (turn === 0) return { changed: false };
      if (!page.cleanSha256 || !page.ocrImageSha256 || (page.state !== 'read' && page.state !== 'cleaned'))
        throw new PageNotReadyError(pageId);
      const degrees = turn as 90 | 180 | 270;
      const turned = (sha: string | null) => (sha ? rotateImage(store.blobs.get(sha), degrees) : Promise.resolve(null));
      const [clean, ocr, thumb, preview] = await Promise.all([
        rotateImage(store.blobs.get(page.cleanSha256), degrees),
        rotateImage(store.blobs.get(page.ocrImageSha256), degrees),
        turned(page.thumbSha256),
        turned(page.previewSha256),
      ]);
      const sha = {
        clean: store.blobs.put(clean),
        ocr: store.blobs.put(ocr),
        thumb: thumb ? store.blobs.put(thumb) : null,
        preview: preview ? store.blobs.put(preview) : null,
      };
      const quarter = degrees !== 180;
      store.transaction(() => {
        desk.replaceCleanedImages(pageId, {
          cleanSha256: sha.clean,
          ocrImageSha256: sha.ocr,
          thumbSha256: sha.thumb,
          previewSha256: sha.preview,
          width: (quarter ? page.height : page.width) ?? 0,
          height: (quarter ? page.width : page.height) ?? 0,
          rotation,
        });
        rereadPage(store, pageId, sha.ocr);
        store.dossiers.settleWorkStatus(page.dossierId);
        audit.append({
          actor: ctx.actor,
          action: 'page.rotate',
          subject: String(pageId),
          details: { from: page.rotation, to: rotation, documentId: page.documentId },
        });
      });
      events.emit('dossier.changed', { id: page.dossierId });
      return { changed: true };
    },

    'page.delete': ({ pageId }) => {
      const page = store.pages.get(pageId);
      if (!page) return { deleted: false };
      editableDossierOfDocument(store, page.documentId, page.dossierId);
      store.transaction(() => {
        desk.deletePage(pageId);
        reassembleWhenRead(store, desk, page.documentId);
        store.dossiers.settleWorkStatus(page.dossierId);
        audit.append({
          actor: ctx.actor,
          action: 'page.delete',
          subject: String(pageId),
          details: { documentId: page.documentId, position: page.position, imageSha256: page.imageSha256 },
        });
      });
      events.emit('dossier.changed', { id: page.dossierId });
      return { deleted: true };
    },

    'page.move': ({ pageId, documentId, position, expectedOrder }) => {
      const page = pageOrThrow(pageId);
      if (expectedOrder) {
        const actual = store.pages.ofDocument(page.documentId).map((p) => p.id);
        if (actual.join() !== expectedOrder.join()) throw new PageOrderStaleError(page.documentId, expectedOrder, actual);
      }
      const target = store.documents.fields(documentId);
      if (!target) throw new DocumentNotFoundError(documentId);
      if (target.dossierId !== page.dossierId) throw new DocumentNotFoundError(documentId);
      editableDossierOfDocument(store, documentId, target.dossierId);
      if (documentId !== page.documentId && store.pages.ofDocument(documentId).some((p) => p.imageSha256 === page.imageSha256))
        throw new PageMoveConflictError(pageId, documentId);
      const changed = store.transaction(() => {
        if (!desk.movePage(pageId, documentId, position)) return false;
        reassembleWhenRead(store, desk, documentId);
        if (documentId !== page.documentId) reassembleWhenRead(store, desk, page.documentId);
        audit.append({
          actor: ctx.actor,
          action: 'page.move',
          subject: String(pageId),
          details: { fromDocument: page.documentId, fromPosition: page.position, toDocument: documentId, toPosition: position },
        });
        return true;
      });
      if (changed) events.emit('dossier.changed', { id: page.dossierId });
      return { changed };
    },
  };
}
