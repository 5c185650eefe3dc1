const collator = new Intl.Collator('en', { numeric: true, sensitivity: 'base' });

/** Compares file names as people read them: page2 before page10. */
export function naturalCompare(a: string, b: string): number {
  return collator.compare(a, b) || (a < b ? -1 : a > b ? 1 : 0);
}
