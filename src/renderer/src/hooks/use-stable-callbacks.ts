import { useEffect, useRef, useState } from 'react';

/**
 * The same callbacks under one object that keeps its identity from render to render and always
 * calls the latest ones: a memoized child given it is not drawn again just because its parent was.
 */
export function useStableCallbacks<T extends { [K in keyof T]: (...args: never[]) => unknown }>(callbacks: T): T {
  const latest = useRef(callbacks);
  useEffect(() => {
    latest.current = callbacks;
  });
  const [stable] = useState(
    () =>
      Object.fromEntries(
        Object.keys(callbacks).map((name) => [
          name,
          (...args: never[]) => (latest.current[name as keyof T] as (...a: never[]) => unknown)(...args),
        ]),
      ) as T,
  );
  return stable;
}
