import type { PageText } from '../../shared/page-text';
import { LOW_CONFIDENCE } from '../archive/qc-queue';

/**
 * Flags the reading adds to a page. A page the clean-up turned a quarter turn and then read poorly may
 * have been turned the wrong way (the turn is guessed from the text's shape): the clerk checks it.
 */
export function readFlags(page: { rotation: number; blank: boolean }, text: PageText): string[] {
  if (text.unreadable) return ['unreadable'];
  const sideways = page.rotation % 180 === 90;
  return !page.blank && sideways && text.confidence < LOW_CONFIDENCE ? ['sideways-low-confidence'] : [];
}
