/**
 * What the `subject` of each audit action the engine writes holds. Every action written anywhere in
 * src/core is listed (test/audit/audit-subject-kinds.test.ts greps the writes); one missing shows
 * its subject as plain text.
 */
export type SubjectSource =
  | 'dossier-code'
  | 'dossier-id'
  | 'document-id'
  | 'page-id'
  | 'record-id'
  | 'batch-ref'
  | 'username'
  | 'setting-key'
  | 'certificate'
  | 'folder'
  | 'hub-url'
  | 'error-code'
  | 'none';

export const AUDIT_SUBJECT_SOURCES: Record<string, SubjectSource> = {
  'archive.dossier.create': 'dossier-code',
  'archive.mark-result': 'document-id',
  'archive.unmark-result': 'document-id',
  'archive.split-result': 'document-id',
  'audit.export': 'none',
  'audit.re-anchor': 'none',
  'auth.login': 'none',
  'auth.login-failed': 'username',
  'auth.logout': 'none',
  'auth.lock': 'none',
  'auth.unlock': 'none',
  'auth.unlock-failed': 'username',
  'backup.create': 'folder',
  'catalog.import': 'none',
  'backup.fail': 'error-code',
  'batch.open': 'batch-ref',
  'batch.intake-failed': 'batch-ref',
  'batch.pause': 'batch-ref',
  'batch.paused': 'batch-ref',
  'batch.resume': 'batch-ref',
  'batch.cancel': 'batch-ref',
  'batch.cancelled': 'batch-ref',
  'batch.done': 'batch-ref',
  'batch.qc.approve': 'batch-ref',
  'batch.qc.withdraw': 'batch-ref',
  'batch.sign': 'batch-ref',
  'document.create': 'document-id',
  'document.remove': 'document-id',
  'document.reuse': 'document-id',
  'dossier.create': 'dossier-code',
  'dossier.delete': 'dossier-code',
  'dossier.finalize': 'dossier-id',
  'dossier.hand-back': 'dossier-id',
  'dossier.receipt': 'dossier-code',
  'dossier.reopen': 'dossier-id',
  'field.correct': 'document-id',
  'page.add': 'document-id',
  'page.delete': 'page-id',
  'page.import': 'document-id',
  'page.move': 'page-id',
  'page.rescan': 'document-id',
  'page.rotate': 'page-id',
  'page.scan': 'document-id',
  'record.export': 'record-id',
  'record.sign': 'document-id',
  'record.timestamp': 'document-id',
  'record.timestamp-failed': 'document-id',
  'record.view': 'record-id',
  'result.create': 'document-id',
  'result.import': 'document-id',
  'result.sign': 'document-id',
  'result.timestamp': 'document-id',
  'setting.change': 'setting-key',
  'signer.inspect': 'certificate',
  'signer.unlock': 'certificate',
  'summary.rebuilt': 'none',
  'sync.enroll': 'hub-url',
  'sync.export-bag': 'folder',
  'sync.record.acknowledged': 'record-id',
  'sync.record.rejected': 'record-id',
  'sync.record.sent': 'record-id',
  'sync.run': 'hub-url',
  'trust.add': 'certificate',
  'trust.remove': 'certificate',
  'user.create': 'username',
  'user.disable': 'username',
  'user.enable': 'username',
  'user.reset-password': 'username',
  'user.set-role': 'username',
  'user.setup-admin': 'username',
};
