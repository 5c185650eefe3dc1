/**
 * One workstation of the sync bench in its own process: opens its data dir, says "ready", waits for
 * "go" on stdin, sends its outbox and prints the summary as one JSON line.
 */
import { parseArgs } from 'node:util';
import { Engine } from '../../src/core/engine';
import { WorkstationSync } from '../../src/core/sync/workstation-sync';

const { values } = parseArgs({ options: { 'data-dir': { type: 'string' }, concurrency: { type: 'string', default: '4' } } });
const engine = Engine.open({ dataDir: values['data-dir']! });
const sync = new WorkstationSync(engine);
process.stdout.write('ready\n');
await new Promise<void>((resolve) => process.stdin.once('data', () => resolve()));
const summary = await sync.send({ concurrency: Number(values.concurrency) });
engine.close();
process.stdout.write(`${JSON.stringify({ acknowledged: summary.acknowledged, ms: summary.ms })}\n`);
process.stdin.destroy();
