// The hub as its own process: `node --import tsx src/hub/main.ts --db … --blobs … [--port N]`.
import { exitStatusOf } from '../shared/error-codes';
import { CodedError } from '../shared/errors';
import { runHub } from './hub-command';
import { HUB_USAGE, HubUsageError } from './hub-usage';

const io = { out: (text: string) => process.stdout.write(`${text}\n`), err: (text: string) => process.stderr.write(`${text}\n`) };

try {
  process.exitCode = await runHub(process.argv.slice(2), io);
} catch (e) {
  if (e instanceof HubUsageError) {
    io.err(`sohoa hub: ${e.message} (usage: sohoa ${HUB_USAGE})`);
    process.exitCode = 2;
  } else if (e instanceof CodedError) {
    io.err(`sohoa hub: ${e.message} [${e.code}]`);
    process.exitCode = exitStatusOf(e.code);
  } else {
    io.err(`sohoa hub: ${(e as Error).message ?? String(e)}`);
    process.exitCode = 1;
  }
}
