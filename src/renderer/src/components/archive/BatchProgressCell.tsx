import type { BatchSummary } from '../../../../shared/archive-types';
import { durationLabel } from '../../i18n/archive-labels';
import { formatNumber } from '../../i18n/format-number';
import { useLanguage, useT } from '../../i18n/i18n-context';

/** Pages done of all, as a bar, with the rate and time left while the batch runs. */
export function BatchProgressCell({ batch }: { batch: BatchSummary }) {
  const t = useT();
  const { language } = useLanguage();
  const { done, total, failed, perMinute, secondsLeft } = batch.progress;
  return (
    <div className="batch-progress">
      <progress max={Math.max(total, 1)} value={done} aria-label={t('archive.pages', { done, total })} />
      <span>{t('archive.pages', { done: formatNumber(done, language), total: formatNumber(total, language) })}</span>
      {perMinute !== null && <span>{t('archive.rate', { rate: formatNumber(perMinute, language, 1) })}</span>}
      {secondsLeft !== null && <span>{t('archive.left', { time: durationLabel(t, secondsLeft) })}</span>}
      {failed > 0 && <span className="flag">{t('archive.failedPages', { count: failed })}</span>}
    </div>
  );
}
