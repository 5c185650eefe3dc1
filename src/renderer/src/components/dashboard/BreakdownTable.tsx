import { useState } from 'react';
import type { BreakdownDimension, DrillFigure, IndicatorFilter } from '../../../../shared/indicators';
import { useEngine } from '../../engine/engine-context';
import { useEngineQuery } from '../../hooks/use-engine-query';
import { formatNumber } from '../../i18n/format-number';
import { useLanguage, useT } from '../../i18n/i18n-context';
import type { MessageKey } from '../../i18n/vi';
import { ErrorNotice } from '../desk/ErrorNotice';

const DIMENSIONS: Record<BreakdownDimension, MessageKey> = {
  workstation: 'dash.dim.workstation',
  clerk: 'dash.dim.clerk',
  procedure: 'dash.dim.procedure',
  field: 'dash.dim.field',
};
/** The filter that narrows the figures to one row of the breakdown. */
const FILTER_OF: Record<BreakdownDimension, keyof IndicatorFilter> = {
  workstation: 'workstationId',
  clerk: 'clerk',
  procedure: 'procedureCode',
  field: 'field',
};
const COLUMNS = ['received', 'fullyDigitized', 'resultsDigitized', 'reused', 'onTime', 'late', 'openPastDue'] as const;

/** The intake figures per workstation, clerk, procedure or field. */
export function BreakdownTable({
  filter,
  onDrill,
}: {
  filter: IndicatorFilter;
  onDrill: (filter: IndicatorFilter, figure: DrillFigure) => void;
}) {
  const t = useT();
  const { language } = useLanguage();
  const api = useEngine();
  const [dimension, setDimension] = useState<BreakdownDimension>('procedure');
  const rows = useEngineQuery(() => api['stats.breakdown']({ filter, dimension }), [api, filter, dimension]);
  return (
    <section className="card" aria-labelledby="dash-breakdown">
      <div className="list-header">
        <h2 id="dash-breakdown">{t('dash.breakdown')}</h2>
        <label>
          {t('dash.breakdownBy')}{' '}
          <select value={dimension} onChange={(e) => setDimension(e.target.value as BreakdownDimension)}>
            {(Object.keys(DIMENSIONS) as BreakdownDimension[]).map((d) => (
              <option key={d} value={d}>
                {t(DIMENSIONS[d])}
              </option>
            ))}
          </select>
        </label>
      </div>
      <ErrorNotice error={rows.error} />
      {rows.data && (
        <table className="breakdown-table">
          <thead>
            <tr>
              <th scope="col">{t(DIMENSIONS[dimension])}</th>
              {COLUMNS.map((c) => (
                <th scope="col" key={c}>
                  {t(`dash.fig.${c}`)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.data.map((r) => (
              <tr key={r.key ?? ''}>
                <th scope="row">{r.label ?? r.key ?? t('dash.unknown')}</th>
                {COLUMNS.map((c) => (
                  <td key={c}>
                    {r.key !== null && r[c] > 0 ? (
                      <button
                        type="button"
                        className="link-button"
                        onClick={() => onDrill({ ...filter, [FILTER_OF[dimension]]: r.key ?? undefined }, c)}
                      >
                        {formatNumber(r[c], language)}
                      </button>
                    ) : (
                      formatNumber(r[c], language)
                    )}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
