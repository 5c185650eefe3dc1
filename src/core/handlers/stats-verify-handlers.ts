import type { EngineHandlers } from '../../shared/contract';
import { repairSummaries } from '../stats/summary-repair';
import { describeDifference } from '../store/summary-check';
import type { ServiceContext } from './handler-context';

/** The dashboard's summaries recounted from the base tables (`sohoa status --verify`); with `rebuild`, repaired and audited. */
export function statsVerifyHandlers(ctx: ServiceContext): Pick<EngineHandlers, 'stats.verifySummaries'> {
  return {
    'stats.verifySummaries': ({ rebuild }) => {
      const { differences, rebuilt } = rebuild
        ? repairSummaries(ctx.store, ctx.audit, ctx.actor)
        : { differences: ctx.store.summaries.differences(), rebuilt: false };
      return { differences: differences.map((d) => ({ ...d, description: describeDifference(d) })), rebuilt };
    },
  };
}
