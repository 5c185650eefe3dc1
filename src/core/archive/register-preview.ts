import type { RegisterPreview } from '../../shared/register-preview';
import { delimiterName } from '../catalog/csv';
import type { ParsedRegister } from './register-import';

export type { RegisterPreview };

/** What `batch --preview` shows (`batch.registerPreview`): how the file was read, the column map and the first rows. */
export function previewRegister(register: ParsedRegister, first = 5): RegisterPreview {
  return {
    encoding: register.encoding,
    delimiter: register.delimiter ? delimiterName(register.delimiter) : null,
    headerLines: register.headerLines,
    vniCells: register.vniCells,
    sheets: register.sheets,
    header: register.header,
    columns: register.columns,
    rows: register.rows.slice(0, first),
    rowCount: register.rows.length,
    problems: register.problems,
  };
}
