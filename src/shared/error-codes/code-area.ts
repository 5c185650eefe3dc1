/**
 * What kind of failure a code names, as OCRmyPDF's ExitCode sorts its failures: the data given
 * (input), the state or the rights that do not allow it (refused), a check that found tampering or
 * damage (integrity), a missing device, tool, key or service (environment), or a fault of SoHoa
 * itself (internal).
 */
export type ExitClass = 'input' | 'refused' | 'integrity' | 'environment' | 'internal';

/** One code: its class and its message in each language, for the UI (the engine writes no UI text). */
export interface CodeEntry {
  exit: ExitClass;
  vi: string;
  en: string;
}

/** The codes of one area, keyed by the code string itself (which never changes: stores and hubs keep it). */
export const codeArea = <T extends Record<string, CodeEntry>>(entries: T): T => entries;
