import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Engine } from '../../src/core/engine';
import { computeIndicators, drillDown } from '../../src/core/stats/indicators';
import { setTestAgency } from '../support/agency';
import { tempDir } from '../support/temp-dir';

const localNoon = (day: string) => new Date(`${day}T12:00:00`);
/** National Day 2026 (Quốc khánh): Tuesday 1 and Wednesday 2 September, as the administrator lists them. */
const HOLIDAYS = ['2026-09-01', '2026-09-02'];

describe('due dates on weekends and holidays', () => {
  const dir = tempDir('sohoa-holiday-due-');
  let clock = localNoon('2026-08-20');
  let engine: Engine;
  const create = (dueDate: string, name: string) =>
    engine.handlers['dossier.create']({
      procedureCode: 'MAU-HT-01',
      applicantName: name,
      applicantCccd: '074093513649',
      receivedDate: '2026-08-20',
      dueDate,
    });
  const dueOf = (id: number) =>
    (engine.store.db.prepare('SELECT due_date AS due FROM dossier WHERE id = ?').get(id) as { due: string }).due;
  const pastDue = (day: string) => computeIndicators(engine.store, {}, localNoon(day)).intake.openPastDue.count;

  let beforeHolidays = 0;
  let onMonday = 0;
  let onFriday = 0;

  beforeAll(async () => {
    engine = setTestAgency(Engine.open({ dataDir: dir.path, now: () => clock }));
    // Taken in before the holidays were entered: its appointment, Wednesday 2 September, was a working day then.
    beforeHolidays = (await create('2026-09-02', 'Trước khi nhập ngày nghỉ')).id;
    // Due Monday 31 August, the last working day before the holidays.
    onMonday = (await create('2026-08-31', 'Hẹn thứ Hai')).id;
    // Due Friday 4 September.
    onFriday = (await create('2026-09-04', 'Hẹn thứ Sáu')).id;
    await engine.handlers['calendar.setHolidays']({ year: 2026, days: HOLIDAYS });
  });
  afterAll(async () => {
    await engine.close();
    dir.remove();
  });

  it('moves an appointment typed on a holiday or a weekend to the next working day, and says so in the audit log', async () => {
    const onHoliday = await create('2026-09-01', 'Hẹn ngày lễ');
    expect(dueOf(onHoliday.id)).toBe('2026-09-03');
    const onSaturday = await create('2026-08-29', 'Hẹn thứ Bảy');
    expect(dueOf(onSaturday.id)).toBe('2026-08-31');
    const onWorkingDay = await create('2026-09-04', 'Hẹn ngày làm việc');
    expect(dueOf(onWorkingDay.id)).toBe('2026-09-04');
    const audit = engine.store.db
      .prepare(`SELECT details FROM audit_event WHERE action = 'dossier.create' AND subject = ?`)
      .get(onHoliday.code) as { details: string };
    expect(JSON.parse(audit.details)).toMatchObject({ dueDateTyped: '2026-09-01', dueDate: '2026-09-03' });
    for (const d of [onHoliday, onSaturday, onWorkingDay])
      engine.store.db.prepare('UPDATE dossier SET deleted_at = ? WHERE id = ?').run(new Date().toISOString(), d.id);
  });

  it('counts "Quá hạn, chưa hoàn thành" against the last working day, across the holidays', () => {
    // Tuesday 1 (holiday): Monday's appointment has passed; the one on the (now) holiday Wednesday has not.
    expect(pastDue('2026-09-01')).toBe(1);
    // Thursday 3: the holiday appointment's last day is today, so not yet past due; Monday's still is.
    expect(pastDue('2026-09-03')).toBe(1);
    const drill = drillDown(engine.store, {}, 'openPastDue', { limit: 10, offset: 0 }, localNoon('2026-09-03'));
    expect(drill.items.map((d) => d.id)).toEqual([onMonday]);
    // Friday 4: the holiday appointment is now past due too; Friday's own is due today.
    expect(pastDue('2026-09-04')).toBe(2);
    // Saturday 5 and Monday 7: Friday's is past due from Saturday on.
    expect(pastDue('2026-09-05')).toBe(3);
    expect(pastDue('2026-09-07')).toBe(3);
    expect([beforeHolidays, onMonday, onFriday].map(dueOf)).toEqual(['2026-09-02', '2026-08-31', '2026-09-04']);
  });

  it('a hand-back on the first working day after the holidays is on time for the appointment that fell on them', async () => {
    clock = localNoon('2026-09-03');
    const t = await engine.handlers['result.timeliness']({ dossierId: beforeHolidays, returnedAt: localNoon('2026-09-03').toISOString() });
    expect(t).toMatchObject({ deadline: '2026-09-03', onTime: true });
  });
});
