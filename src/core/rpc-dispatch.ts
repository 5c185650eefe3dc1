import { contract, type EngineHandlers, type MethodName } from '../shared/contract';
import { CodedError } from '../shared/errors';
import type { RpcCall, RpcReply } from '../shared/rpc';
import { InputInvalidError } from './validation-error';

/**
 * The engine's edge: checks a call against the contract, runs the handler, and turns every
 * outcome into a reply. Nothing thrown inside escapes as a crash.
 */
export async function dispatch(handlers: EngineHandlers, call: RpcCall, log?: (e: unknown) => void): Promise<RpcReply> {
  const id = call.id;
  try {
    if (!Object.hasOwn(contract, call.method)) throw new CodedError('method.unknown', `Unknown method ${call.method}`);
    const name = call.method as MethodName;
    const parsed = contract[name].input.safeParse(call.params ?? {});
    if (!parsed.success) throw InputInvalidError.fromZod(parsed.error);
    const handler = handlers[name] as (input: unknown) => unknown;
    return { kind: 'reply', id, ok: true, result: await handler(parsed.data) };
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
