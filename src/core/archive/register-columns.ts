import { foldVietnamese } from '../../shared/fold';
import { RegisterMapError } from './archive-errors';

export const REGISTER_FIELDS = ['box', 'dossier', 'title', 'year', 'field', 'pages', 'retention'] as const;
export type RegisterField = (typeof REGISTER_FIELDS)[number];

/** Which header (by its text) holds which field. Remembered per batch. */
export type ColumnMap = Partial<Record<RegisterField, string>>;

/** Header names, folded (no marks, lower case, single spaces), Vietnamese first. */
const SYNONYMS: Record<RegisterField, string[]> = {
  box: ['hop so', 'so hop', 'hop', 'ma hop', 'box', 'box no', 'box number'],
  dossier: ['ho so so', 'so ho so', 'so hs', 'hs so', 'ho so', 'ma ho so', 'so ky hieu ho so', 'dossier', 'dossier no', 'dossier number', 'file no', 'file number'],
  title: ['tieu de', 'tieu de ho so', 'ten ho so', 'trich yeu', 'trich yeu noi dung', 'title'],
  year: ['nam', 'nam ho so', 'nam hinh thanh', 'year'],
  field: ['linh vuc', 'thu tuc', 'linh vuc thu tuc', 'field', 'procedure', 'field procedure'],
  pages: ['so trang', 'so to', 'tong so trang', 'so luong trang', 'pages', 'page count', 'expected pages'],
  retention: ['thoi han bao quan', 'thoi han', 'retention', 'retention period'],
};

export const foldHeader = (h: string) => foldVietnamese(h).replace(/[^a-z0-9]+/g, ' ').trim();

/** Maps the register's header to fields by name; a remembered map wins where its headers are present. */
export function mapColumns(header: string[], remembered?: ColumnMap): ColumnMap {
  const present = new Set(header);
  const map: ColumnMap = {};
  const taken = new Set<string>();
  for (const field of REGISTER_FIELDS) {
    const chosen = remembered?.[field];
    if (chosen !== undefined && present.has(chosen)) {
      map[field] = chosen;
      taken.add(chosen);
    }
  }
  for (const field of REGISTER_FIELDS) {
    if (map[field] !== undefined) continue;
    const found = header.find((h) => !taken.has(h) && SYNONYMS[field].includes(foldHeader(h)));
    if (found !== undefined) {
      map[field] = found;
      taken.add(found);
    }
  }
  return map;
}

/** Names `--map` accepts for each field, besides the field's own name. */
const FIELD_ALIASES: Record<string, RegisterField> = { number: 'dossier', 'dossier-number': 'dossier', expected: 'pages', 'page-count': 'pages', procedure: 'field' };

/** `box=Hộp số,number=Hồ sơ số,…` to a column map; an unknown field name is a coded error. */
export function parseColumnChoice(text: string): ColumnMap {
  const map: ColumnMap = {};
  for (const part of text.split(',').map((p) => p.trim()).filter(Boolean)) {
    const eq = part.indexOf('=');
    const name = eq < 0 ? part : part.slice(0, eq).trim().toLowerCase();
    const field = (REGISTER_FIELDS as readonly string[]).includes(name) ? (name as RegisterField) : FIELD_ALIASES[name];
    if (eq < 0 || !field || !part.slice(eq + 1).trim()) {
      throw new RegisterMapError(`--map: '${part}' is not field=column (fields: ${REGISTER_FIELDS.join(', ')}; 'number' for dossier)`, { part });
    }
    map[field] = part.slice(eq + 1).trim();
  }
  return map;
}

/** Every column chosen by hand must be in the register's header (matched as written, or folded). */
export function checkColumnChoice(header: string[], chosen: ColumnMap): void {
  for (const [field, column] of Object.entries(chosen) as [RegisterField, string][]) {
    const found = header.find((h) => h === column) ?? header.find((h) => foldHeader(h) === foldHeader(column));
    if (found === undefined) throw new RegisterMapError(`--map: the register has no column '${column}' for ${field} (found: ${header.join(', ')})`, { field, column, header });
    chosen[field] = found;
  }
}
