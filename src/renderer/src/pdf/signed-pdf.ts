import { getDocument, GlobalWorkerOptions, type PDFDocumentProxy, type RenderTask } from 'pdfjs-dist';
import { CodedError } from '../../../shared/errors';

// The worker is bundled beside the app as a .js file and loaded from 'self', as the security policy requires.
GlobalWorkerOptions.workerPort = new Worker(new URL('pdfjs-dist/build/pdf.worker.min.mjs', import.meta.url), { type: 'module' });

/** Pages are drawn at this resolution: a scan's text stays sharp at the viewer's size on a 1366 screen. */
export const RENDER_DPI = 150;

const damaged = (cause: unknown) =>
  new CodedError('record.damaged', `The PDF cannot be rendered: ${cause instanceof Error ? cause.message : String(cause)}`);

/**
 * Opens PDF bytes the way a PDF viewer does, within the app's security policy: no code built from
 * strings, no fonts added to the page (glyphs are drawn as paths), nothing fetched.
 */
export async function openPdf(bytes: Uint8Array): Promise<PDFDocumentProxy> {
  try {
    return await getDocument({
      data: bytes,
      isEvalSupported: false,
      disableFontFace: true,
      useSystemFonts: false,
      useWorkerFetch: false,
      useWasm: false,
      stopAtErrors: true,
    }).promise;
  } catch (e) {
    throw damaged(e);
  }
}

/** Draws one page (1-based) on the canvas, sized to the page at RENDER_DPI; cancel the task to stop drawing. */
export async function renderPdfPage(
  pdf: PDFDocumentProxy,
  pageNumber: number,
  canvas: HTMLCanvasElement,
  started: (task: RenderTask) => void,
): Promise<void> {
  try {
    const page = await pdf.getPage(pageNumber);
    const viewport = page.getViewport({ scale: RENDER_DPI / 72 });
    canvas.width = Math.round(viewport.width);
    canvas.height = Math.round(viewport.height);
    const task = page.render({ canvas, viewport, background: '#ffffff' });
    started(task);
    await task.promise;
  } catch (e) {
    if (e instanceof Error && e.name === 'RenderingCancelledException') return;
    throw damaged(e);
  }
}
