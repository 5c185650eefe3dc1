import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { AuditLog } from '../../src/core/audit/audit-log';
import { intakeCounts } from '../../src/core/store/indicator-queries';
import { localClock } from '../../src/core/stats/indicators';
import { AuditRepository } from '../../src/core/store/audit-repository';
import { openDatabase, schemaVersion } from '../../src/core/store/database';
import { DossierRepository } from '../../src/core/store/dossier-repository';
import { migrations } from '../../src/core/store/migrations';
import { DocumentRepository } from '../../src/core/store/document-repository';
import { RecordRepository } from '../../src/core/store/record-repository';
import { ResultRepository } from '../../src/core/store/result-repository';
import { summaryDifferences } from '../../src/core/store/summary-check';
import { TEST_KEY } from '../support/data-key';
import { tempDir } from '../support/temp-dir';
import { seedStore } from '../stats/summary-writes';

describe('migration 27: a result SoHoa timestamped, known before only from the audit log', () => {
  const dir = tempDir();
  afterAll(() => dir.remove());

  it('marks the timestamped version from its result.timestamp entry, so the dossier counts as digitized and can be handed back', () => {
    const dataDir = join(dir.path, 'store');
    let db = openDatabase(
      dataDir,
      TEST_KEY,
      migrations.filter((m) => m.version <= 26),
    );
    expect(schemaVersion(db)).toBe(26);
    seedStore(db);
    const dossiers = new DossierRepository(db);
    const records = new RecordRepository(db);
    const results = new ResultRepository(db);
    const audit = new AuditLog(new AuditRepository(db), 'ws-1');
    const dossier = (n: number) =>
      dossiers.insert(
        {
          kind: 'intake',
          procedureCode: 'TT-1',
          applicantName: 'Nguyễn Văn An',
          applicantCccd: null,
          applicantPhone: null,
          applicantAddress: null,
          receivedDate: '2026-11-02',
          dueDate: '2026-11-20',
          workstationId: 'ws-1',
        },
        { prefix: 'HS', format: (i: number) => `HS-27-${n}-${i}` },
      ).id;
    // As result.timestamp wrote it before 27: an unsigned version (signed elsewhere) and the audit entry naming it.
    const stamp = (documentId: number) => {
      const v = records.addVersion(documentId, `ts-${documentId}`, null);
      audit.append({
        actor: 'canbo1',
        action: 'result.timestamp',
        subject: String(documentId),
        details: { recordId: v.id, version: v.version },
      });
      return v.id;
    };
    const [stamped, replaced, plain] = [dossier(1), dossier(2), dossier(3)];
    const ids: Record<string, number> = {};
    db.transaction(() => {
      for (const [name, d] of Object.entries({ stamped, replaced, plain })) {
        new DocumentRepository(db).create(d, 'Tờ khai', null);
        const result = results.createResultDocument(d, 'quyet-dinh', 'Quyết định');
        records.addVersion(result, `issued-${d}`, null);
        ids[name] = result;
      }
      ids.stampedVersion = stamp(ids.stamped!);
      // Timestamped, then a newer version imported over it: that newer one is no timestamp of SoHoa's.
      ids.replacedVersion = stamp(ids.replaced!);
      records.addVersion(ids.replaced!, `reimported-${replaced}`, null);
    })();
    db.close();

    db = openDatabase(dataDir, TEST_KEY);
    expect(schemaVersion(db)).toBe(migrations.at(-1)!.version);
    const marked = db.prepare('SELECT id FROM record WHERE sohoa_timestamped = 1 ORDER BY id').pluck().all();
    expect(marked).toEqual([ids.stampedVersion, ids.replacedVersion]);
    const after = new ResultRepository(db);
    expect([stamped, replaced, plain].map((d) => after.hasFinishedResult(d))).toEqual([true, false, false]);
    expect([ids.stamped, ids.replaced, ids.plain].map((d) => after.latestIsTimestamped(d!))).toEqual([true, false, false]);
    expect(intakeCounts(db, {}, localClock(new Date())).resultsDigitized).toBe(1);
    expect(db.prepare('SELECT dossier_id FROM dossier_summary WHERE results_timestamped > 0').pluck().all()).toEqual([stamped]);
    expect(summaryDifferences(db)).toEqual([]);
    db.close();
  });
});
