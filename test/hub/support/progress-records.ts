import { HubHandBackRepository } from '../../../src/hub/hub-hand-back-repository';
import { HubRecordRepository } from '../../../src/hub/hub-record-repository';
import type { HubQueryable } from '../../../src/hub/hub-transaction';
import type { ProgressReport, RecordDescriptor } from '../../../src/shared/sync-protocol';
import type { seeded } from '../../stats/summary-writes';

/** A random record descriptor: a few agencies, procedures, years and statuses, some without, about one in four a result. */
export function randomRecord(r: ReturnType<typeof seeded>, n: number): RecordDescriptor {
  return {
    documentKey: `doc-${r.int(400)}`,
    version: 1 + r.int(3),
    sha256: (n.toString(16) + 'a'.repeat(64)).slice(0, 64),
    size: 1 + r.int(500_000),
    dossierCode: `HS-${r.int(150)}`,
    procedureCode: r.pick(['1.001', '1.002', '2.010', null])!,
    agencyCode: r.pick(['000.31.25.H12', '000.32.25.H12', null])!,
    year: r.pick([2020, 2021, 2026, null])!,
    status: r.pick(['finalized', 'returned', null])!,
    signedAt: null,
    isResult: r.next() < 0.25,
  };
}

/** A result record carrying its hand-back: on time, late (with or without a reason), or without a due date. */
export function handedBack(r: ReturnType<typeof seeded>, n: number): RecordDescriptor {
  const onTime = r.pick([true, false, null])!;
  return {
    ...randomRecord(r, n),
    isResult: true,
    handBack: {
      returnedAt: '2026-12-01T08:00:00.000Z',
      dueDate: onTime === null ? null : '2026-11-30',
      deadline: null,
      onTime,
      workingDaysLate: onTime === false ? 1 : 0,
      lateReason: onTime === false && r.next() < 0.5 ? 'Chờ bổ sung' : null,
    },
  };
}

/** What /progress said before the kept figures: every cell counted from the records themselves. */
export async function progressFromRecords(pool: HubQueryable): Promise<ProgressReport> {
  const one = async (sql: string) => (await pool.query<Record<string, string>>(sql)).rows[0]!;
  const total = await one(
    'SELECT count(*) AS records, coalesce(sum(size), 0) AS bytes, count(DISTINCT workstation_id) AS workstations FROM record',
  );
  const results = await one(
    'SELECT count(*) AS records, count(DISTINCT (workstation_id, dossier_code)) AS dossiers FROM record WHERE is_result',
  );
  const by = async (expr: string) =>
    (
      await pool.query<{ key: string | null; records: string; bytes: string }>(
        `SELECT ${expr} AS key, count(*) AS records, sum(size) AS bytes FROM record GROUP BY 1 ORDER BY 1 NULLS LAST`,
      )
    ).rows.map((x) => ({ key: x.key, records: Number(x.records), bytes: Number(x.bytes) }));
  return {
    total: { records: Number(total.records), bytes: Number(total.bytes), workstations: Number(total.workstations) },
    byAgency: await by('agency_code'),
    byProcedure: await by('procedure_code'),
    byYear: await by('year::text'),
    byStatus: await by('status'),
    byDay: await by("to_char(received_at AT TIME ZONE 'UTC', 'YYYY-MM-DD')"),
    results: { records: Number(results.records), dossiers: Number(results.dossiers) },
    handBacks: (await one(
      `SELECT count(*)::int AS total, count(*) FILTER (WHERE on_time)::int AS "onTime", count(*) FILTER (WHERE NOT on_time)::int AS late,
              count(*) FILTER (WHERE NOT on_time AND late_reason IS NOT NULL)::int AS "withReason" FROM hand_back`,
    )) as unknown as ProgressReport['handBacks'],
  };
}

/** /progress as the hub serves it (hub-server.ts): the records' figures and the hand-backs. */
export async function served(pool: HubQueryable): Promise<ProgressReport> {
  return { ...(await new HubRecordRepository(pool).progress()), handBacks: await new HubHandBackRepository(pool).counts() };
}
