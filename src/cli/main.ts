import type { CliIo, Command } from './command';
import { CodedUsageError, UsageError } from './command';
import { commands } from './commands/index';
import { exitStatusOf } from '../shared/error-codes';
import { CodedError } from '../shared/errors';

export function helpText(list: Command[] = commands): string {
  return [
    'SoHoa — số hóa hồ sơ một cửa / digitization workstation',
    '',
    'Usage: sohoa <command> [options]',
    '',
    ...list.flatMap((c) => [`  ${c.usage}`, `      ${c.summary}`]),
    '',
    'Options common to the engine commands: --data-dir D (or SOHOA_DATA_DIR), --key-file K (or SOHOA_KEY_FILE; default ~/.config/sohoa/keys/<id>.key, made at the first start, mode 0600).',
    'Exit code 0 on success; otherwise a one-line reason on stderr.',
  ].join('\n');
}

export async function runCli(argv: string[], io: CliIo): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    io.out(helpText());
    return name ? 0 : 2;
  }
  const command = commands.find((c) => c.name === name);
  if (!command) {
    io.err(`sohoa: unknown command '${name}' (see sohoa --help)`);
    return 2;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    io.out(
      [
        `Usage: sohoa ${command.usage}`,
        command.summary,
        ...(command.options?.length ? ['', 'Options:', ...command.options.map((o) => `  ${o}`)] : []),
      ].join('\n'),
    );
    return 0;
  }
  try {
    return await command.run(rest, io);
  } catch (e) {
    if (e instanceof CodedUsageError) {
      io.err(`sohoa ${name}: ${e.message} [${e.code}]`);
      return 2;
    }
    if (e instanceof UsageError) {
      io.err(`sohoa ${name}: ${e.message} (usage: sohoa ${command.usage})`);
      return 2;
    }
    if (e instanceof CodedError) {
      io.err(`sohoa ${name}: ${e.message} [${e.code}]`);
      return exitStatusOf(e.code);
    }
    io.err(`sohoa ${name}: ${(e as Error).message ?? String(e)}`);
    return 1;
  }
}
