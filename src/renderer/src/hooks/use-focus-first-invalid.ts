import { useEffect, type RefObject } from 'react';

/** After a refusal, puts the keyboard on the first field marked invalid. */
export function useFocusFirstInvalid(container: RefObject<HTMLElement | null>, trigger: unknown): void {
  useEffect(() => {
    if (trigger) container.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [container, trigger]);
}
