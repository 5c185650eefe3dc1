import type { FinalizeProgress } from '../../shared/types';
import { SignerSession } from '../desk/signer-session';
import { DeskRepository } from '../store/desk-repository';
import type { ServiceContext } from './handler-context';

/** What the desk's handlers share for the engine's lifetime: the signers each sign-in unlocked, work in progress. */
export interface DeskContext extends ServiceContext {
  desk: DeskRepository;
  signer: SignerSession;
  finalizing: Map<number, FinalizeProgress>;
  scans: Map<number, AbortController>;
}

export function deskContext(ctx: ServiceContext): DeskContext {
  // Extends ctx rather than copying it, so the per-call `actor` getter keeps working.
  const signer = new SignerSession(() => ctx.sessions.signInKey());
  ctx.sessions.onSignInClosed((key) => void signer.close(key));
  const own = {
    desk: ctx.store.desk,
    signer,
    finalizing: new Map<number, FinalizeProgress>(),
    scans: new Map<number, AbortController>(),
  };
  return Object.assign(Object.create(ctx) as ServiceContext, own);
}
