import type { EngineHandlers } from '../../shared/contract';
import { previewBatchSetup } from '../archive/batch-setup-preview';
import { startBatch } from '../archive/batch-start';
import { readRegisterPreview } from '../archive/register-preview-read';
import { AgencyMissingError } from '../settings/settings-errors';
import { readablePathsOf, type ServiceContext } from './handler-context';

export type BatchStartMethod = 'batch.preview' | 'batch.registerPreview' | 'batch.start';

/** The archive team's new-batch dialog: what a folder and register would give, then the batch started in this engine. */
export function batchStartHandlers(ctx: ServiceContext): Pick<EngineHandlers, BatchStartMethod> {
  const archive = ctx.store.archive;
  const takingIn = new Set<number>();
  const checkPaths = (folder: string, registerPath: string | undefined) => {
    readablePathsOf(ctx).check(folder, 'page-source');
    if (registerPath) readablePathsOf(ctx).check(registerPath, 'register');
  };
  const host = {
    store: ctx.store,
    audit: ctx.audit,
    events: ctx.events,
    workstation: ctx.workstation,
    requireAgency: () => {
      const agency = ctx.agency();
      if (!agency) throw new AgencyMissingError();
      return agency;
    },
  };
  return {
    'batch.preview': async (setup) => {
      checkPaths(setup.folder, setup.registerPath);
      return previewBatchSetup(archive, setup);
    },
    'batch.registerPreview': async (request) => {
      checkPaths(request.folder, request.registerPath);
      return readRegisterPreview(archive, request);
    },
    'batch.start': async (setup) => {
      checkPaths(setup.folder, setup.registerPath);
      // Read during the call: the actor belongs to it (see ServiceContext).
      const actor = ctx.actor;
      host.requireAgency();
      return startBatch(host, setup, actor, takingIn);
    },
  };
}
