/** A document as the audit log names it: its component (or its place in the dossier) and its dossier's code. */
export interface AuditDocumentRef {
  dossierCode: string | null;
  component: string | null;
  isResult: boolean;
  /** 1-based place among the dossier's documents. */
  position: number | null;
}

/**
 * What an audit event is about, in the terms a supervisor knows (resolved by the engine when the log
 * is read; the renderer puts it into words). `gone`: the thing was deleted since; `id` is then kept
 * only so the row can still be told apart, never shown as the subject on its own.
 */
export type AuditSubject =
  | { kind: 'dossier'; code: string | null; gone: boolean }
  | { kind: 'document'; document: AuditDocumentRef | null; gone: boolean }
  | { kind: 'page'; position: number | null; document: AuditDocumentRef | null; gone: boolean }
  | { kind: 'record'; version: number | null; document: AuditDocumentRef | null; gone: boolean }
  | { kind: 'batch'; name: string | null; gone: boolean }
  | { kind: 'user'; username: string; displayName: string | null }
  | { kind: 'setting'; key: string }
  | { kind: 'certificate'; name: string }
  | { kind: 'folder'; path: string }
  | { kind: 'hub'; url: string }
  | { kind: 'error'; code: string }
  | { kind: 'text'; text: string };

export type AuditSubjectKind = AuditSubject['kind'];
