import type { PageText } from '../../../shared/page-text';
import { extractAddresses } from './address-field';
import { extractCccd, extractCmnd } from './cccd-field';
import { extractDates } from './date-field';
import { classifyDocKind } from './doc-kind';
import { extractDocNumber } from './doc-number-field';
import type { PageFields } from './field-types';
import { extractNames } from './name-field';
import { extractPhones } from './phone-field';
import { buildTextIndex } from './text-index';

/** Every field the extractors find on one OCR'd page. Pure: same page, same fields. */
export function extractFields(page: PageText): PageFields {
  const index = buildTextIndex(page);
  const { dates, docDate } = extractDates(index);
  return {
    cccd: extractCccd(index),
    cmnd: extractCmnd(index),
    dates,
    docDate,
    docNumber: extractDocNumber(index),
    names: extractNames(index),
    phones: extractPhones(index),
    addresses: extractAddresses(index),
    docKind: classifyDocKind(page),
  };
}
