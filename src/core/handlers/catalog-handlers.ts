import type { EngineHandlers } from '../../shared/contract';
import { parseCatalogCsv } from '../catalog/catalog-import';
import type { ServiceContext } from './handler-context';

/**
 * A procedure catalog imported from its CSV: the good rows stored (by code), the bad ones reported
 * by line; stored and audited in one transaction, with the caller as actor.
 */
export function catalogHandlers(ctx: ServiceContext): Pick<EngineHandlers, 'catalog.import'> {
  return {
    'catalog.import': ({ csv, source }) => {
      const { procedures, problems } = parseCatalogCsv(csv);
      ctx.store.transaction(() => {
        ctx.store.procedures.upsertMany(procedures);
        ctx.audit.append({
          actor: ctx.actor,
          action: 'catalog.import',
          subject: source,
          details: { imported: procedures.length, rejected: problems.length },
        });
      });
      return { imported: procedures.length, problems };
    },
  };
}
