import { contract, type EngineHandlers, type MethodName, type MethodResult } from '../shared/contract';
import { CodedError } from '../shared/errors';
import type { RpcCall, RpcReply } from '../shared/rpc';
import { redactFor } from './auth/personal-data';
import type { Session, Sessions } from './auth/sessions';
import { InputInvalidError } from './validation-error';

export interface DispatchOptions {
  /** The client connection the call came from. Without it the call is in-process and runs as the engine's system principal. */
  from?: { sessions: Sessions; session: Session };
  log?: (e: unknown) => void;
}

/**
 * The engine's edge: checks a call against the contract and the caller's rights, runs the
 * handler as that caller, and turns every outcome into a reply. Nothing thrown inside escapes as a crash.
 */
export async function dispatch(handlers: EngineHandlers, call: RpcCall, options: DispatchOptions = {}): Promise<RpcReply> {
  const id = call.id;
  const { from, log } = options;
  try {
    if (!Object.hasOwn(contract, call.method)) throw new CodedError('method.unknown', `Unknown method ${call.method}`);
    const name = call.method as MethodName;
    from?.sessions.admit(from.session, name);
    const parsed = contract[name].input.safeParse(call.params ?? {});
    if (!parsed.success) throw InputInvalidError.fromZod(parsed.error);
    const handler = handlers[name] as (input: unknown) => unknown;
    if (!from) return { kind: 'reply', id, ok: true, result: await handler(parsed.data) };
    const result = await from.sessions.run(from.session, async () =>
      redactFor(from.sessions.current(), name, (await handler(parsed.data)) as MethodResult<typeof name>),
    );
    return { kind: 'reply', id, ok: true, result };
  } catch (e) {
    if (e instanceof CodedError) return { kind: 'reply', id, ok: false, error: e.toData() };
    log?.(e);
    return { kind: 'reply', id, ok: false, error: { code: 'engine.internal', message: (e as Error)?.message ?? String(e) } };
  }
}

export function isRpcCall(value: unknown): value is RpcCall {
  const v = value as RpcCall;
  return typeof v === 'object' && v !== null && v.kind === 'call' && typeof v.id === 'number' && typeof v.method === 'string';
}
