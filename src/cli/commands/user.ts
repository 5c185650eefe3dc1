import { dataDirOption, jsonOption, parseCommandArgs } from '../args';
import type { CommandRun } from '../command';
import { UsageError } from '../command';
import { openEngine } from '../open-engine';
import type { Engine } from '../../core/engine';
import type { MethodInput } from '../../shared/contract';
import { CodedError } from '../../shared/errors';
import { contractCall } from '../contract-call';

const userOptions = {
  ...dataDirOption,
  ...jsonOption,
  name: { type: 'string' },
  role: { type: 'string' },
  'pass-env': { type: 'string' },
} as const;

function passwordFrom(env: NodeJS.ProcessEnv, variable: string | undefined): string {
  if (!variable) throw new UsageError('--pass-env VAR is required: the password is read from that environment variable');
  const password = env[variable];
  if (password === undefined || password === '') throw new UsageError(`environment variable ${variable} is not set`);
  return password;
}

function userId(engine: Engine, username: string | undefined): number {
  if (!username) throw new UsageError('expected a username');
  const user = engine.accounts.byUsername(username.trim().toLowerCase());
  if (!user) throw new CodedError('user.not-found', `No user ${username}`, { username });
  return user.id;
}

export const userCommand: CommandRun = {
  async run(argv, io) {
    const { values, positionals } = parseCommandArgs(argv, userOptions);
    const [action, username, ...rest] = positionals;
    if (rest.length > 0) throw new UsageError('too many arguments');
    if (action !== 'add' && action !== 'list' && action !== 'disable' && action !== 'reset-password')
      throw new UsageError(`expected 'add', 'list', 'disable' or 'reset-password'`);
    if (action === 'list' && username) throw new UsageError('list takes no username');
    const password = action === 'add' || action === 'reset-password' ? passwordFrom(io.env, values['pass-env']) : '';
    const engine = openEngine(values['data-dir'], io.env);
    try {
      if (action === 'list') {
        const users = await contractCall(engine)('user.list', {});
        if (values.json) io.out(JSON.stringify(users));
        else for (const u of users) io.out(`${u.username}\t${u.role}\t${u.displayName}${u.disabled ? '\tdisabled' : ''}`);
        return 0;
      }
      if (action === 'add') {
        if (!username) throw new UsageError('expected a username');
        const user = await contractCall(engine)('user.create', {
          username,
          displayName: values.name ?? '',
          role: (values.role ?? '') as MethodInput<'user.create'>['role'],
          password,
        });
        io.out(values.json ? JSON.stringify(user) : `user ${user.username} added (${user.role})`);
        return 0;
      }
      const id = userId(engine, username);
      const user =
        action === 'disable'
          ? await contractCall(engine)('user.disable', { id, disabled: true })
          : await contractCall(engine)('user.resetPassword', { id, password });
      io.out(values.json ? JSON.stringify(user) : `user ${user.username} ${action === 'disable' ? 'disabled' : 'has a new password'}`);
      return 0;
    } finally {
      await engine.close();
    }
  },
};
