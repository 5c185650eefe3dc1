import { REGISTER_FIELD_NAMES } from '../../shared/batch-start-contract';
import { foldVietnamese } from '../../shared/fold';
import { RegisterMapError } from './archive-errors';

export const REGISTER_FIELDS = REGISTER_FIELD_NAMES;
export type RegisterField = (typeof REGISTER_FIELDS)[number];

/** Columns few registers have: no warning when they are missing. `agency`: the agency that issued the paper, as named then. */
export const OPTIONAL_REGISTER_FIELDS: readonly RegisterField[] = ['result', 'agency'];

/** Which header (by its text) holds which field. Remembered per batch. */
export type ColumnMap = Partial<Record<RegisterField, string>>;

/** Header names, folded (no marks, lower case, single spaces), Vietnamese first; earlier names win. */
const SYNONYMS: Record<RegisterField, string[]> = {
  box: ['hop so', 'so hop', 'hop', 'ma hop', 'so hieu hop', 'box', 'box no', 'box number'],
  dossier: [
    'ho so so',
    'so ho so',
    'so hs',
    'hs so',
    'so ky hieu ho so',
    'ma ho so',
    'so va ky hieu',
    'so ky hieu',
    'so va ky hieu ho so',
    'ho so',
    'dossier',
    'dossier no',
    'dossier number',
    'file no',
    'file number',
  ],
  title: ['tieu de', 'tieu de ho so', 'ten ho so', 'trich yeu', 'trich yeu noi dung', 'tieu de van ban', 'noi dung', 'title'],
  year: [
    'nam',
    'nam ho so',
    'nam hinh thanh',
    'ngay thang',
    'ngay thang nam',
    'ngay thang van ban',
    'thoi gian',
    'thoi gian bat dau',
    'ngay',
    'year',
    'date',
  ],
  field: ['linh vuc', 'thu tuc', 'linh vuc thu tuc', 'field', 'procedure', 'field procedure'],
  pages: ['so trang', 'so to', 'tong so trang', 'tong so to', 'so luong trang', 'so luong to', 'pages', 'page count', 'expected pages'],
  retention: ['thoi han bao quan', 'thoi han', 'thbq', 'retention', 'retention period'],
  result: ['ket qua', 'ket qua giai quyet', 'loai ket qua', 'ket qua da so hoa', 'co ket qua', 'result', 'result kind'],
  agency: ['co quan ban hanh', 'don vi ban hanh', 'co quan cap', 'noi cap', 'co quan phat hanh', 'issuing agency', 'issued by'],
};

/** Headers every register table has one of besides the dossier number: they tell a header row from a title. */
const OTHER_HEADERS = new Set(['stt', 'so thu tu', 'ghi chu', 'note', 'notes']);

export const foldHeader = (h: string) =>
  foldVietnamese(h)
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();

/** Separates a group heading from the heading under it, in a header written over two rows. */
export const HEADER_JOIN = ' / ';

/** The folded names a header answers to: as written, then (over two rows) the lower and the upper part. */
const namesOf = (h: string) => {
  const parts = h.split(HEADER_JOIN);
  return [h, ...parts.reverse()].map(foldHeader);
};

/** How many of the header's cells name a register column (or STT, Ghi chú): the header row has the most. */
export function headerScore(header: string[]): number {
  return header.filter((h) => h && namesOf(h).some((n) => OTHER_HEADERS.has(n) || REGISTER_FIELDS.some((f) => SYNONYMS[f].includes(n))))
    .length;
}

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
  const names = header.map((h) => (h ? namesOf(h) : []));
  for (const field of REGISTER_FIELDS) {
    if (map[field] !== undefined) continue;
    for (const synonym of SYNONYMS[field]) {
      const i = header.findIndex((h, k) => !taken.has(h) && names[k]!.includes(synonym));
      if (i < 0) continue;
      map[field] = header[i]!;
      taken.add(header[i]!);
      break;
    }
  }
  return map;
}

/** Names `--map` accepts for each field, besides the field's own name. */
const FIELD_ALIASES: Record<string, RegisterField> = {
  number: 'dossier',
  'dossier-number': 'dossier',
  expected: 'pages',
  'page-count': 'pages',
  procedure: 'field',
  'issuing-agency': 'agency',
};

/** `box=Hộp số,number=Hồ sơ số,…` to a column map; an unknown field name is a coded error. */
export function parseColumnChoice(text: string): ColumnMap {
  const map: ColumnMap = {};
  for (const part of text
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean)) {
    const eq = part.indexOf('=');
    const name = eq < 0 ? part : part.slice(0, eq).trim().toLowerCase();
    const field = (REGISTER_FIELDS as readonly string[]).includes(name) ? (name as RegisterField) : FIELD_ALIASES[name];
    if (eq < 0 || !field || !part.slice(eq + 1).trim()) {
      throw new RegisterMapError(`--map: '${part}' is not field=column (fields: ${REGISTER_FIELDS.join(', ')}; 'number' for dossier)`, {
        part,
      });
    }
    map[field] = part.slice(eq + 1).trim();
  }
  return map;
}

/** Every column chosen by hand must be in the register's header (matched as written, or folded, or by one of its two rows). */
export function checkColumnChoice(header: string[], chosen: ColumnMap): void {
  for (const [field, column] of Object.entries(chosen) as [RegisterField, string][]) {
    const found = header.find((h) => h === column) ?? header.find((h) => h !== '' && namesOf(h).includes(foldHeader(column)));
    if (found === undefined)
      throw new RegisterMapError(`--map: the register has no column '${column}' for ${field} (found: ${header.join(', ')})`, {
        field,
        column,
        header,
      });
    chosen[field] = found;
  }
}
