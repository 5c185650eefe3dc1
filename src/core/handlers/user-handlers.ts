import type { EngineHandlers } from '../../shared/contract';
import type { ServiceContext } from './handler-context';

type UserMethod = 'user.list' | 'user.create' | 'user.setRole' | 'user.disable' | 'user.resetPassword';

/** The administrator's management of users; each change is audited by `Accounts`. */
export function userHandlers(ctx: ServiceContext): Pick<EngineHandlers, UserMethod> {
  const { accounts } = ctx;
  return {
    'user.list': () => accounts.list(),
    'user.create': (input) => accounts.create(input, ctx.actor),
    'user.setRole': ({ id, role }) => accounts.setRole(id, role, ctx.actor),
    'user.disable': ({ id, disabled }) => accounts.setDisabled(id, disabled, ctx.actor),
    'user.resetPassword': ({ id, password }) => accounts.resetPassword(id, password, ctx.actor),
  };
}
