import type { EngineHandlers } from '../../shared/contract';
import type { DocumentSummary } from '../../shared/types';
import { editableDossier, editableDossierOfDocument } from '../desk/dossier-lock';
import { previewOfStoredImage } from '../imaging/preview-stage';
import { addCapturedPages, DocumentNotFoundError, type CapturedItem } from '../intake/page-intake';
import { maxPagesPerFile, pagesOfUploadedFile } from '../intake/read-files';
import { PathNotAllowedError, type ReadablePathPolicy } from '../security/readable-path';
import { unquotePath } from '../../shared/file-paths';
import { NotFoundError } from '../validation-error';
import { readablePathsOf, type FileReader, type ServiceContext } from './handler-context';

/** The files a caller may import, read; each path the policy refuses is reported alone, as a bad file is. */
async function* readAllowed(policy: ReadablePathPolicy, read: FileReader, paths: string[], maxPages: number): AsyncIterable<CapturedItem> {
  for (const path of paths) {
    try {
      policy.check(path, 'page-source');
    } catch (e) {
      if (!(e instanceof PathNotAllowedError)) throw e;
      yield { source: path, error: e };
      continue;
    }
    yield* read([path], { maxPagesPerFile: maxPages });
  }
}

type DocumentHandlers = Pick<
  EngineHandlers,
  'document.create' | 'document.list' | 'document.importFiles' | 'document.uploadFile' | 'page.addImage' | 'page.image'
>;

export function documentHandlers(ctx: ServiceContext): DocumentHandlers {
  const { store, audit, events } = ctx;

  /** The dossier a document belongs to, when pages may still be added to it. */
  const recordSummary = (documentId: number) => {
    const latest = store.records.latest(documentId);
    return latest ? { ...latest, signedVersion: latest.signed ? store.records.signedCount(documentId, latest.version) : null } : null;
  };
  const dossierOfDocument = (documentId: number) => {
    const doc = store.pages.documentFields(documentId);
    if (!doc) throw new DocumentNotFoundError(documentId);
    return editableDossierOfDocument(store, documentId, doc.dossierId).id;
  };

  return {
    'document.create': ({ dossierId, component, title }) => {
      editableDossier(store, dossierId);
      const id = store.db.transaction(() => {
        const documentId = store.pages.createDocument(dossierId, component ?? null, title ?? null);
        audit.append({ actor: ctx.actor, action: 'document.create', subject: String(documentId), details: { dossierId, component } });
        return documentId;
      })();
      events.emit('dossier.changed', { id: dossierId });
      return { id };
    },

    'document.list': ({ dossierId }) => {
      if (!store.dossiers.get(dossierId)) throw new NotFoundError('dossier', dossierId);
      return store.pages.documentsOf(dossierId).map((d): DocumentSummary => ({
        ...d,
        pages: store.pages.ofDocument(d.id).map((p) => ({
          id: p.id,
          position: p.position,
          source: p.source,
          state: p.state,
          width: p.width,
          height: p.height,
          dpi: p.dpi,
          colorMode: p.colorMode,
          rotation: p.rotation,
          blank: p.blank,
          flags: p.flags,
          ocrConfidence: p.ocrConfidence,
          error: p.error ? (JSON.parse(p.error) as { code: string; message: string }) : null,
        })),
        record: recordSummary(d.id),
      }));
    },

    'document.importFiles': async ({ documentId, paths }) => {
      const dossierId = dossierOfDocument(documentId);
      const task = `import:${documentId}:${Date.now()}`;
      const result = await addCapturedPages(
        store,
        documentId,
        readAllowed(readablePathsOf(ctx), ctx.readFiles, paths.map(unquotePath), maxPagesPerFile(store.settings)),
        (done) => events.emit('progress', { task, label: 'import', done, total: 0 }),
      );
      audit.append({
        actor: ctx.actor,
        action: 'page.import',
        subject: String(documentId),
        details: { added: result.added.length, errors: result.errors.length },
      });
      events.emit('dossier.changed', { id: dossierId });
      return result;
    },

    'document.uploadFile': async ({ documentId, name, dataBase64 }) => {
      const dossierId = dossierOfDocument(documentId);
      const result = await addCapturedPages(
        store,
        documentId,
        pagesOfUploadedFile(name, Buffer.from(dataBase64, 'base64'), maxPagesPerFile(store.settings)),
      );
      audit.append({
        actor: ctx.actor,
        action: 'page.import',
        subject: String(documentId),
        details: { added: result.added.length, errors: result.errors.length },
      });
      events.emit('dossier.changed', { id: dossierId });
      return result;
    },

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
