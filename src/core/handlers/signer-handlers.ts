import type { EngineHandlers } from '../../shared/contract';
import type { DeskContext } from './desk-context';
import { readablePathsOf } from './handler-context';

type Handlers = Pick<EngineHandlers, 'signer.unlock' | 'signer.unlockToken' | 'signer.status'>;

/** The signer: a certificate (a .p12 file or a PKCS#11 token) unlocked once per session, audited. */
export function signerHandlers(ctx: DeskContext): Handlers {
  const { audit } = ctx;
  return {
    'signer.unlock': async ({ p12Path, password }) => {
      readablePathsOf(ctx).check(p12Path, 'pkcs12');
      const status = await ctx.signer.unlockP12(p12Path, password);
      audit.append({ actor: ctx.actor, action: 'signer.unlock', subject: status.subject ?? undefined, details: { kind: 'pkcs12' } });
      return status;
    },

    'signer.unlockToken': async ({ modulePath, tokenLabel, pin }) => {
      readablePathsOf(ctx).check(modulePath, 'pkcs11-module');
      const status = await ctx.signer.unlockToken({ modulePath, tokenLabel, pin });
      audit.append({
        actor: ctx.actor,
        action: 'signer.unlock',
        subject: status.subject ?? undefined,
        details: { kind: 'pkcs11', tokenLabel },
      });
      return status;
    },

    'signer.status': () => ctx.signer.status(),
  };
}
