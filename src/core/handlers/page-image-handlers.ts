import type { EngineHandlers } from '../../shared/contract';
import { previewOfStoredImage } from '../imaging/preview-stage';
import { addCapturedPages } from '../intake/page-intake';
import { NotFoundError } from '../validation-error';
import { dossierOfEditableDocument } from './editable-document';
import type { ServiceContext } from './handler-context';

/** A page's image: one added from the camera, one shown at the size asked (thumbnail, preview or full). */
export function pageImageHandlers(ctx: ServiceContext): Pick<EngineHandlers, 'page.addImage' | 'page.image'> {
  const { store, audit, events } = ctx;

  const dossierOfDocument = (documentId: number) => dossierOfEditableDocument(store, documentId);

  return {
    'page.addImage': async ({ documentId, imageBase64, source }) => {
      const dossierId = dossierOfDocument(documentId);
      const bytes = Buffer.from(imageBase64, 'base64');
      const result = await addCapturedPages(store, documentId, [{ source: source ?? 'camera', bytes }]);
      audit.append({ actor: ctx.actor, action: 'page.add', subject: String(documentId), details: { pages: result.added } });
      events.emit('dossier.changed', { id: dossierId });
      return result;
    },

    'page.image': async ({ id, size }) => {
      const page = store.pages.get(id);
      if (!page) throw new NotFoundError('page', id);
      const full = page.cleanSha256 ?? page.imageSha256;
      let sha = size === 'thumbnail' ? (page.thumbSha256 ?? full) : size === 'preview' ? (page.previewSha256 ?? full) : full;
      if (size === 'preview' && !page.previewSha256 && page.cleanSha256) {
        // Cleaned before previews were kept: made once, on the first look.
        sha = store.blobs.put(await previewOfStoredImage(store.blobs.get(page.cleanSha256)));
        store.pages.setPreview(page.id, page.cleanSha256, sha);
      }
      const bytes = store.blobs.get(sha);
      const mime = bytes[0] === 0xff && bytes[1] === 0xd8 ? 'image/jpeg' : bytes[0] === 0x89 ? 'image/png' : 'application/octet-stream';
      return { dataUrl: `data:${mime};base64,${bytes.toString('base64')}` };
    },
  };
}
