import { useEffect, useId, useRef, useState } from 'react';
import { previewIsSharpEnough } from '../../../../shared/page-preview';
import type { PageSummary } from '../../../../shared/types';
import { useEngine } from '../../engine/engine-context';
import { useElementWidth } from '../../hooks/use-element-size';
import { useEngineQuery } from '../../hooks/use-engine-query';
import { pageImageVersion, useDecodedPageImage } from '../../hooks/page-images';
import { useT } from '../../i18n/i18n-context';
import { ErrorNotice } from './ErrorNotice';

export interface Highlight {
  pageId: number;
  bbox: { x0: number; y0: number; x1: number; y1: number };
}

const ZOOMS = [10, 15, 25, 35, 50, 75, 100, 150];
/** The viewer's height, as in app.css (.viewer-scroll max-height: 75vh), less its border. */
const frameHeight = () => Math.round(window.innerHeight * 0.75) - 2;
type Zoom = number | 'width' | 'page';
const SCROLL_BAR = 18;
const LOW_CONFIDENCE = 60;

/** One page large, with zoom, the OCR words over it on demand (doubtful ones in red), and where a field was read. */
export function PageViewer({ page, n, highlight }: { page: PageSummary | null; n: number; highlight: Highlight | null }) {
  const t = useT();
  const titleId = useId();
  // Fit to the width by default: at any window size the whole width of the page is in view.
  const [zoom, setZoom] = useState<Zoom>('width');
  const [showWords, setShowWords] = useState(false);
  const frame = useRef<HTMLDivElement>(null);
  const frameWidth = useElementWidth(frame) - 2;
  const pageWidth = page?.width ?? 2480;
  const pageHeight = page?.height ?? 3508;
  // Fitted to the width, a page taller than the viewer gets a vertical scroll bar, which takes its share of the width.
  const widthLeft = frameWidth - (pageHeight * (frameWidth / pageWidth) > frameHeight() ? SCROLL_BAR : 0);
  const fitted =
    frameWidth <= 0
      ? 25
      : zoom === 'width'
        ? (widthLeft / pageWidth) * 100
        : Math.min(frameWidth / pageWidth, frameHeight() / pageHeight) * 100;
  const percent = typeof zoom === 'number' ? zoom : Math.floor(fitted * 10) / 10;
  // Fitted to the page, the whole page is in the window too: the viewer's box comes fully into view.
  const section = useRef<HTMLElement>(null);
  useEffect(() => {
    if (zoom === 'page') section.current?.querySelector('.viewer-scroll')?.scrollIntoView({ block: 'nearest' });
  }, [zoom, page?.id]);
  const zoomIn = () => setZoom(ZOOMS.find((z) => z > percent + 0.01) ?? ZOOMS.at(-1)!);
  const zoomOut = () => setZoom([...ZOOMS].reverse().find((z) => z < percent - 0.01) ?? ZOOMS[0]!);
  return (
    <section ref={section} className="card page-viewer" aria-labelledby={titleId}>
      <div className="viewer-toolbar">
        <h2 id={titleId}>{t('viewer.title')}</h2>
        <button type="button" className="small" onClick={zoomOut} aria-label={t('viewer.zoomOut')} title={t('viewer.zoomOut')}>
          −
        </button>
        <span aria-live="polite">{t('viewer.zoom', { value: Math.round(percent) })}</span>
        <button type="button" className="small" onClick={zoomIn} aria-label={t('viewer.zoomIn')} title={t('viewer.zoomIn')}>
          +
        </button>
        <button type="button" className="small" aria-pressed={zoom === 'width'} onClick={() => setZoom('width')}>
          {t('viewer.fitWidth')}
        </button>
        <button type="button" className="small" aria-pressed={zoom === 'page'} onClick={() => setZoom('page')}>
          {t('viewer.fitPage')}
        </button>
        <label className="inline-check">
          <input type="checkbox" checked={showWords} onChange={(e) => setShowWords(e.target.checked)} /> {t('viewer.words')}
        </label>
      </div>
      <div ref={frame} className="viewer-frame" />
      {page ? (
        <ViewedPage page={page} n={n} zoom={percent} showWords={showWords} highlight={highlight?.pageId === page.id ? highlight : null} />
      ) : (
        <p className="empty">{t('viewer.empty')}</p>
      )}
      {showWords && <p className="hint">{t('viewer.lowConfidence')}</p>}
    </section>
  );
}

function ViewedPage({
  page,
  n,
  zoom,
  showWords,
  highlight,
}: {
  page: PageSummary;
  n: number;
  zoom: number;
  showWords: boolean;
  highlight: Highlight | null;
}) {
  const t = useT();
  const api = useEngine();
  // The thumbnail stands in at once, scaled up, until the sharp image is decoded.
  const sharpEnough = previewIsSharpEnough(page.width ?? 2480, zoom, window.devicePixelRatio || 1);
  const { image, error } = useDecodedPageImage(page.id, sharpEnough ? 'preview' : 'full', pageImageVersion(page));
  const text = useEngineQuery(
    () => (showWords || highlight ? api['page.text']({ pageId: page.id }).then((r) => r.text) : Promise.resolve(null)),
    [api, page.id, page.state, page.rotation, showWords, !!highlight],
  );
  const width = page.width ?? text.data?.width ?? 2480;
  const height = page.height ?? text.data?.height ?? 3508;
  const scale = zoom / 100;
  const box = (b: { x0: number; y0: number; x1: number; y1: number }) => ({
    left: b.x0 * scale,
    top: b.y0 * scale,
    width: (b.x1 - b.x0) * scale,
    height: (b.y1 - b.y0) * scale,
  });
  return (
    <div className="viewer-scroll">
      <div className="viewer-stage" style={{ width: width * scale, height: height * scale }}>
        {image && (
          <img
            src={image.url}
            alt={t('viewer.image', { n })}
            width={width * scale}
            height={height * scale}
            data-quality={image.size}
            data-page-id={page.id}
          />
        )}
        {showWords &&
          text.data?.lines.flatMap((line) =>
            line.words.map((w, i) => (
              <span
                key={`${line.bbox.y0}-${i}`}
                className={w.confidence < LOW_CONFIDENCE ? 'ocr-word ocr-word--low' : 'ocr-word'}
                style={box(w.bbox)}
                title={`${w.text} (${Math.round(w.confidence)}%)`}
              />
            )),
          )}
        {highlight && <span className="field-highlight" style={box(highlight.bbox)} aria-hidden="true" />}
      </div>
      <ErrorNotice error={error} />
    </div>
  );
}
