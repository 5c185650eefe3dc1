import { ERROR_CODES, type ErrorCode } from '../shared/error-codes';

/** One `sohoa` sub-command. Each lives in its own file under commands/. */
export interface CliIo {
  out: (text: string) => void;
  err: (text: string) => void;
  env: NodeJS.ProcessEnv;
}

export interface Command {
  name: string;
  usage: string;
  summary: string;
  /** Every option, one per line, printed by `sohoa <command> --help` under the usage. */
  options?: string[];
  /** Returns the exit code. Throw a UsageError for bad arguments. */
  run(argv: string[], io: CliIo): Promise<number>;
}

/** A command's code, loaded when it runs (its name, usage and summary are in commands/index.ts). */
export type CommandRun = Pick<Command, 'run'>;

/** Bad arguments: the CLI prints the one-line reason and exits 2. */
export class UsageError extends Error {}

/**
 * A bad argument with a code of the error registry: the CLI prints its Vietnamese and English
 * messages on one line, with the code instead of the usage, and exits 2.
 */
export class CodedUsageError extends UsageError {
  constructor(
    readonly code: ErrorCode,
    readonly params: Record<string, string>,
  ) {
    const fill = (text: string) => text.replace(/\{(\w+)\}/g, (whole, name: string) => params[name] ?? whole);
    super(`${fill(ERROR_CODES[code].vi)} / ${fill(ERROR_CODES[code].en)}`);
  }
}
