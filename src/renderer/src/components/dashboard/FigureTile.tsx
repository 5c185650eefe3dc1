import type { Rate } from '../../../../shared/indicators';
import { formatNumber, formatPercent } from '../../i18n/format-number';
import { useLanguage, useT } from '../../i18n/i18n-context';

export interface FigureTileProps {
  id: string;
  label: string;
  definition: string;
  /** A count, a count against a total, or null when there is nothing to show (said in words, never 0). */
  value: number | Rate | null;
  /** Text instead of a number (e.g. "not recorded"). */
  text?: string;
  onDrill?: () => void;
}

/** One figure with its definition beside it; clicking it lists the dossiers behind it when it can. */
export function FigureTile({ id, label, definition, value, text, onDrill }: FigureTileProps) {
  const t = useT();
  const { language } = useLanguage();
  const count = value === null ? null : typeof value === 'number' ? value : value.count;
  const rate = value !== null && typeof value === 'object' ? value : null;
  const main = text ?? (count === null ? t('dash.noData') : formatNumber(count, language));
  const share =
    rate &&
    (rate.rate === null
      ? t('dash.noData')
      : `${formatPercent(rate.rate, language)} · ${t('dash.ofTotal', { count: formatNumber(rate.count, language), of: formatNumber(rate.of, language) })}`);
  const definitionId = `${id}-def`;
  return (
    <div className="figure" data-figure={id}>
      <dt>{label}</dt>
      <dd className="figure-value">
        {onDrill && count !== null ? (
          <button type="button" className="link-button" aria-describedby={definitionId} onClick={onDrill}>
            {main}
          </button>
        ) : (
          <span aria-describedby={definitionId}>{main}</span>
        )}
      </dd>
      {share && <dd className="figure-rate">{share}</dd>}
      <dd className="figure-definition" id={definitionId}>
        {definition}
      </dd>
    </div>
  );
}
