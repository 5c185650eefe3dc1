import type { EngineHandlers } from '../../shared/contract';
import { deskContext, type DeskContext } from './desk-context';
import { deskDocumentHandlers } from './desk-document-handlers';
import { deskDossierHandlers } from './desk-dossier-handlers';
import { deskPageHandlers } from './desk-page-handlers';
import { dossierFinalizeHandlers } from './dossier-finalize-handlers';
import { pageReplaceHandlers } from './page-replace-handlers';
import { recordVerifyHandlers } from './record-verify-handlers';
import { scannerHandlers } from './scanner-handlers';
import { signerHandlers } from './signer-handlers';
import type { ServiceContext } from './handler-context';

export type DeskMethod =
  | 'dossier.desk'
  | 'dossier.reuseCandidates'
  | 'document.reuse'
  | 'document.remove'
  | 'page.rotate'
  | 'page.delete'
  | 'page.move'
  | 'page.text'
  | 'document.fields'
  | 'document.setField'
  | 'signer.unlock'
  | 'signer.unlockToken'
  | 'signer.status'
  | 'signer.inspect'
  | 'dossier.finalize'
  | 'dossier.reopen'
  | 'page.rescan'
  | 'page.replace'
  | 'record.verify'
  | 'scanner.list'
  | 'scanner.scan'
  | 'scanner.cancel'
  | 'scanner.testScan'
  | 'dossier.receipt';

/** The clerk's desk: one context (signer, work in progress) shared by its handlers for the engine's lifetime (the archive's too: give it). */
export function deskHandlers(service: ServiceContext, ctx: DeskContext = deskContext(service)): Pick<EngineHandlers, DeskMethod> {
  return {
    ...deskDossierHandlers(ctx),
    ...deskDocumentHandlers(ctx),
    ...deskPageHandlers(ctx),
    ...signerHandlers(ctx),
    ...dossierFinalizeHandlers(ctx),
    ...scannerHandlers(ctx),
    ...pageReplaceHandlers(ctx),
    ...recordVerifyHandlers(ctx),
  };
}
