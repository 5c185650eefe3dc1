import type pg from 'pg';
import type { ProgressReport, RecordDescriptor } from '../shared/sync-protocol';

/** The hand-backs the workstations report with their result records, one row per dossier. */
export class HubHandBackRepository {
  constructor(private readonly pool: pg.Pool) {}

  /** Keeps the hand-back each result record carries; a later report for the same dossier replaces the earlier one. */
  async note(workstationId: string, records: readonly RecordDescriptor[]): Promise<void> {
    for (const r of records) {
      const h = r.handBack;
      if (!h || !r.isResult) continue;
      await this.pool.query({
        name: 'hand-back-note',
        text: `INSERT INTO hand_back (workstation_id, dossier_code, agency_code, procedure_code, returned_at, due_date, deadline, on_time, working_days_late, late_reason)
          VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
          ON CONFLICT (workstation_id, dossier_code) DO UPDATE SET agency_code = EXCLUDED.agency_code, procedure_code = EXCLUDED.procedure_code,
            returned_at = EXCLUDED.returned_at, due_date = EXCLUDED.due_date, deadline = EXCLUDED.deadline, on_time = EXCLUDED.on_time,
            working_days_late = EXCLUDED.working_days_late, late_reason = EXCLUDED.late_reason, updated_at = now()`,
        values: [
          workstationId,
          r.dossierCode,
          r.agencyCode,
          r.procedureCode,
          h.returnedAt,
          h.dueDate,
          h.deadline,
          h.onTime,
          h.workingDaysLate,
          h.lateReason,
        ],
      });
    }
  }

  /** From the per-workstation rows the triggers keep (progress-aggregate-schema.ts), summed. */
  async counts(): Promise<NonNullable<ProgressReport['handBacks']>> {
    const { rows } = await this.pool.query<{ key: string; n: string }>(
      `SELECT key, sum(records) AS n FROM progress_aggregate WHERE dimension = 'hand-backs' GROUP BY key`,
    );
    const n = (key: string) => Number(rows.find((r) => r.key === key)?.n ?? 0);
    return { total: n('total'), onTime: n('on-time'), late: n('late'), withReason: n('late-with-reason') };
  }
}
