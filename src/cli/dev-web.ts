/**
 * `npm run dev:web`: the engine and the built renderer for a normal browser, over the WebSocket
 * transport on 127.0.0.1 with a per-run secret. The engine runs as in the app (see openAppEngine):
 * pipeline, sync and backup schedules.
 */
import { fileURLToPath } from 'node:url';
import { resolveDataDir } from '../core/data-dir';
import { openAppEngine } from '../core/app-engine';
import type { Engine } from '../core/engine';
import { createPipelineStages } from '../core/jobs/real-stages';
import { CodedError } from '../shared/errors';
import { startWsServer } from '../core/transport/ws-server';

const dataDir = resolveDataDir(process.argv.includes('--data-dir') ? process.argv[process.argv.indexOf('--data-dir') + 1] : undefined);
const stages = createPipelineStages({ dataDir });
const engine = openOrSay();
const server = await startWsServer({
  engine,
  staticDir: fileURLToPath(new URL('../../out/renderer', import.meta.url)),
  port: Number(process.env.SOHOA_PORT ?? 0) || undefined,
});
process.stdout.write(`SoHoa (web) — data: ${dataDir}\nOpen: ${server.appUrl}\n`);
// As the app does once started: the dashboard's summaries checked against a recount in slices, rebuilt and audited on a difference.
void engine
  .checkSummariesInBackground()
  .then((summaries) => {
    if (summaries.rebuilt)
      process.stdout.write(`Summaries rebuilt: ${summaries.differences.length} differences from a recount (recorded in the audit log)\n`);
  })
  .catch((error: unknown) => process.stderr.write(`summary check failed: ${(error as Error).message}\n`));
const stop = async () => {
  await server.close();
  await engine.close();
  await stages.close();
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);

/** A store that cannot be opened (key missing, native module for another runtime…) is one line, not a stack. */
function openOrSay(): Engine {
  try {
    return openAppEngine({ dataDir, actor: 'dev-web', stages });
  } catch (e) {
    if (!(e instanceof CodedError)) throw e;
    process.stderr.write(`SoHoa: ${e.code}: ${e.message}\n`);
    process.exit(1);
  }
}
