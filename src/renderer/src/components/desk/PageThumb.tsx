import type { PageSummary } from '../../../../shared/types';
import { usePageImage } from '../../hooks/use-page-image';
import { errorMessage } from '../../i18n/error-messages';
import { useT } from '../../i18n/i18n-context';
import type { MessageKey } from '../../i18n/vi';

const FLAG_LABELS: Record<string, MessageKey> = {
  'low-dpi': 'page.flag.low-dpi',
  'too-dark': 'page.flag.too-dark',
  'too-light': 'page.flag.too-light',
  blurred: 'page.flag.blurred',
  'cut-off': 'page.flag.cut-off',
  'near-duplicate': 'page.flag.near-duplicate',
};

export interface PageActions {
  onView(): void;
  onRotate(): void;
  onDelete(): void;
  onMoveUp?: () => void;
  onMoveDown?: () => void;
  onSplit?: () => void;
}

/** One page: its thumbnail, where it stands in the pipeline, its warnings, and what the clerk can do with it. */
export function PageThumb({ page, n, selected, actions }: { page: PageSummary; n: number; selected: boolean; actions: PageActions }) {
  const t = useT();
  const image = usePageImage(page.id, 'thumbnail', `${page.state}:${page.rotation}`);
  const flags = page.flags.filter((f) => f !== 'unreadable');
  return (
    <li className={`page-thumb page-thumb--${page.state}${selected ? ' page-thumb--selected' : ''}`} data-page-id={page.id}>
      <button type="button" className="thumb-image" onClick={actions.onView} aria-label={t('page.view', { n })} aria-pressed={selected}>
        {image.data ? <img src={image.data} alt="" /> : <span className="thumb-placeholder" />}
      </button>
      <div className="thumb-meta">
        <span className="thumb-label">{t('page.label', { n })}</span>
        <span className={`page-state page-state--${page.state}`}>{t(`page.state.${page.state}` as const)}</span>
        {page.ocrConfidence != null && page.state === 'read' && <span className="thumb-confidence">{t('page.confidence', { value: Math.round(page.ocrConfidence) })}</span>}
        {page.blank && <span className="flag">{t('page.flag.blank')}</span>}
        {flags.map((f) => (
          <span key={f} className="flag">
            {Object.hasOwn(FLAG_LABELS, f) ? t(FLAG_LABELS[f]!) : t('page.flag.other', { flag: f })}
          </span>
        ))}
      </div>
      {page.state === 'failed' && (
        <p className="page-error" role="alert">
          {t('page.failedHint', { reason: errorMessage(t, page.error?.code ?? 'engine.internal') })}
        </p>
      )}
      <div className="thumb-actions">
        <button type="button" className="small" onClick={actions.onRotate} aria-label={t('page.rotate', { n })} disabled={page.state === 'captured' || page.state === 'failed'}>
          ⟳
        </button>
        {actions.onMoveUp && (
          <button type="button" className="small" onClick={actions.onMoveUp} aria-label={t('page.moveUp', { n })}>
            ↑
          </button>
        )}
        {actions.onMoveDown && (
          <button type="button" className="small" onClick={actions.onMoveDown} aria-label={t('page.moveDown', { n })}>
            ↓
          </button>
        )}
        {actions.onSplit && (
          <button type="button" className="small" onClick={actions.onSplit} aria-label={t('page.split', { n })}>
            ✂
          </button>
        )}
        <button type="button" className="small danger" onClick={actions.onDelete} aria-label={t('page.delete', { n })}>
          ✕
        </button>
      </div>
    </li>
  );
}
