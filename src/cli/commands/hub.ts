import { HubUsageError } from '../../hub/hub-usage';
import { runHub } from '../../hub/hub-command';
import { UsageError, type CommandRun } from '../command';

/** `sohoa hub`: the hub's own command line (src/hub/hub-command.ts), its bad arguments reported as the CLI's. */
export const hubCommand: CommandRun = {
  async run(argv, io) {
    try {
      return await runHub(argv, io);
    } catch (e) {
      if (e instanceof HubUsageError) throw new UsageError(e.message);
      throw e;
    }
  },
};
