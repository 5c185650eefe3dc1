import type { EngineHandlers } from '../../shared/contract';
import { PROBLEM } from '../../shared/contract';
import { InputInvalidError } from '../validation-error';
import type { ServiceContext } from './handler-context';

type UserMethod = 'user.list' | 'user.create' | 'user.setRole' | 'user.disable' | 'user.resetPassword';

/** The administrator's management of users; each change is audited by `Accounts`. */
export function userHandlers(ctx: ServiceContext): Pick<EngineHandlers, UserMethod> {
  const { accounts } = ctx;
  /** The contract asks 8 characters of every password; the `auth.password-min-length` setting may ask more. */
  const checkPolicy = (password: string) => {
    if (password.length < ctx.settings.number('auth.password-min-length'))
      throw new InputInvalidError([{ field: 'password', problem: PROBLEM.passwordPolicy }]);
  };
  return {
    'user.list': () => accounts.list(),
    'user.create': (input) => {
      checkPolicy(input.password);
      return accounts.create(input, ctx.actor);
    },
    'user.setRole': ({ id, role }) => accounts.setRole(id, role, ctx.actor),
    'user.disable': ({ id, disabled }) => accounts.setDisabled(id, disabled, ctx.actor),
    'user.resetPassword': ({ id, password }) => {
      checkPolicy(password);
      return accounts.resetPassword(id, password, ctx.actor);
    },
  };
}
