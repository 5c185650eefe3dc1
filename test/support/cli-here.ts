import { runCli } from '../../src/cli/main';

/**
 * Runs the same `sohoa` command line inside the test process (argument parsing, output, exit code
 * and coded errors as `bin/sohoa.mjs` has them), without a process start-up: for tests about what a
 * command does rather than about the process itself (signals, crashes, start-up).
 */
export async function runSohoaHere(args: string[], env: NodeJS.ProcessEnv = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(args, { out: (t) => out.push(`${t}\n`), err: (t) => err.push(`${t}\n`), env: { ...process.env, ...env } });
  return { code, stdout: out.join(''), stderr: err.join('') };
}
