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
  /** Returns the exit code. Throw a UsageError for bad arguments. */
  run(argv: string[], io: CliIo): Promise<number>;
}

/** Bad arguments: the CLI prints the one-line reason and exits 2. */
export class UsageError extends Error {}
