import type { EngineBridge } from '../../../shared/bridge';
import type { EngineApi } from '../../../shared/contract';
import { CodedError } from '../../../shared/errors';
import { METHOD_NAMES } from '../../../shared/methods';

/** Codes that mean the sign-in is gone or locked: the gate must look again, whatever page made the call. */
const SESSION_CODES = new Set(['auth.required', 'auth.locked']);

/** The same bridge, telling `onSessionLost` when a call is refused because the session ended or locked. */
export function guardBridge(bridge: EngineBridge, onSessionLost: () => void): EngineBridge {
  const api = Object.fromEntries(
    METHOD_NAMES.map((name) => [
      name,
      (input: unknown) =>
        (bridge.api[name] as (i: unknown) => Promise<unknown>)(input).catch((e: unknown) => {
          if (e instanceof CodedError && SESSION_CODES.has(e.code)) onSessionLost();
          throw e;
        }),
    ]),
  ) as unknown as EngineApi;
  return { api, on: bridge.on };
}
