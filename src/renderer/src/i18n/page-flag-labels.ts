import type { MessageKey } from './vi';

/** The clean-up's quality flags on a page, as message keys. */
export const PAGE_FLAG_LABELS: Record<string, MessageKey> = {
  'low-dpi': 'page.flag.low-dpi',
  'too-dark': 'page.flag.too-dark',
  'too-light': 'page.flag.too-light',
  blurred: 'page.flag.blurred',
  'cut-off': 'page.flag.cut-off',
  'near-duplicate': 'page.flag.near-duplicate',
  'sideways-low-confidence': 'page.flag.sideways-low-confidence',
};
