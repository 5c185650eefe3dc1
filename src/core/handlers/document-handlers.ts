import type { EngineHandlers } from '../../shared/contract';
import type { DocumentSummary } from '../../shared/types';
import { editableDossier } from '../desk/dossier-lock';
import { addCapturedPages, type CapturedItem } from '../intake/page-intake';
import { maxPagesPerFile, pagesOfUploadedFile } from '../intake/read-files';
import { PathNotAllowedError, type ReadablePathPolicy } from '../security/readable-path';
import { unquotePath } from '../../shared/file-paths';
import { NotFoundError } from '../validation-error';
import { dossierOfEditableDocument } from './editable-document';
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

type DocumentHandlers = Pick<EngineHandlers, 'document.create' | 'document.list' | 'document.importFiles' | 'document.uploadFile'>;

export function documentHandlers(ctx: ServiceContext): DocumentHandlers {
  const { store, audit, events } = ctx;

  const recordSummary = (documentId: number) => {
    const latest = store.records.latest(documentId);
    if (!latest) return null;
    const signedVersion = latest.signed ? store.records.signedCount(documentId, latest.version) : null;
    const results = store.results;
    return {
      ...latest,
      signedVersion,
      sohoaTimestamp: !!results.resultOf(documentId)?.isResult && results.latestIsTimestamped(documentId),
    };
  };
  const dossierOfDocument = (documentId: number) => dossierOfEditableDocument(store, documentId);

  return {
    'document.create': ({ dossierId, component, title }) => {
      editableDossier(store, dossierId);
      const id = store.transaction(() => {
        const documentId = store.documents.create(dossierId, component ?? null, title ?? null);
        audit.append({ actor: ctx.actor, action: 'document.create', subject: String(documentId), details: { dossierId, component } });
        return documentId;
      });
      events.emit('dossier.changed', { id: dossierId });
      return { id };
    },

    'document.list': ({ dossierId }) => {
      if (!store.dossiers.get(dossierId)) throw new NotFoundError('dossier', dossierId);
      return store.documents.ofDossier(dossierId).map((d): DocumentSummary => ({
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
  };
}
