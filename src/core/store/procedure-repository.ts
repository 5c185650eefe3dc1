import type { Procedure } from '../../shared/types';
import { foldVietnamese } from '../../shared/fold';
import type { Db } from './database';

interface ProcedureRow {
  code: string;
  name: string;
  field: string;
  level: string;
  processing_days: number | null;
  components: string;
  is_sample: number;
}

const toProcedure = (r: ProcedureRow): Procedure => ({
  code: r.code,
  name: r.name,
  field: r.field,
  level: r.level,
  processingDays: r.processing_days,
  components: JSON.parse(r.components) as string[],
  isSample: r.is_sample === 1,
});

export class ProcedureRepository {
  constructor(private readonly db: Db) {}

  upsertMany(procedures: Procedure[]): number {
    const stmt = this.db.prepare(`
      INSERT INTO procedure (code, name, name_folded, field, level, processing_days, components, is_sample)
      VALUES (@code, @name, @nameFolded, @field, @level, @processingDays, @components, @isSample)
      ON CONFLICT (code) DO UPDATE SET name = excluded.name, name_folded = excluded.name_folded, field = excluded.field,
        level = excluded.level, processing_days = excluded.processing_days, components = excluded.components,
        is_sample = excluded.is_sample`);
    this.db.transaction(() => {
      for (const p of procedures) {
        stmt.run({
          ...p,
          nameFolded: foldVietnamese(`${p.code} ${p.name}`),
          components: JSON.stringify(p.components),
          isSample: p.isSample ? 1 : 0,
        });
      }
    })();
    return procedures.length;
  }

  get(code: string): Procedure | undefined {
    const row = this.db.prepare('SELECT * FROM procedure WHERE code = ?').get(code) as ProcedureRow | undefined;
    return row && toProcedure(row);
  }

  /** All procedures, or those whose code or name contains every word of the query (accents ignored). */
  list(query?: string): Procedure[] {
    const words = foldVietnamese(query ?? '')
      .split(/\s+/)
      .filter(Boolean);
    const where = words.map(() => `name_folded LIKE ? ESCAPE '\\'`).join(' AND ');
    const params = words.map((w) => `%${w.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
    const rows = this.db
      .prepare(`SELECT * FROM procedure ${where ? `WHERE ${where}` : ''} ORDER BY field, name`)
      .all(...params) as ProcedureRow[];
    return rows.map(toProcedure);
  }

  count(): number {
    return (this.db.prepare('SELECT count(*) AS n FROM procedure').get() as { n: number }).n;
  }
}
