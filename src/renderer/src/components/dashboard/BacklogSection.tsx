import { Bar, BarChart, CartesianGrid, Legend, Tooltip, XAxis, YAxis } from 'recharts';
import type { Backlog } from '../../../../shared/indicators';
import { formatNumber } from '../../i18n/format-number';
import { useLanguage, useT } from '../../i18n/i18n-context';
import { Notice } from '../Notice';
import { FigureTile } from './FigureTile';

/** The archive registers against the work done: totals, pace and time left, a chart per year and field, the table per box. */
export function BacklogSection({ backlog }: { backlog: Backlog }) {
  const t = useT();
  const { language } = useLanguage();
  const n = (v: number) => formatNumber(v, language);
  const byYearField = new Map<string, { name: string; registered: number; digitized: number; signed: number }>();
  for (const c of backlog.cells) {
    const name = `${c.year ?? '—'} · ${c.field ?? t('dash.unknown')}`;
    const row = byYearField.get(name) ?? { name, registered: 0, digitized: 0, signed: 0 };
    row.registered += c.registered;
    row.digitized += c.digitized;
    row.signed += c.signed;
    byYearField.set(name, row);
  }
  const totals = backlog.totals;
  return (
    <section className="card" aria-labelledby="dash-backlog">
      <h2 id="dash-backlog">{t('dash.backlog')}</h2>
      {!backlog.registersImported ? (
        <Notice tone="info">{t('dash.notice.no-register')}</Notice>
      ) : (
        <>
          {!backlog.approvalTracked && <p className="field-hint">{t('dash.notice.approval')}</p>}
          <dl className="figures">
            <FigureTile id="registered" label={t('dash.fig.registered')} definition={t('dash.def.registered')} value={totals.registered} />
            <FigureTile id="captured" label={t('dash.fig.captured')} definition={t('dash.def.captured')} value={totals.captured} />
            <FigureTile id="digitized" label={t('dash.fig.digitized')} definition={t('dash.def.digitized')} value={totals.digitized} />
            <FigureTile id="approved" label={t('dash.fig.approved')} definition={t('dash.def.approved')} value={totals.approved} />
            <FigureTile id="signed" label={t('dash.fig.signed')} definition={t('dash.def.signed')} value={totals.signed} />
            <FigureTile
              id="archiveResults"
              label={t('dash.fig.archiveResults')}
              definition={t('dash.def.archiveResults')}
              value={backlog.resultsDigitized}
            />
            <FigureTile
              id="pace"
              label={t('dash.fig.pace')}
              definition={t('dash.def.pace')}
              value={backlog.pace === null ? null : Math.round(backlog.pace)}
            />
            <FigureTile
              id="daysLeft"
              label={t('dash.fig.daysLeft')}
              definition={`${t('dash.def.daysLeft')} ${totals.pagesLeft === null ? '' : t('dash.pagesLeft', { pages: n(totals.pagesLeft) })}`}
              value={backlog.daysLeft === null ? null : Math.ceil(backlog.daysLeft)}
              text={backlog.daysLeft === null ? undefined : t('dash.days', { days: n(Math.ceil(backlog.daysLeft)) })}
            />
          </dl>
          <figure className="chart" aria-labelledby="chart-backlog-title">
            <figcaption id="chart-backlog-title">{t('dash.chart.backlogByYear')}</figcaption>
            <BarChart width={640} height={240} data={[...byYearField.values()]} aria-hidden="true">
              <CartesianGrid strokeDasharray="3 3" />
              <XAxis dataKey="name" />
              <YAxis allowDecimals={false} tickFormatter={(v: number) => n(v)} />
              <Tooltip formatter={(v) => n(Number(v))} />
              <Legend />
              <Bar dataKey="registered" name={t('dash.fig.registered')} fill="#9aa5b1" isAnimationActive={false} />
              <Bar dataKey="digitized" name={t('dash.fig.digitized')} fill="#1f6f8b" isAnimationActive={false} />
              <Bar dataKey="signed" name={t('dash.fig.signed')} fill="#2e7d32" isAnimationActive={false} />
            </BarChart>
          </figure>
          <table className="backlog-table">
            <thead>
              <tr>
                <th scope="col">{t('dash.col.year')}</th>
                <th scope="col">{t('dash.col.field')}</th>
                <th scope="col">{t('dash.col.box')}</th>
                <th scope="col">{t('dash.fig.registered')}</th>
                <th scope="col">{t('dash.fig.captured')}</th>
                <th scope="col">{t('dash.fig.digitized')}</th>
                <th scope="col">{t('dash.fig.approved')}</th>
                <th scope="col">{t('dash.fig.signed')}</th>
              </tr>
            </thead>
            <tbody>
              {backlog.cells.map((c) => (
                <tr key={`${c.year}|${c.field}|${c.box}`}>
                  <td>{c.year ?? '—'}</td>
                  <td>{c.field ?? t('dash.unknown')}</td>
                  <td>{c.box || '—'}</td>
                  <td>{n(c.registered)}</td>
                  <td>{n(c.captured)}</td>
                  <td>{n(c.digitized)}</td>
                  <td>{n(c.approved)}</td>
                  <td>{n(c.signed)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </section>
  );
}
