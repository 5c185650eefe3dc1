/**
 * Who may call each method of the contract. The engine's dispatcher refuses a call before its
 * handler runs (`auth.required`, `auth.forbidden`); the UI only uses this to hide what it cannot do.
 * Exhaustive: a method added to the contract fails to compile until it has an entry here.
 */
import type { MethodName } from './methods';
import type { Role } from './roles';

/** `anyone`: also before sign-in; `signed-in`: any role; otherwise the roles listed. */
export type Access = 'anyone' | 'signed-in' | readonly Role[];

const ALL: readonly Role[] = ['clerk', 'archivist', 'supervisor', 'administrator'];
const DESK: readonly Role[] = ['clerk'];
/** The clerk's desk work, which the archive team also does on archive dossiers (scan, QC, sign). */
const DIGITIZE: readonly Role[] = ['clerk', 'archivist'];
const ADMIN: readonly Role[] = ['administrator'];
const OVERSIGHT: readonly Role[] = ['supervisor', 'administrator'];
/** The archive team's batches and QC station; the administrator too. */
const ARCHIVE: readonly Role[] = ['archivist', 'administrator'];

export const PERMISSIONS: Record<MethodName, Access> = {
  'auth.state': 'anyone',
  'auth.setupAdmin': 'anyone',
  'auth.login': 'anyone',
  'auth.resume': 'anyone',
  'auth.logout': 'signed-in',
  'auth.lock': 'signed-in',
  'auth.unlock': 'signed-in',
  'auth.policy': 'signed-in',
  'auth.setPolicy': ADMIN,
  'user.list': ADMIN,
  'user.create': ADMIN,
  'user.setRole': ADMIN,
  'user.disable': ADMIN,
  'user.resetPassword': ADMIN,
  'audit.list': OVERSIGHT,
  'audit.export': OVERSIGHT,
  'audit.verify': OVERSIGHT,
  'audit.reAnchor': ADMIN,
  'dossier.delete': ADMIN,
  'procedure.list': ALL,
  'catalog.import': ADMIN,
  'dossier.create': DESK,
  'dossier.list': ALL,
  'dossier.get': ALL,
  'search.query': ALL,
  'status.get': ALL,
  'document.create': DIGITIZE,
  'document.list': DIGITIZE,
  'document.importFiles': DIGITIZE,
  'document.uploadFile': DIGITIZE,
  'page.addImage': DIGITIZE,
  'page.image': DIGITIZE,
  'dossier.desk': DIGITIZE,
  'dossier.reuseCandidates': DESK,
  'document.reuse': DESK,
  'document.remove': DIGITIZE,
  'page.rotate': DIGITIZE,
  'page.delete': DIGITIZE,
  'page.move': DIGITIZE,
  'page.text': DIGITIZE,
  'document.fields': DIGITIZE,
  'document.setField': DIGITIZE,
  'signer.unlock': DIGITIZE,
  'signer.status': DIGITIZE,
  'signer.unlockToken': DIGITIZE,
  'signer.inspect': [...DIGITIZE, ...ADMIN],
  'trust.list': ADMIN,
  'trust.add': ADMIN,
  'trust.remove': ADMIN,
  'dossier.finalize': DIGITIZE,
  'record.verify': [...DIGITIZE, ...OVERSIGHT],
  // The administrator picks the device of each scanner profile in Settings.
  'scanner.list': [...DIGITIZE, ...ADMIN],
  'scanner.scan': DIGITIZE,
  'scanner.cancel': DIGITIZE,
  'scanner.testScan': ADMIN,
  'dossier.receipt': DESK,
  'dossier.reopen': DIGITIZE,
  'page.rescan': DIGITIZE,
  'page.replace': DIGITIZE,
  'stats.dashboard': ALL,
  'stats.indicators': ALL,
  'stats.breakdown': ALL,
  'stats.drilldown': ALL,
  'stats.export': ALL,
  'stats.province': ALL,
  'stats.verifySummaries': ADMIN,
  'sync.status': ALL,
  'sync.now': [...DIGITIZE, ...ADMIN],
  'sync.enroll': ADMIN,
  'sync.records': ALL,
  // The command line's operator tasks: a send with its own options, rejected records queued again, a bag to carry.
  'sync.send': ADMIN,
  'sync.retryRejected': ADMIN,
  'sync.exportBag': ADMIN,
  'batch.list': [...ARCHIVE, 'supervisor'],
  'batch.qc': [...ARCHIVE, 'supervisor'],
  'batch.qcItems': [...ARCHIVE, 'supervisor'],
  'batch.report': [...ARCHIVE, 'supervisor'],
  'batch.approve': ARCHIVE,
  'batch.control': ARCHIVE,
  'batch.sign': ARCHIVE,
  'batch.signCancel': ARCHIVE,
  'batch.run': ARCHIVE,
  'batch.runStop': ARCHIVE,
  'result.create': DESK,
  'result.importPdf': DESK,
  'result.sign': DESK,
  /** At the desk, and at the archive's QC station for a marked result signed elsewhere. */
  'result.timestamp': DIGITIZE,
  'result.timeliness': DESK,
  'result.handBack': DESK,
  'result.status': [...DESK, ...OVERSIGHT],
  'calendar.holidays': ALL,
  'calendar.setHolidays': ADMIN,
  'batch.markResult': ARCHIVE,
  'batch.splitResult': ARCHIVE,
  'batch.preview': ARCHIVE,
  'batch.registerPreview': ARCHIVE,
  'batch.start': ARCHIVE,
  'record.file': DIGITIZE,
  'record.pendingTimestamps': [...DIGITIZE, ...OVERSIGHT],
  'record.addPendingTimestamps': DIGITIZE,
  // Each key says who sees it and who changes it (src/shared/settings-schema.ts); the engine checks it.
  'settings.list': 'signed-in',
  'settings.get': 'signed-in',
  'settings.set': 'signed-in',
  'backup.status': ADMIN,
  'backup.run': ADMIN,
};

/** Methods a locked session (idle lock) may still call: to see its state, unlock, or sign out. */
export const ALLOWED_WHILE_LOCKED: ReadonlySet<MethodName> = new Set<MethodName>(['auth.state', 'auth.unlock', 'auth.logout']);

export function mayCall(role: Role, method: MethodName): boolean {
  const access = PERMISSIONS[method];
  return access === 'anyone' || access === 'signed-in' || access.includes(role);
}
