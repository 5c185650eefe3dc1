import type { DrillFigure, IndicatorFilter } from '../../../../shared/indicators';
import { useEngine } from '../../engine/engine-context';
import { useEngineQuery } from '../../hooks/use-engine-query';
import { formatDate } from '../../i18n/format-date';
import { formatNumber } from '../../i18n/format-number';
import { useLanguage, useT } from '../../i18n/i18n-context';
import { statusLabel } from '../../i18n/status-labels';
import { ErrorNotice } from '../desk/ErrorNotice';
import { useEffect, useRef, useState } from 'react';

const PAGE = 50;

/** The dossiers behind one figure, a page at a time. */
export function DrillList({
  filter,
  figure,
  title,
  onClose,
}: {
  filter: IndicatorFilter;
  figure: DrillFigure;
  title: string;
  onClose: () => void;
}) {
  const t = useT();
  const { language } = useLanguage();
  const api = useEngine();
  const [offset, setOffset] = useState(0);
  const heading = useRef<HTMLHeadingElement>(null);
  // Opened from a figure further up or down the page: bring the list into view and to the keyboard.
  useEffect(() => heading.current?.focus(), []);
  const list = useEngineQuery(() => api['stats.drilldown']({ filter, figure, limit: PAGE, offset }), [api, filter, figure, offset]);
  const data = list.data;
  return (
    <section className="card drill" aria-labelledby="drill-title">
      <div className="list-header">
        <h2 id="drill-title" ref={heading} tabIndex={-1}>
          {t('dash.drill.title', { figure: title })}
        </h2>
        <button type="button" onClick={onClose}>
          {t('dash.drill.close')}
        </button>
      </div>
      <ErrorNotice error={list.error} />
      {data && (
        <>
          <p className="drill-count">
            {t('dash.drill.count', {
              first: formatNumber(data.total ? offset + 1 : 0, language),
              last: formatNumber(offset + data.items.length, language),
              total: formatNumber(data.total, language),
            })}
          </p>
          {data.total === 0 ? (
            <p>{t('dash.drill.none')}</p>
          ) : (
            <table className="drill-table">
              <thead>
                <tr>
                  <th scope="col">{t('dash.col.code')}</th>
                  <th scope="col">{t('dash.col.procedure')}</th>
                  <th scope="col">{t('dash.col.received')}</th>
                  <th scope="col">{t('dash.col.due')}</th>
                  <th scope="col">{t('dash.col.status')}</th>
                </tr>
              </thead>
              <tbody>
                {data.items.map((d) => (
                  <tr key={d.id}>
                    <th scope="row">{d.code}</th>
                    <td>{d.procedureName ?? d.procedureCode ?? '—'}</td>
                    <td>{formatDate(d.receivedDate, language)}</td>
                    <td>{formatDate(d.dueDate, language)}</td>
                    <td>{statusLabel(t, d.status)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          <div className="drill-pager">
            {offset > 0 && (
              <button type="button" onClick={() => setOffset((o) => Math.max(0, o - PAGE))}>
                {t('dash.drill.prev')}
              </button>
            )}
            {offset + data.items.length < data.total && (
              <button type="button" onClick={() => setOffset((o) => o + PAGE)}>
                {t('dash.drill.more')}
              </button>
            )}
          </div>
        </>
      )}
    </section>
  );
}
