import type { EngineHandlers } from '../../shared/contract';
import { TrustAnchorRegistry } from '../record/trust-anchor-registry';
import type { ServiceContext } from './handler-context';

type TrustMethod = 'trust.list' | 'trust.add' | 'trust.remove';

/** The roots signatures must chain to (`signing.trust-anchors`), managed by the administrator in Settings. */
export function trustHandlers(ctx: ServiceContext): Pick<EngineHandlers, TrustMethod> {
  const registry = () => new TrustAnchorRegistry(ctx.store, ctx.audit);
  return {
    'trust.list': () => registry().list(),
    'trust.add': ({ certificateBase64 }) => registry().add(Buffer.from(certificateBase64, 'base64'), ctx.actor),
    'trust.remove': ({ sha256 }) => registry().remove(sha256, ctx.actor),
  };
}
