import type { Locator } from 'playwright-core';

/** The text of the elements a control names in aria-describedby, as a screen reader would read it. */
export function describedText(control: Locator): Promise<string> {
  return control.evaluate((el) =>
    (el.getAttribute('aria-describedby') ?? '')
      .split(/\s+/)
      .filter(Boolean)
      .map((id) => document.getElementById(id)?.textContent ?? '')
      .join(' '),
  );
}
