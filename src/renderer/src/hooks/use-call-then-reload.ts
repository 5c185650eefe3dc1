import { useEngineAction } from './use-engine-action';

/**
 * A button's engine call followed by what it changes on screen: `call` runs with the button's
 * arguments (a row's id), then `reload` gets its result (reload a query, tell the parent, set a
 * notice). One call at a time; a failed call keeps its error for an `ErrorNotice` and skips `reload`.
 */
export function useCallThenReload<Args extends unknown[], Result>(
  call: (...args: Args) => Promise<Result>,
  reload: (result: Result) => void,
) {
  const action = useEngineAction();
  const trigger = (...args: Args) => void action.run(async () => reload(await call(...args)));
  return { busy: action.busy, error: action.error, trigger };
}
