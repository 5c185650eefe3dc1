import type { AgencyIdentity } from '../../shared/agency';
import { createHash } from 'node:crypto';
import type { PageText } from '../../shared/page-text';
import type { EventBus } from '../event-bus';
import type { FieldCorrection } from '../store/desk-repository';
import { readSetting } from '../settings/read-setting';
import type { OcrModel } from '../ocr/language-data';
import type { Store } from '../store/store';
import type { JobHandler } from './job-runner';
import { documentJobPlacement, pageJobPlacement } from './job-placement';
import { readFlags } from './read-flags';
import type { ExtractedFields, OcrReading, PipelineStages, RecordInfo } from './pipeline-stages';

export const PIPELINE_JOBS = { clean: 'page.clean', read: 'page.read', assemble: 'document.assemble' } as const;

interface PipelineContext {
  store: Store;
  stages: PipelineStages;
  events?: EventBus;
  /** What a dossier taken in before the agency was a setting carries. */
  legacyAgency: AgencyIdentity;
  actor: string;
}

/** The clerk's corrections of the fields a record carries win over what OCR read; what OCR read stays in `all`. */
function withCorrections(fields: ExtractedFields, corrections: FieldCorrection[]): ExtractedFields {
  const corrected = (name: string) => corrections.find((c) => c.name === name)?.value;
  return { ...fields, docNumber: corrected('docNumber') ?? fields.docNumber, docDate: corrected('docDate') ?? fields.docDate };
}

const ocrReading = (store: Store): OcrReading => ({
  model: readSetting(store.settings, 'ocr.model') as OcrModel,
  languages: readSetting(store.settings, 'ocr.languages') as string[],
  workers: Number(readSetting(store.settings, 'ocr.workers')),
});

const isJpeg = (bytes: Buffer) => bytes[0] === 0xff && bytes[1] === 0xd8;
const pageJobKey = (pageId: number, sha: string) => `${pageId}:${sha}`;

/** Enqueues the clean-up of a page; call in the transaction that adds the page. */
export function enqueuePage(store: Store, page: { id: number; documentId: number; dossierId: number }, imageSha256: string): void {
  store.jobs.enqueue(PIPELINE_JOBS.clean, pageJobKey(page.id, imageSha256), { pageId: page.id }, pageJobPlacement(store, page));
}

/**
 * capture → clean → read → (all pages read) → extract + assemble. Each job's output is stored by
 * content hash before its row is committed, and the next job is enqueued in the same transaction,
 * so a crash anywhere repeats at most the job that was running.
 */
export function pipelineHandlers(ctx: PipelineContext): Record<string, JobHandler> {
  const { store, stages } = ctx;
  const desk = store.desk;
  const archive = store.archive;
  const pageOf = (payload: unknown) => {
    const page = store.pages.get((payload as { pageId: number }).pageId);
    if (!page) throw new Error(`page ${(payload as { pageId: number }).pageId} is gone`);
    return page;
  };
  const failPage = (payload: unknown, error: { code: string; message: string }) => {
    store.pages.markFailed((payload as { pageId: number }).pageId, error);
    const page = store.pages.get((payload as { pageId: number }).pageId);
    if (page) store.dossiers.settleWorkStatus(page.dossierId);
    if (page) ctx.events?.emit('dossier.changed', { id: page.dossierId });
  };

  const clean: JobHandler<{
    pageId: number;
    sha: { clean: string; ocr: string; thumb: string | null; preview: string | null };
    meta: Awaited<ReturnType<PipelineStages['clean']>>;
  }> = {
    async run({ job }) {
      const page = pageOf(job.payload);
      const cleaned = await stages.clean(store.blobs.get(page.imageSha256), page.source ?? `page ${page.id}`);
      const sha = {
        clean: store.blobs.put(cleaned.image),
        ocr: store.blobs.put(cleaned.ocrImage),
        thumb: cleaned.thumbnail ? store.blobs.put(cleaned.thumbnail) : null,
        preview: cleaned.preview ? store.blobs.put(cleaned.preview) : null,
      };
      return {
        pageId: page.id,
        sha,
        meta: { ...cleaned, image: Buffer.alloc(0), ocrImage: Buffer.alloc(0), thumbnail: null, preview: null },
      };
    },
    commit(_ctx, { pageId, sha, meta }) {
      store.pages.markCleaned(pageId, {
        cleanSha256: sha.clean,
        ocrImageSha256: sha.ocr,
        thumbSha256: sha.thumb,
        previewSha256: sha.preview,
        width: meta.width,
        height: meta.height,
        dpi: meta.dpi,
        dpiAssumed: meta.dpiAssumed,
        colorMode: meta.colorMode,
        rotation: meta.rotationApplied,
        skew: meta.skewCorrected,
        blank: meta.blank,
        phash: meta.phash,
        flags: meta.flags,
      });
      const page = store.pages.get(pageId);
      store.jobs.enqueue(PIPELINE_JOBS.read, pageJobKey(pageId, sha.ocr), { pageId }, page ? pageJobPlacement(store, page) : { pageId });
    },
    onFailed: ({ job }, error) => failPage(job.payload, error),
  };

  const read: JobHandler<{ pageId: number; textSha: string; text: PageText }> = {
    async run({ job }) {
      const page = pageOf(job.payload);
      const text: PageText = page.blank
        ? { text: '', lines: [], confidence: 0, width: page.width ?? 0, height: page.height ?? 0, unreadable: true }
        : await stages.read(store.blobs.get(page.ocrImageSha256!), page.source ?? `page ${page.id}`, ocrReading(store));
      return { pageId: page.id, textSha: store.blobs.put(Buffer.from(JSON.stringify(text))), text };
    },
    commit(_ctx, { pageId, textSha, text }) {
      const read = store.pages.get(pageId)!;
      store.pages.markRead(pageId, textSha, text.text, text.confidence, readFlags(read, text));
      const page = store.pages.get(pageId)!;
      store.search.indexPage(page.dossierId, pageId, text.text);
      store.dossiers.settleWorkStatus(page.dossierId);
      const siblings = store.pages.ofDocument(page.documentId);
      if (siblings.every((p) => p.state === 'read')) {
        const key = createHash('sha256')
          .update(siblings.map((p) => `${p.id}:${p.textSha256}:${p.cleanSha256}`).join('|'))
          .digest('hex');
        store.jobs.enqueue(
          PIPELINE_JOBS.assemble,
          `${page.documentId}:${key}`,
          { documentId: page.documentId },
          documentJobPlacement(store, page.documentId),
        );
      }
      ctx.events?.emit('dossier.changed', { id: page.dossierId });
    },
    onFailed: ({ job }, error) => failPage(job.payload, error),
  };

  const assemble: JobHandler<{ documentId: number; pdfSha: string; fields: ReturnType<PipelineStages['extract']> }> = {
    async run({ job }) {
      const documentId = (job.payload as { documentId: number }).documentId;
      const doc = store.documents.fields(documentId);
      if (!doc) throw new Error(`document ${documentId} is gone`);
      const dossier = store.dossiers.get(doc.dossierId)!;
      const pages = store.pages.ofDocument(documentId).filter((p) => p.state === 'read');
      const texts = pages.map((p) => JSON.parse(store.blobs.get(p.textSha256!).toString('utf8')) as PageText);
      const fields = withCorrections(stages.extract(texts), desk.corrections(documentId));
      const pdf = await stages.assemble(
        pages.map((p, i) => {
          const image = store.blobs.get(p.cleanSha256!);
          return {
            image,
            format: isJpeg(image) ? 'jpeg' : 'png',
            width: p.width!,
            height: p.height!,
            dpi: p.dpi!,
            colorMode: (p.colorMode ?? 'gray') as 'color' | 'gray' | 'bw',
            text: texts[i],
          };
        }),
        {
          dossierCode: dossier.code,
          procedureCode: dossier.procedureCode,
          title: doc.title ?? fields.docKind ?? dossier.code,
          docKind: fields.docKind,
          docNumber: fields.docNumber,
          docDate: fields.docDate,
          agency: store.dossiers.agencyOf(dossier.id) ?? ctx.legacyAgency,
          issuingAgencyAtIssue: archive.issuingAgencyOf(documentId),
          digitizedBy: ctx.actor,
          archive: archive.archivalMetadata(documentId),
          compression: readSetting(store.settings, 'record.compression') as RecordInfo['compression'],
        },
      );
      return { documentId, pdfSha: store.blobs.put(pdf), fields };
    },
    commit(_ctx, { documentId, pdfSha, fields }) {
      store.documents.setFields(documentId, fields);
      store.records.addVersion(documentId, pdfSha, null);
      const doc = store.documents.fields(documentId);
      if (doc) ctx.events?.emit('dossier.changed', { id: doc.dossierId });
    },
  };

  return { [PIPELINE_JOBS.clean]: clean, [PIPELINE_JOBS.read]: read, [PIPELINE_JOBS.assemble]: assemble } as Record<string, JobHandler>;
}
