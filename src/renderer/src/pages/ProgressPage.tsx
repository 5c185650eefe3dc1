import { useState } from 'react';
import type { DrillFigure, IndicatorFilter, Indicators } from '../../../shared/indicators';
import { Notice } from '../components/Notice';
import { StatTile } from '../components/StatTile';
import { BacklogSection } from '../components/dashboard/BacklogSection';
import { BreakdownTable } from '../components/dashboard/BreakdownTable';
import { DashboardFilter } from '../components/dashboard/DashboardFilter';
import { DrillList } from '../components/dashboard/DrillList';
import { ExportButtons } from '../components/dashboard/ExportButtons';
import { FigureTile } from '../components/dashboard/FigureTile';
import { PagesPerDayChart } from '../components/dashboard/PagesPerDayChart';
import { ProvincePanel } from '../components/dashboard/ProvincePanel';
import { ErrorNotice } from '../components/desk/ErrorNotice';
import { useDashboard } from '../hooks/use-dashboard';
import { SyncPanel } from '../components/SyncPanel';
import { useStatusReport } from '../hooks/use-status-report';
import { formatNumber } from '../i18n/format-number';
import { useLanguage, useT } from '../i18n/i18n-context';

const INTAKE_FIGURES = [
  'received',
  'fullyDigitized',
  'resultsDigitized',
  'reused',
  'onTime',
  'late',
  'openPastDue',
] as const satisfies readonly DrillFigure[];

function intakeValue(i: Indicators, f: (typeof INTAKE_FIGURES)[number]) {
  return f === 'received' ? i.intake.received : i.intake[f];
}

/** The supervisor's dashboard: each figure with its definition, charts, breakdowns, drill-down, exports. */
export function ProgressPage() {
  const t = useT();
  const { language } = useLanguage();
  const [filter, setFilter] = useState<IndicatorFilter>({});
  const [drill, setDrill] = useState<{ figure: DrillFigure; filter: IndicatorFilter } | null>(null);
  const dashboard = useDashboard(filter);
  const status = useStatusReport();
  // After a refusal (e.g. a backwards range) the last figures are for another filter: show none.
  const d = dashboard.error ? undefined : dashboard.data;
  const i = d?.indicators;
  const apply = (next: IndicatorFilter) => {
    setDrill(null);
    setFilter(next);
  };
  return (
    <>
      <h1>{t('progress.title')}</h1>
      <section className="card">
        <div className="list-header">
          <p>{t('progress.intro')}</p>
          <button
            type="button"
            onClick={() => {
              dashboard.reload();
              status.reload();
            }}
          >
            {t('progress.refresh')}
          </button>
        </div>
        <DashboardFilter onApply={apply} />
        <ErrorNotice error={dashboard.error} />
        {!d && !dashboard.error && <p>{t('dash.loading')}</p>}
        {i && (
          <div className="dash-notices">
            {i.notices.map((n) => (
              <Notice key={n} tone="info">
                {t(`dash.notice.${n}`)}
              </Notice>
            ))}
          </div>
        )}
        {d && <ExportButtons filter={filter} />}
      </section>

      {i && (
        <section className="card" aria-labelledby="dash-intake">
          <h2 id="dash-intake">{t('dash.intake')}</h2>
          {!i.notices.includes('empty-store') && <p className="field-hint">{t('dash.drillHint')}</p>}
          <dl className="figures">
            {INTAKE_FIGURES.map((f) => (
              <FigureTile
                key={f}
                id={f}
                label={t(`dash.fig.${f}`)}
                definition={t(`dash.def.${f}`)}
                value={i.notices.includes('empty-store') ? null : intakeValue(i, f)}
                onDrill={() => setDrill({ figure: f, filter })}
              />
            ))}
          </dl>
        </section>
      )}
      {drill && (
        <DrillList
          key={`${drill.figure}-${JSON.stringify(drill.filter)}`}
          filter={drill.filter}
          figure={drill.figure}
          title={t(`dash.fig.${drill.figure}`)}
          onClose={() => setDrill(null)}
        />
      )}

      {i && (
        <section className="card" aria-labelledby="dash-quality">
          <h2 id="dash-quality">{t('dash.quality')}</h2>
          <dl className="figures">
            <FigureTile id="pages" label={t('dash.fig.pages')} definition={t('dash.def.pages')} value={i.empty ? null : i.quality.pages} />
            <FigureTile
              id="flagged"
              label={t('dash.fig.flagged')}
              definition={`${t('dash.def.flagged')} ${i.quality.flags.map((f) => `${f.flag}: ${formatNumber(f.pages, language)}`).join(', ')}`}
              value={i.empty ? null : i.quality.flagged}
            />
            <FigureTile
              id="failed"
              label={t('dash.fig.failed')}
              definition={t('dash.def.failed')}
              value={i.empty ? null : i.quality.failed}
            />
            <FigureTile
              id="meanConfidence"
              label={t('dash.fig.meanConfidence')}
              definition={t('dash.def.meanConfidence')}
              value={i.quality.meanConfidence}
              text={i.quality.meanConfidence === null ? undefined : `${formatNumber(i.quality.meanConfidence, language, 1)}%`}
            />
            <FigureTile
              id="rescans"
              label={t('dash.fig.rescans')}
              definition={t('dash.def.rescans')}
              value={null}
              text={t('dash.notTracked')}
            />
            <FigureTile id="qc" label={t('dash.fig.qc')} definition={t('dash.def.qc')} value={i.quality.qcApproved} />
          </dl>
          {d && <PagesPerDayChart days={d.pagesPerDay} />}
        </section>
      )}

      {i && (
        <section className="card" aria-labelledby="dash-sync">
          <h2 id="dash-sync">{t('dash.sync')}</h2>
          <dl className="figures">
            <FigureTile id="waiting" label={t('dash.fig.waiting')} definition={t('dash.def.waiting')} value={i.sync.waiting} />
            <FigureTile id="sending" label={t('dash.fig.sending')} definition={t('dash.def.sending')} value={i.sync.sending} />
            <FigureTile
              id="acknowledged"
              label={t('dash.fig.acknowledged')}
              definition={t('dash.def.acknowledged')}
              value={i.sync.acknowledged}
            />
            <FigureTile id="rejected" label={t('dash.fig.rejected')} definition={t('dash.def.rejected')} value={i.sync.rejected} />
            <FigureTile
              id="oldestWaiting"
              label={t('dash.fig.oldestWaiting')}
              definition={t('dash.def.oldestWaiting')}
              value={i.sync.oldestWaitingHours === null ? null : Math.round(i.sync.oldestWaitingHours)}
              text={
                i.sync.oldestWaitingHours === null
                  ? undefined
                  : t('dash.hours', { hours: formatNumber(i.sync.oldestWaitingHours, language, 1) })
              }
            />
          </dl>
        </section>
      )}

      {d && <BacklogSection backlog={d.backlog} />}
      {i && !i.notices.includes('empty-store') && (
        <BreakdownTable filter={filter} onDrill={(f, figure) => setDrill({ figure, filter: f })} />
      )}
      <ProvincePanel />

      <section className="card" aria-labelledby="dash-store">
        <h2 id="dash-store">{t('dash.store')}</h2>
        {status.data && (
          <dl className="stats">
            <StatTile label={t('progress.dossiers')} value={status.data.dossiers} />
            <StatTile label={t('progress.documents')} value={status.data.documents} />
            <StatTile label={t('progress.pages')} value={status.data.pages} />
            <StatTile label={t('progress.records')} value={status.data.records} />
            <StatTile label={t('progress.jobsQueued')} value={status.data.jobs.queued + status.data.jobs.leased} />
            <StatTile label={t('progress.jobsFailed')} value={status.data.jobs.failed} />
            <StatTile label={t('progress.auditEvents')} value={status.data.auditEvents} />
          </dl>
        )}
      </section>
      <SyncPanel />
    </>
  );
}
