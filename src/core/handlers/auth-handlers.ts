import type { EngineHandlers } from '../../shared/contract';
import { AUTH_POLICY_KEYS, readAuthPolicy } from '../auth/auth-policy';
import type { ServiceContext } from './handler-context';

type AuthMethod =
  | 'auth.state'
  | 'auth.setupAdmin'
  | 'auth.login'
  | 'auth.resume'
  | 'auth.logout'
  | 'auth.lock'
  | 'auth.unlock'
  | 'auth.policy'
  | 'auth.setPolicy';

/** Sign-in, idle lock and the sign-in policy. The connection's session comes from the call in progress. */
export function authHandlers(ctx: ServiceContext): Pick<EngineHandlers, AuthMethod> {
  const { sessions, store } = ctx;
  return {
    'auth.state': () => sessions.state(),
    'auth.setupAdmin': (input) => sessions.setupAdmin(input),
    'auth.login': ({ username, password }) => sessions.login(username, password),
    'auth.resume': ({ token }) => sessions.resume(token),
    'auth.logout': () => sessions.logout(),
    'auth.lock': () => sessions.lock(),
    'auth.unlock': ({ password }) => sessions.unlock(password),
    'auth.policy': () => readAuthPolicy(store.settings),
    'auth.setPolicy': (change) => {
      const changes = Object.entries(change).flatMap(([field, value]) =>
        value === undefined ? [] : [{ key: AUTH_POLICY_KEYS[field as keyof typeof AUTH_POLICY_KEYS], value }],
      );
      ctx.settings.set(changes, ctx.caller(), ctx.actor);
      return readAuthPolicy(store.settings);
    },
  };
}
