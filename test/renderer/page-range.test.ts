import { describe, expect, it } from 'vitest';
import { pagesInRange } from '../../src/renderer/src/components/archive/page-range';

describe('a page range typed at the QC station', () => {
  it('names the pages of ranges and single pages, in order and once', () => {
    expect(pagesInRange('4-6', 6)).toEqual([4, 5, 6]);
    expect(pagesInRange(' 5 – 6 , 2; 5', 6)).toEqual([2, 5, 6]);
    expect(pagesInRange('3', 3)).toEqual([3]);
  });
  it('is refused when empty, backwards, past the last page, zero or not numbers', () => {
    for (const bad of ['', ' , ', '6-4', '2-7', '0', 'hai', '2-', '1.5']) expect(pagesInRange(bad, 6)).toBeNull();
  });
});
