import { useId, useState } from 'react';
import { previewIsSharpEnough } from '../../../../shared/page-preview';
import type { PageSummary } from '../../../../shared/types';
import { useEngine } from '../../engine/engine-context';
import { useEngineQuery } from '../../hooks/use-engine-query';
import { pageImageVersion, useDecodedPageImage } from '../../hooks/page-images';
import { useT } from '../../i18n/i18n-context';
import { ErrorNotice } from './ErrorNotice';

export interface Highlight {
  pageId: number;
  bbox: { x0: number; y0: number; x1: number; y1: number };
}

const ZOOMS = [25, 35, 50, 75, 100, 150];
const LOW_CONFIDENCE = 60;

/** One page large, with zoom, the OCR words over it on demand (doubtful ones in red), and where a field was read. */
export function PageViewer({ page, n, highlight }: { page: PageSummary | null; n: number; highlight: Highlight | null }) {
  const t = useT();
  const titleId = useId();
  const [zoom, setZoom] = useState(25);
  const [showWords, setShowWords] = useState(false);
  return (
    <section className="card page-viewer" aria-labelledby={titleId}>
      <div className="viewer-toolbar">
        <h2 id={titleId}>{t('viewer.title')}</h2>
        <button type="button" className="small" onClick={() => setZoom(ZOOMS[Math.max(0, ZOOMS.indexOf(zoom) - 1)]!)} aria-label={t('viewer.zoomOut')}>
          −
        </button>
        <span aria-live="polite">{t('viewer.zoom', { value: zoom })}</span>
        <button type="button" className="small" onClick={() => setZoom(ZOOMS[Math.min(ZOOMS.length - 1, ZOOMS.indexOf(zoom) + 1)]!)} aria-label={t('viewer.zoomIn')}>
          +
        </button>
        <label className="inline-check">
          <input type="checkbox" checked={showWords} onChange={(e) => setShowWords(e.target.checked)} /> {t('viewer.words')}
        </label>
      </div>
      {page ? <ViewedPage page={page} n={n} zoom={zoom} showWords={showWords} highlight={highlight?.pageId === page.id ? highlight : null} /> : <p className="empty">{t('viewer.empty')}</p>}
      {showWords && <p className="hint">{t('viewer.lowConfidence')}</p>}
    </section>
  );
}

function ViewedPage({ page, n, zoom, showWords, highlight }: { page: PageSummary; n: number; zoom: number; showWords: boolean; highlight: Highlight | null }) {
  const t = useT();
  const api = useEngine();
  // The thumbnail stands in at once, scaled up, until the sharp image is decoded.
  const sharpEnough = previewIsSharpEnough(page.width ?? 2480, zoom, window.devicePixelRatio || 1);
  const { image, error } = useDecodedPageImage(page.id, sharpEnough ? 'preview' : 'full', pageImageVersion(page));
  const text = useEngineQuery(() => (showWords || highlight ? api['page.text']({ pageId: page.id }).then((r) => r.text) : Promise.resolve(null)), [api, page.id, page.state, page.rotation, showWords, !!highlight]);
  const width = page.width ?? text.data?.width ?? 2480;
  const height = page.height ?? text.data?.height ?? 3508;
  const scale = zoom / 100;
  const box = (b: { x0: number; y0: number; x1: number; y1: number }) => ({ left: b.x0 * scale, top: b.y0 * scale, width: (b.x1 - b.x0) * scale, height: (b.y1 - b.y0) * scale });
  return (
    <div className="viewer-scroll">
      <div className="viewer-stage" style={{ width: width * scale, height: height * scale }}>
        {image && <img src={image.url} alt={t('viewer.image', { n })} width={width * scale} height={height * scale} data-quality={image.size} data-page-id={page.id} />}
        {showWords &&
          text.data?.lines.flatMap((line) =>
            line.words.map((w, i) => (
              <span key={`${line.bbox.y0}-${i}`} className={w.confidence < LOW_CONFIDENCE ? 'ocr-word ocr-word--low' : 'ocr-word'} style={box(w.bbox)} title={`${w.text} (${Math.round(w.confidence)}%)`} />
            )),
          )}
        {highlight && <span className="field-highlight" style={box(highlight.bbox)} aria-hidden="true" />}
      </div>
      <ErrorNotice error={error} />
    </div>
  );
}
