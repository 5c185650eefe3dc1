import type { Command } from './command';

/** A command of the design that this build does not have yet: says so and fails. */
export function notYet(name: string, usage: string, summary: string): Command {
  return {
    name,
    usage,
    summary,
    async run(_argv, io) {
      io.err(`sohoa ${name}: not available in this build yet`);
      return 3;
    },
  };
}
