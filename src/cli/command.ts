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
