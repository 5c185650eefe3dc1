import { useEngine } from '../../engine/engine-context';
import { useEngineQuery } from '../../hooks/use-engine-query';
import { formatDateTime } from '../../i18n/format-date';
import { formatNumber } from '../../i18n/format-number';
import { useLanguage, useT } from '../../i18n/i18n-context';

/** The hub's province-wide figures: fetched when the hub answers, else the last ones kept, with their time. */
export function ProvincePanel() {
  const t = useT();
  const { language } = useLanguage();
  const api = useEngine();
  const province = useEngineQuery(() => api['stats.province']({ refresh: true }), [api]);
  const p = province.data;
  if (!p) return null;
  return (
    <section className="card" aria-labelledby="dash-province">
      <h2 id="dash-province">{t('dash.province')}</h2>
      {!p.configured ? (
        <p>{t('dash.province.none')}</p>
      ) : (
        <>
          <p className="province-time">
            {p.fetchedAt === null
              ? t('dash.province.neverFetched')
              : p.fresh
                ? t('dash.province.fresh', { time: formatDateTime(p.fetchedAt, language) })
                : t('dash.province.asOf', { time: formatDateTime(p.fetchedAt, language) })}
          </p>
          {p.report && (
            <dl className="stats">
              <div className="stat">
                <dt>{t('dash.province.records')}</dt>
                <dd>{formatNumber(p.report.total.records, language)}</dd>
              </div>
              <div className="stat">
                <dt>{t('dash.province.workstations')}</dt>
                <dd>{formatNumber(p.report.total.workstations, language)}</dd>
              </div>
              {p.report.results && (
                <div className="stat">
                  <dt>{t('dash.province.results')}</dt>
                  <dd>{formatNumber(p.report.results.dossiers, language)}</dd>
                </div>
              )}
              {p.report.handBacks && (
                <>
                  <div className="stat" data-province="onTime">
                    <dt>{t('dash.province.onTime')}</dt>
                    <dd>{formatNumber(p.report.handBacks.onTime, language)}</dd>
                  </div>
                  <div className="stat" data-province="late">
                    <dt>{t('dash.province.late')}</dt>
                    <dd>{formatNumber(p.report.handBacks.late, language)}</dd>
                  </div>
                </>
              )}
            </dl>
          )}
        </>
      )}
    </section>
  );
}
