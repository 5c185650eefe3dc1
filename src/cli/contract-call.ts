import type { Engine } from '../core/engine';
import { dispatch } from '../core/rpc-dispatch';
import type { MethodInput, MethodName, MethodResult } from '../shared/contract';
import { CodedError } from '../shared/errors';

export type ContractCall = <K extends MethodName>(method: K, params: MethodInput<K>) => Promise<MethodResult<K>>;

/**
 * Calls the engine's methods as the app does, through its edge: the contract's validation, the same
 * handlers and coded errors. A refused call is thrown as its coded error, for the command to print.
 */
export function contractCall(engine: Pick<Engine, 'handlers'>): ContractCall {
  let id = 0;
  return async (method, params) => {
    const reply = await dispatch(engine.handlers, { kind: 'call', id: ++id, method, params });
    if (!reply.ok) throw new CodedError(reply.error.code, reply.error.message, reply.error.details);
    return reply.result as MethodResult<typeof method>;
  };
}
