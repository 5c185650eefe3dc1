// The hub as its own process: `node --import tsx src/hub/main.ts --db … --blobs … [--port N]`.
import { runCli } from '../cli/main';

process.exitCode = await runCli(['hub', ...process.argv.slice(2)], {
  out: (text) => process.stdout.write(`${text}\n`),
  err: (text) => process.stderr.write(`${text}\n`),
  env: process.env,
});
