import { Bar, BarChart, CartesianGrid, Tooltip, XAxis, YAxis } from 'recharts';
import { formatDate } from '../../i18n/format-date';
import { formatNumber } from '../../i18n/format-number';
import { useLanguage, useT } from '../../i18n/i18n-context';

/** Pages scanned per day over the chosen range, with the same figures as a table for screen readers and print. */
export function PagesPerDayChart({ days }: { days: { day: string; pages: number }[] }) {
  const t = useT();
  const { language } = useLanguage();
  const short = (iso: string) => formatDate(iso, language).slice(0, 5);
  return (
    <figure className="chart" aria-labelledby="chart-pages-title">
      <figcaption id="chart-pages-title">{t('dash.chart.pagesPerDay')}</figcaption>
      {days.length === 0 ? (
        <p>{t('dash.noData')}</p>
      ) : (
        <>
          <BarChart width={640} height={220} data={days} aria-hidden="true">
            <CartesianGrid strokeDasharray="3 3" />
            <XAxis dataKey="day" tickFormatter={short} />
            <YAxis allowDecimals={false} tickFormatter={(v: number) => formatNumber(v, language)} />
            <Tooltip
              labelFormatter={(d) => formatDate(String(d), language)}
              formatter={(v) => [formatNumber(Number(v), language), t('dash.col.pages')]}
            />
            <Bar dataKey="pages" fill="#1f6f8b" isAnimationActive={false} />
          </BarChart>
          <details>
            <summary>{t('dash.chart.table')}</summary>
            <table className="chart-table">
              <thead>
                <tr>
                  <th scope="col">{t('dash.col.day')}</th>
                  <th scope="col">{t('dash.col.pages')}</th>
                </tr>
              </thead>
              <tbody>
                {days.map((d) => (
                  <tr key={d.day}>
                    <th scope="row">{formatDate(d.day, language)}</th>
                    <td>{formatNumber(d.pages, language)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </details>
        </>
      )}
    </figure>
  );
}
