import type { EngineHandlers } from '../../shared/contract';
import type { BreakdownDimension, IndicatorFilter } from '../../shared/indicators';
import { indicatorReportPdf } from '../stats/indicator-pdf';
import { indicatorWorkbook } from '../stats/indicator-xlsx';
import { computeBreakdown, computeDashboard, computeIndicators, drillDown, indicatorsAt, localClock } from '../stats/indicators';
import { provinceProgress } from '../stats/province-progress';
import { statsCacheOf } from '../stats/stats-cache';
import type { Store } from '../store/store';
import type { ServiceContext } from './handler-context';

type StatsMethod = 'stats.dashboard' | 'stats.indicators' | 'stats.breakdown' | 'stats.drilldown' | 'stats.export' | 'stats.province';

export const BREAKDOWN_TITLES: Record<BreakdownDimension, string> = {
  workstation: 'Theo máy trạm',
  clerk: 'Theo cán bộ',
  procedure: 'Theo thủ tục',
  field: 'Theo lĩnh vực',
};

/** The report in a format: an XLSX workbook or a printable PDF, in Vietnamese. */
export async function indicatorReport(
  store: Store,
  filter: IndicatorFilter,
  format: 'xlsx' | 'pdf',
  now: Date,
): Promise<{ fileName: string; mimeType: string; bytes: Uint8Array }> {
  const dashboard = computeDashboard(store, filter, now);
  const breakdowns = (Object.keys(BREAKDOWN_TITLES) as BreakdownDimension[]).map((d) => ({
    title: BREAKDOWN_TITLES[d],
    rows: computeBreakdown(store, filter, d, now),
  }));
  const stem = `bao-cao-tien-do-${dashboard.indicators.today}`;
  if (format === 'xlsx') {
    return {
      fileName: `${stem}.xlsx`,
      mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      bytes: await indicatorWorkbook(dashboard, breakdowns),
    };
  }
  return { fileName: `${stem}.pdf`, mimeType: 'application/pdf', bytes: await indicatorReportPdf(dashboard, breakdowns, now) };
}

/**
 * The supervisor's dashboard: every figure recomputed from the store, once per state of the store
 * and day (a second opening with no write in between reads the figures kept by the cache).
 */
export function statsHandlers(ctx: ServiceContext): Pick<EngineHandlers, StatsMethod> {
  const { store } = ctx;
  const now = ctx.now ?? (() => new Date());
  const cache = statsCacheOf(store);
  const cached = <T>(method: StatsMethod, args: unknown, at: Date, compute: () => T): T => {
    const clock = localClock(at);
    return cache.get(`${method} ${clock.today} ${clock.utcOffsetMinutes} ${JSON.stringify(args)}`, compute);
  };
  return {
    'stats.dashboard': (filter) => {
      const at = now();
      const dashboard = cached('stats.dashboard', filter, at, () => computeDashboard(store, filter, at));
      return { ...dashboard, indicators: indicatorsAt(dashboard.indicators, at) };
    },
    'stats.indicators': (filter) => {
      const at = now();
      return indicatorsAt(
        cached('stats.indicators', filter, at, () => computeIndicators(store, filter, at)),
        at,
      );
    },
    'stats.breakdown': ({ filter, dimension }) => {
      const at = now();
      return cached('stats.breakdown', { filter, dimension }, at, () => computeBreakdown(store, filter, dimension, at));
    },
    'stats.drilldown': ({ filter, figure, limit, offset }) => {
      const at = now();
      return cached('stats.drilldown', { filter, figure, limit, offset }, at, () =>
        drillDown(store, filter, figure, { limit, offset }, at),
      );
    },
    'stats.export': async ({ filter, format }) => {
      const report = await indicatorReport(store, filter, format, now());
      return { fileName: report.fileName, mimeType: report.mimeType, base64: Buffer.from(report.bytes).toString('base64') };
    },
    'stats.province': ({ refresh }) => provinceProgress(store.settings, { refresh, now }),
  };
}
