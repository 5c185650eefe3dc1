import type { BacklogCell, BreakdownDimension, DrillFigure, DrillRow, IndicatorFilter } from '../../shared/indicators';
import { archivePagesPerDay, archiveResultsDigitized, backlogCells, qcApprovedDossiers, registerRowCount } from './backlog-queries';
import type { Db } from './database';
import {
  breakdownCounts,
  drillDossiers,
  hasIntakeDossier,
  intakeCounts,
  pagesPerDay,
  qualityCounts,
  syncCounts,
  type BreakdownCounts,
  type LocalClock,
} from './indicator-queries';

/** The dashboard's figures as the store counts them: the tiles, breakdowns, drill-down lists and the archive backlog. */
export class IndicatorRepository {
  constructor(private readonly db: Db) {}

  intakeCounts(filter: IndicatorFilter, clock: LocalClock) {
    return intakeCounts(this.db, filter, clock);
  }

  qualityCounts(filter: IndicatorFilter) {
    return qualityCounts(this.db, filter);
  }

  syncCounts() {
    return syncCounts(this.db);
  }

  hasIntakeDossier(): boolean {
    return hasIntakeDossier(this.db);
  }

  pagesPerDay(filter: IndicatorFilter, from: string, to: string): { day: string; pages: number }[] {
    return pagesPerDay(this.db, filter, from, to);
  }

  breakdown(filter: IndicatorFilter, dimension: BreakdownDimension, clock: LocalClock): BreakdownCounts[] {
    return breakdownCounts(this.db, filter, dimension, clock);
  }

  drillDossiers(
    filter: IndicatorFilter,
    figure: DrillFigure,
    clock: LocalClock,
    page: { limit: number; offset: number },
  ): { items: DrillRow[]; total: number } {
    return drillDossiers(this.db, filter, figure, clock, page.limit, page.offset);
  }

  backlogCells(): { cells: BacklogCell[]; pagesLeft: number | null; rowsWithoutPageCount: number } {
    return backlogCells(this.db);
  }

  archivePagesPerDay(days: number): { day: string; pages: number }[] {
    return archivePagesPerDay(this.db, days);
  }

  archiveResultsDigitized(): number {
    return archiveResultsDigitized(this.db);
  }

  qcApprovedDossiers(): number {
    return qcApprovedDossiers(this.db);
  }

  registerRowCount(): number {
    return registerRowCount(this.db);
  }
}
