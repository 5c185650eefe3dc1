import type { Engine } from '../../src/core/engine';
import { dispatch } from '../../src/core/rpc-dispatch';
import type { MethodInput, MethodName, MethodResult } from '../../src/shared/contract';
import { CodedError } from '../../src/shared/errors';
import type { Role } from '../../src/shared/roles';

/** A client connection to the engine, as a window or WebSocket has: its own session, calls through the real edge. */
export function connect(engine: Engine) {
  const from = { sessions: engine.sessions, session: engine.sessions.open() };
  let nextId = 1;
  async function call<K extends MethodName>(method: K, params: MethodInput<K>): Promise<MethodResult<K>> {
    const reply = await dispatch(engine.handlers, { kind: 'call', id: nextId++, method, params }, { from });
    if (!reply.ok) throw new CodedError(reply.error.code, reply.error.message, reply.error.details);
    return reply.result as MethodResult<K>;
  }
  /** A call with parameters no schema accepts: it can only be refused at the gate or by validation, never run. */
  async function probe(method: MethodName): Promise<string> {
    const reply = await dispatch(engine.handlers, { kind: 'call', id: nextId++, method, params: 'not an object' }, { from });
    return reply.ok ? 'ran' : reply.error.code;
  }
  return { call, probe, session: from.session };
}
export type Connection = ReturnType<typeof connect>;

export const PASSWORD = 'mật-khẩu-đủ-dài';

/** Creates a user of each role (as the system principal, like the CLI) and returns a signed-in connection per role. */
export async function signedInPerRole(engine: Engine, roles: readonly Role[]): Promise<Record<Role, Connection>> {
  const out = {} as Record<Role, Connection>;
  for (const role of roles) {
    const username = `${role}1`;
    if (!engine.accounts.byUsername(username))
      await engine.handlers['user.create']({ username, displayName: `Người dùng ${role}`, role, password: PASSWORD });
    const c = connect(engine);
    await c.call('auth.login', { username, password: PASSWORD });
    out[role] = c;
  }
  return out;
}
