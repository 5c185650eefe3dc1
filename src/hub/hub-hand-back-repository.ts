import type { HandBackSummary, ProgressReport, RecordDescriptor } from '../shared/sync-protocol';
import type { HubQueryable } from './hub-transaction';
import { HAND_BACK_FIGURES_LOCK, upsertHandBacksCountingThem } from './progress-figure-statements';

type HandedBack = RecordDescriptor & { handBack: HandBackSummary };

/** The hand-backs the workstations report with their result records, one row per dossier. */
export class HubHandBackRepository {
  constructor(private readonly db: HubQueryable) {}

  /**
   * Keeps the hand-back each result record carries, in one statement that also moves the figures it counts in
   * (progress-figure-statements.ts); a later report for the same dossier replaces the earlier one (within `records`
   * too: the last wins). Runs inside the commit's transaction (record-committer.ts): the workstation's hand-back lock is
   * held until it ends. Rows are written in dossier order, so two commits that note the same dossiers cannot deadlock.
   */
  async note(workstationId: string, records: readonly RecordDescriptor[]): Promise<void> {
    const latest = new Map<string, HandedBack>();
    for (const r of records) if (r.handBack && r.isResult) latest.set(r.dossierCode, r as HandedBack);
    if (latest.size === 0) return;
    const rows = [...latest.values()];
    const column = <T>(pick: (r: (typeof rows)[number]) => T) => rows.map(pick);
    await this.db.query({ name: 'hand-back-lock', text: HAND_BACK_FIGURES_LOCK, values: [workstationId] });
    await this.db.query({
      name: 'hand-back-note',
      text: upsertHandBacksCountingThem(
        `SELECT * FROM unnest($2::text[], $3::text[], $4::text[], $5::timestamptz[], $6::date[], $7::date[], $8::boolean[], $9::int[], $10::text[])
          AS t(dossier_code, agency_code, procedure_code, returned_at, due_date, deadline, on_time, working_days_late, late_reason)`,
        `INSERT INTO hand_back (workstation_id, dossier_code, agency_code, procedure_code, returned_at, due_date, deadline, on_time, working_days_late, late_reason)
        SELECT $1, * FROM t ORDER BY dossier_code
        ON CONFLICT (workstation_id, dossier_code) DO UPDATE SET agency_code = EXCLUDED.agency_code, procedure_code = EXCLUDED.procedure_code,
          returned_at = EXCLUDED.returned_at, due_date = EXCLUDED.due_date, deadline = EXCLUDED.deadline, on_time = EXCLUDED.on_time,
          working_days_late = EXCLUDED.working_days_late, late_reason = EXCLUDED.late_reason, updated_at = now()
        RETURNING workstation_id, on_time, late_reason`,
      ),
      values: [
        workstationId,
        column((r) => r.dossierCode),
        column((r) => r.agencyCode),
        column((r) => r.procedureCode),
        column((r) => r.handBack.returnedAt),
        column((r) => r.handBack.dueDate),
        column((r) => r.handBack.deadline),
        column((r) => r.handBack.onTime),
        column((r) => r.handBack.workingDaysLate),
        column((r) => r.handBack.lateReason),
      ],
    });
  }

  /** From the per-workstation figures, kept and pending (progress-pending-schema.ts), summed. */
  async counts(): Promise<NonNullable<ProgressReport['handBacks']>> {
    const { rows } = await this.db.query<{ key: string; n: string }>(
      `SELECT key, sum(records) AS n FROM progress_figure WHERE dimension = 'hand-backs' GROUP BY key`,
    );
    const n = (key: string) => Number(rows.find((r) => r.key === key)?.n ?? 0);
    return { total: n('total'), onTime: n('on-time'), late: n('late'), withReason: n('late-with-reason') };
  }
}
