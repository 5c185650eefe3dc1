import { AUTH_CODES, PATH_CODES, SEARCH_CODES, USER_CODES } from './auth-codes';
import { FILE_CODES, IMAGE_CODES, IMPORT_CODES, SCANNER_CODES } from './capture-codes';
import { ARCHIVE_CODES, BATCH_CODES, REGISTER_CODES } from './archive-codes';
import type { CodeEntry, ExitClass } from './code-area';
import { DESK_CODES, DOCUMENT_CODES, DOSSIER_CODES, PAGE_CODES, REUSE_CODES, SIGNING_CODES } from './desk-codes';
import {
  CALENDAR_CODES,
  CONFIG_CODES,
  CSV_CODES,
  ENGINE_CODES,
  HOTFOLDER_CODES,
  HUB_CODES,
  INPUT_CODES,
  METHOD_CODES,
  SETTING_CODES,
  STATS_CODES,
} from './engine-codes';
import { OCR_CODES } from './ocr-codes';
import { RECORD_CODES, SIGNER_CODES } from './record-codes';
import { RESULT_CODES } from './result-codes';
import { BACKUP_CODES, SECURITY_CODES, STORE_CODES } from './store-codes';
import { BAG_CODES, SYNC_CODES } from './sync-codes';

export type { CodeEntry, ExitClass } from './code-area';

/**
 * Every error code SoHoa raises, one const object per area, each with its exit class and its
 * Vietnamese and English message. A test scans the sources: a code raised without an entry here,
 * or an entry no source raises, fails it. See docs/ARCHITECTURE.md, "Errors".
 */
export const ERROR_CODES = {
  ...ENGINE_CODES,
  ...INPUT_CODES,
  ...METHOD_CODES,
  ...HUB_CODES,
  ...CONFIG_CODES,
  ...SETTING_CODES,
  ...STATS_CODES,
  ...CALENDAR_CODES,
  ...CSV_CODES,
  ...HOTFOLDER_CODES,
  ...AUTH_CODES,
  ...USER_CODES,
  ...SEARCH_CODES,
  ...PATH_CODES,
  ...SCANNER_CODES,
  ...IMPORT_CODES,
  ...IMAGE_CODES,
  ...FILE_CODES,
  ...OCR_CODES,
  ...DESK_CODES,
  ...DOSSIER_CODES,
  ...DOCUMENT_CODES,
  ...PAGE_CODES,
  ...REUSE_CODES,
  ...SIGNING_CODES,
  ...RECORD_CODES,
  ...SIGNER_CODES,
  ...RESULT_CODES,
  ...ARCHIVE_CODES,
  ...BATCH_CODES,
  ...REGISTER_CODES,
  ...STORE_CODES,
  ...SECURITY_CODES,
  ...BACKUP_CODES,
  ...SYNC_CODES,
  ...BAG_CODES,
} as const satisfies Record<string, CodeEntry>;

export type ErrorCode = keyof typeof ERROR_CODES;

/**
 * The exit status of each class. Every class exits 1 today, as the README and scripts expect of a
 * failed command (2 stays for bad arguments); a class gets a number of its own here, in one place.
 */
export const EXIT_STATUS: Record<ExitClass, number> = { input: 1, refused: 1, integrity: 1, environment: 1, internal: 1 };

export const isErrorCode = (code: string): code is ErrorCode => Object.hasOwn(ERROR_CODES, code);

/** The CLI's exit status for a failure with this code; a code outside the registry counts as internal. */
export const exitStatusOf = (code: string): number => EXIT_STATUS[isErrorCode(code) ? ERROR_CODES[code].exit : 'internal'];

/** The `error.<code>` messages of one language, for the renderer's catalogs. */
export function errorCatalog(language: 'vi' | 'en'): { readonly [K in ErrorCode as `error.${K}`]: string } {
  return Object.fromEntries(Object.entries(ERROR_CODES).map(([code, entry]) => [`error.${code}`, entry[language]])) as {
    readonly [K in ErrorCode as `error.${K}`]: string;
  };
}
