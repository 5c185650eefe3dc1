import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Engine } from '../../src/core/engine';
import { openRawDatabase } from '../support/data-key';
import { tempDir } from '../support/temp-dir';
import { setTestAgency } from '../support/agency';

/** Noon of a local day, as a Date: no time zone puts it on another day. */
const localNoon = (day: string) => new Date(`${day}T12:00:00`);

describe('dashboard figures kept between two openings', () => {
  const dir = tempDir();
  let clock = localNoon('2030-01-09');
  let engine: Engine;
  const ids: number[] = [];

  beforeAll(async () => {
    engine = setTestAgency(Engine.open({ dataDir: dir.path, now: () => clock }));
    for (const due of ['2030-01-10', '2030-01-20']) {
      const d = await engine.handlers['dossier.create']({
        procedureCode: 'MAU-HT-01',
        applicantName: 'Người nộp',
        applicantCccd: '074093513649',
        receivedDate: '2030-01-08',
        dueDate: due,
      });
      ids.push(d.id);
    }
  });
  afterAll(async () => {
    await engine.close();
    dir.remove();
  });

  const open = () => engine.handlers['stats.dashboard']({});
  const received = async () => (await open()).indicators.intake.received;

  it('are read again, not recomputed, when nothing was written in between', async () => {
    const first = await open();
    const second = await open();
    expect(first.indicators.intake.received).toBe(2);
    expect(second.backlog).toBe(first.backlog);
    expect(second.indicators.intake).toBe(first.indicators.intake);
  });

  it('are recomputed after a write through the engine', async () => {
    const before = await open();
    const d = await engine.handlers['dossier.create']({
      procedureCode: 'MAU-HT-01',
      applicantName: 'Người nộp',
      applicantCccd: '074093513649',
      receivedDate: '2030-01-09',
      dueDate: '2030-01-25',
    });
    ids.push(d.id);
    const after = await open();
    expect(after.indicators.intake.received).toBe(3);
    expect(after.backlog).not.toBe(before.backlog);
    expect((await engine.handlers['stats.drilldown']({ filter: {}, figure: 'received', limit: 10, offset: 0 })).total).toBe(3);
    expect((await engine.handlers['stats.breakdown']({ filter: {}, dimension: 'procedure' }))[0]?.received).toBe(3);
  });

  it('are recomputed after a write by another connection to the same store', async () => {
    expect(await received()).toBe(3);
    engine.store.db.prepare('UPDATE dossier SET deleted_at = ? WHERE id = ?').run('2030-01-09T05:00:00.000Z', ids[2]);
    expect(await received()).toBe(2);
    const other = openRawDatabase(dir.path);
    try {
      other.prepare('UPDATE dossier SET deleted_at = NULL WHERE id = ?').run(ids[2]);
    } finally {
      other.close();
    }
    expect(await received()).toBe(3);
  });

  it('follow the clock: a due date passes at midnight and the oldest waiting item ages without any write', async () => {
    const docId = engine.store.documents.create(ids[0]!, null, null);
    const record = engine.store.records.addVersion(docId, engine.store.blobs.put(Buffer.from('pdf')), {
      signer: 'CN=Test',
      signedAt: clock.toISOString(),
    });
    engine.store.records.enqueueForSync(record.id);
    const waitingSince = Date.parse((await open()).indicators.sync.oldestWaitingSince!);

    expect((await open()).indicators.intake.openPastDue.count).toBe(0);
    const cached = await open();
    clock = new Date(clock.getTime() + 3_600_000);
    const anHourLater = await open();
    expect(anHourLater.backlog).toBe(cached.backlog);
    expect(anHourLater.indicators.sync.oldestWaitingHours).toBeCloseTo((clock.getTime() - waitingSince) / 3_600_000, 9);

    clock = localNoon('2030-01-11');
    const nextDays = await open();
    expect(nextDays.indicators.today).toBe('2030-01-11');
    expect(nextDays.indicators.intake.openPastDue.count).toBe(1);
  });
});
