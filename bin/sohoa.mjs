#!/usr/bin/env node
// The `sohoa` command: runs the CLI built by `npm run build` (out/main/cli.js) when it is current, else the
// TypeScript sources through tsx (same engine as the app, in plain Node). SOHOA_CLI_TRACE=1 says which ran.
import process from 'node:process';
import { fileURLToPath, pathToFileURL, URL } from 'node:url';
import { freshBuiltCli } from './cli-freshness.mjs';

const built = freshBuiltCli(fileURLToPath(new URL('..', import.meta.url)));
if (process.env.SOHOA_CLI_TRACE === '1') process.stderr.write(`sohoa: ${built ? 'built' : 'tsx'}\n`);
if (built) {
  await import(pathToFileURL(built).href);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import('../src/cli/index.ts');
}
