import type { ExtractedField } from './field-types';
import { makeField } from './make-field';
import type { TextIndex } from './text-index';

/** Address labels, on folded text: `Địa chỉ:`, `Địa chỉ thường trú:`, `Nơi cư trú:`, `Địa điểm kinh doanh:`, `Trụ sở chính:`. */
const ADDRESS_LABEL =
  /(?:(?:dia chi[^:\n]{0,25}|noi cu tru|noi thuong tru|noi o hien (?:nay|tai)|cho o hien nay|dia diem kinh doanh|tru so[^:\n]{0,15})\s*:|(?:cu tru|thuong tru|dia chi|tru so) tai(?= so\s))[ \t]*/g;
/** The next label on the line (`Điện thoại:`, `Email:`) ends the address. */
const NEXT_LABEL =
  /[\s,;]+(?:Điện thoại|Số điện thoại|SĐT|ĐT|Email|E-mail|Fax|Website|Mã số[\p{L} ]*|Giới tính|Quốc tịch|Dân tộc|Nghề nghiệp)\s*:/u;
/** An address ends with its province (or a centrally-run city). */
const PROVINCE =
  /(?:tỉnh|Tỉnh|thành phố Hồ Chí Minh|thành phố Hà Nội|thành phố Đà Nẵng|thành phố Hải Phòng|thành phố Cần Thơ)(?: \p{Lu}\p{L}*){0,3}/u;
/** A line that carries on an address: starts lower case, or with an administrative unit. */
const CONTINUATION = /^(?:\p{Ll}|(?:Tỉnh|Thành phố|Huyện|Quận|Thị xã|Phường|Xã)\s|(?:\p{Lu}\p{L}*\s){0,2}\p{Lu}\p{L}*,)/u;
/** A line that stops inside an address: after a comma, or on a unit whose name is on the next line. */
const OPEN_END = /(?:,|(?:thành phố|huyện|thị xã|phường|xã|tỉnh|quận|khu phố|ấp|đường|Số))\s*$/u;

/** Addresses after an address label, up to the next label, across at most two wrapped lines. */
export function extractAddresses(index: TextIndex): ExtractedField[] {
  const found: ExtractedField[] = [];
  for (const m of index.folded.matchAll(ADDRESS_LABEL)) {
    const start = m.index + m[0].length;
    let end = index.text.indexOf('\n', start);
    if (end < 0) end = index.text.length;
    for (let extra = 0; extra < 2; extra++) {
      const line = index.text.slice(start, end);
      if (NEXT_LABEL.test(line) || end >= index.text.length) break;
      const nextEnd = index.text.indexOf('\n', end + 1);
      const next = index.text.slice(end + 1, nextEnd < 0 ? undefined : nextEnd);
      if (!(OPEN_END.test(line) || CONTINUATION.test(next)) || /:/.test(next.split(/\s+/).slice(0, 4).join(' '))) break;
      end = nextEnd < 0 ? index.text.length : nextEnd;
    }
    let value = index.text.slice(start, end);
    const cut = NEXT_LABEL.exec(value) ?? /[;.](?=\s|$)|, có /u.exec(value);
    if (cut) value = value.slice(0, cut.index);
    const province = PROVINCE.exec(value);
    if (province) value = value.slice(0, province.index + province[0].length);
    value = value
      .replace(/\s+/g, ' ')
      .replace(/[\s,;.]+$/, '')
      .trim();
    if (value.length < 5) continue;
    const field = makeField(index, 'address', value, start, start + value.length, 0.9);
    if (field && !found.some((f) => f.value === value)) found.push(field);
  }
  return found;
}
