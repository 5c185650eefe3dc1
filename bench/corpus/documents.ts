/**
 * Texts of fictional Vietnamese administrative documents, filled from random pools, in the
 * shape of test/fixtures/vi-admin (see its README): a two-column letter header, a title, a body,
 * and a two-column signature row. Everything here is invented.
 */
import type { Random } from './random';

/** One row of the page: full-width text, or two side-by-side blocks. */
export type Row =
  | {
      kind: 'text';
      text: string;
      align: 'left' | 'centre' | 'justify';
      bold?: boolean;
      italic?: boolean;
      indent?: boolean;
      gapBefore?: number;
    }
  | { kind: 'columns'; left: Line[]; right: Line[]; gapBefore?: number };

export interface Line {
  text: string;
  bold?: boolean;
  italic?: boolean;
}

export interface DocumentText {
  kind: string;
  title: string;
  rows: Row[];
  fields: { cccd: string[]; doc_number: string | null; names: string[] };
}

const FAMILY = [
  'Nguyễn',
  'Trần',
  'Lê',
  'Phạm',
  'Huỳnh',
  'Hoàng',
  'Võ',
  'Đặng',
  'Bùi',
  'Đỗ',
  'Hồ',
  'Ngô',
  'Dương',
  'Lý',
  'Trương',
  'Đinh',
  'Lâm',
  'Phan',
  'Quách',
  'Tạ',
];
const MIDDLE_M = ['Văn', 'Minh', 'Quốc', 'Hữu', 'Thành', 'Đức', 'Trọng', 'Công', 'Quang', 'Xuân'];
const MIDDLE_F = ['Thị', 'Ngọc', 'Thu', 'Thanh', 'Kim', 'Mỹ', 'Bích', 'Phương', 'Thùy', 'Diệu'];
const GIVEN_M = ['Hùng', 'Dũng', 'Tuấn', 'Khoa', 'Phúc', 'Đạt', 'Nghĩa', 'Thắng', 'Lộc', 'Hiếu', 'Quý', 'Trí', 'Tường', 'Khải'];
const GIVEN_F = ['Lan', 'Hương', 'Trang', 'Vy', 'Thảo', 'Ngân', 'Yến', 'Phượng', 'Nhung', 'Hạnh', 'Duyên', 'Oanh', 'Tuyết'];
const STREETS = [
  'Nguyễn Văn Tiết',
  'Hai Bà Trưng',
  'Phạm Ngọc Thạch',
  'Yersin',
  'Cách Mạng Tháng Tám',
  'Lê Hồng Phong',
  'Ngô Quyền',
  'Trần Hưng Đạo',
  'Bạch Đằng',
  'Đại lộ Bình Dương',
  'Huỳnh Văn Lũy',
  'Nguyễn Trãi',
];
/** Wards and communes of Bình Dương as organised before 2025, with their town or district. */
const PLACES: [string, string, string][] = [
  ['phường', 'Chánh Nghĩa', 'thành phố Thủ Dầu Một'],
  ['phường', 'Phú Cường', 'thành phố Thủ Dầu Một'],
  ['phường', 'Hiệp Thành', 'thành phố Thủ Dầu Một'],
  ['phường', 'Lái Thiêu', 'thành phố Thuận An'],
  ['phường', 'An Phú', 'thành phố Thuận An'],
  ['phường', 'Dĩ An', 'thành phố Dĩ An'],
  ['phường', 'Tân Đông Hiệp', 'thành phố Dĩ An'],
  ['phường', 'Mỹ Phước', 'thị xã Bến Cát'],
  ['phường', 'Uyên Hưng', 'thị xã Tân Uyên'],
  ['xã', 'Minh Hòa', 'huyện Dầu Tiếng'],
  ['xã', 'Lai Uyên', 'huyện Bàu Bàng'],
  ['xã', 'Tân Bình', 'huyện Bắc Tân Uyên'],
  ['xã', 'Phước Hòa', 'huyện Phú Giáo'],
];
const PURPOSES = [
  'bổ sung hồ sơ xin việc làm',
  'làm thủ tục vay vốn tại ngân hàng',
  'bổ sung hồ sơ nhập học cho con',
  'làm thủ tục đăng ký kết hôn',
  'hoàn thiện hồ sơ hưởng trợ cấp xã hội',
];

export function personName(r: Random, female = r.bool()): string {
  return `${r.pick(FAMILY)} ${r.pick(female ? MIDDLE_F : MIDDLE_M)} ${r.pick(female ? GIVEN_F : GIVEN_M)}`;
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

function cccd(r: Random, year: number, female: boolean): string {
  const century = year >= 2000 ? 2 : 0;
  return `074${century + (female ? 1 : 0)}${pad(year % 100)}${String(r.int(0, 999_999)).padStart(6, '0')}`;
}

function date(r: Random, from: number, to: number): { d: number; m: number; y: number } {
  return { d: r.int(1, 28), m: r.int(1, 12), y: r.int(from, to) };
}

const slash = (x: { d: number; m: number; y: number }) => `${pad(x.d)}/${pad(x.m)}/${x.y}`;
const words = (x: { d: number; m: number; y: number }) => `ngày ${x.d} tháng ${x.m} năm ${x.y}`;

const MOTTO: Line[] = [
  { text: 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', bold: true },
  { text: 'Độc lập - Tự do - Hạnh phúc', bold: true },
];

function header(r: Random, unit: [string, string, string], number: string | null, signed: { d: number; m: number; y: number }): Row {
  const [level, name, town] = unit;
  const left: Line[] = [
    { text: `ỦY BAN NHÂN DÂN` },
    { text: town.toUpperCase() },
    { text: `${level.toUpperCase()} ${name.toUpperCase()}`, bold: true },
  ];
  if (number) left.push({ text: `Số: ${number}` });
  return { kind: 'columns', left, right: [...MOTTO, { text: `${name}, ${words(signed)}`, italic: true }] };
}

function signatureRow(left: Line[], right: Line[]): Row {
  return { kind: 'columns', left, right, gapBefore: 40 };
}

function confirmation(r: Random): DocumentText {
  const unit = r.pick(PLACES);
  const female = r.bool();
  const person = personName(r, female);
  const born = date(r, 1960, 2003);
  const id = cccd(r, born.y, female);
  const signed = date(r, 2020, 2021);
  const number = `${r.int(10, 450)}/GXN-UBND`;
  const chair = personName(r);
  const title = 'GIẤY XÁC NHẬN';
  const honor = female ? 'bà' : 'ông';
  const Honor = female ? 'Bà' : 'Ông';
  const address = `Số ${r.int(3, 420)}, đường ${r.pick(STREETS)}, khu phố ${r.int(1, 9)}, ${unit[0]} ${unit[1]}, ${unit[2]}, tỉnh Bình Dương`;
  return {
    kind: 'giay_xac_nhan',
    title,
    fields: { cccd: [id], doc_number: number, names: [person, chair] },
    rows: [
      header(r, unit, number, signed),
      { kind: 'text', text: title, align: 'centre', bold: true, gapBefore: 50 },
      { kind: 'text', text: '(V/v xác nhận thời gian cư trú)', align: 'centre', bold: true },
      {
        kind: 'text',
        text: `Căn cứ đơn đề nghị ${words(date(r, signed.y, signed.y))} của ${honor} ${person};`,
        align: 'justify',
        italic: true,
        indent: true,
        gapBefore: 20,
      },
      {
        kind: 'text',
        text: `Ủy ban nhân dân ${unit[0]} ${unit[1]} xác nhận: ${Honor} ${person}, sinh ngày ${slash(born)}, CCCD số ${id}, cấp ngày ${slash(date(r, 2016, 2021))}, hiện cư trú tại ${address}.`,
        align: 'justify',
        indent: true,
      },
      {
        kind: 'text',
        text: `${Honor} ${person} đã cư trú liên tục tại địa chỉ trên từ năm ${r.int(1995, 2015)} đến nay, chấp hành tốt chủ trương, chính sách của Đảng, pháp luật của Nhà nước và quy định của địa phương.`,
        align: 'justify',
        indent: true,
      },
      {
        kind: 'text',
        text: `Giấy xác nhận này được cấp để ${honor} ${person} ${r.pick(PURPOSES)}. Giấy có giá trị trong thời hạn 06 tháng kể từ ngày ký.`,
        align: 'justify',
        indent: true,
      },
      signatureRow(
        [{ text: 'Nơi nhận:', bold: true, italic: true }, { text: '- Như trên;' }, { text: '- Lưu: VP.' }],
        [
          { text: 'TM. ỦY BAN NHÂN DÂN', bold: true },
          { text: 'CHỦ TỊCH', bold: true },
          { text: '' },
          { text: '' },
          { text: chair, bold: true },
        ],
      ),
    ],
  };
}

function application(r: Random): DocumentText {
  const unit = r.pick(PLACES);
  const female = r.bool();
  const person = personName(r, female);
  const born = date(r, 1955, 2002);
  const id = cccd(r, born.y, female);
  const signed = date(r, 2020, 2021);
  const phone = `09${r.int(0, 9)}${r.int(1000000, 9999999)}`;
  const title = 'ĐƠN ĐỀ NGHỊ';
  const amount = r.pick([
    '1.500.000 đồng (Một triệu năm trăm nghìn đồng)',
    '3.000.000 đồng (Ba triệu đồng)',
    '2.250.000 đồng (Hai triệu hai trăm năm mươi nghìn đồng)',
  ]);
  return {
    kind: 'don_de_nghi',
    title,
    fields: { cccd: [id], doc_number: null, names: [person] },
    rows: [
      { kind: 'text', text: MOTTO[0]!.text, align: 'centre', bold: true },
      { kind: 'text', text: MOTTO[1]!.text, align: 'centre', bold: true },
      { kind: 'text', text: title, align: 'centre', bold: true, gapBefore: 60 },
      { kind: 'text', text: '(V/v hỗ trợ người lao động gặp khó khăn do đại dịch COVID-19)', align: 'centre', italic: true },
      { kind: 'text', text: `Kính gửi: Ủy ban nhân dân ${unit[0]} ${unit[1]}, ${unit[2]}.`, align: 'centre', gapBefore: 30 },
      {
        kind: 'text',
        text: `Tôi tên là: ${person.toUpperCase()}, sinh ngày ${slash(born)}, giới tính: ${female ? 'Nữ' : 'Nam'}.`,
        align: 'left',
        gapBefore: 20,
      },
      {
        kind: 'text',
        text: `Số CCCD: ${id}, cấp ngày ${slash(date(r, 2016, 2021))}, nơi cấp: Cục Cảnh sát quản lý hành chính về trật tự xã hội.`,
        align: 'justify',
      },
      {
        kind: 'text',
        text: `Nơi cư trú: Số ${r.int(3, 420)}, đường ${r.pick(STREETS)}, ${unit[0]} ${unit[1]}, ${unit[2]}, tỉnh Bình Dương.`,
        align: 'justify',
      },
      { kind: 'text', text: `Số điện thoại: ${phone.slice(0, 4)} ${phone.slice(4, 7)} ${phone.slice(7)}.`, align: 'left' },
      {
        kind: 'text',
        text: `Tôi làm việc tại Công ty TNHH ${r.pick(['Minh Phát', 'Thuận Thành', 'Phú Hưng', 'Tân Vĩnh Lộc'])} đến ${words(date(r, 2020, 2021))} thì bị tạm hoãn hợp đồng lao động. Nay tôi làm đơn này đề nghị Ủy ban nhân dân xem xét, giải quyết hỗ trợ cho tôi số tiền ${amount} theo quy định.`,
        align: 'justify',
        indent: true,
      },
      {
        kind: 'text',
        text: 'Tôi xin cam đoan những nội dung trên là đúng sự thật, nếu sai tôi xin chịu trách nhiệm trước pháp luật.',
        align: 'justify',
        indent: true,
      },
      signatureRow(
        [{ text: '' }],
        [
          { text: `${unit[1]}, ${words(signed)}`, italic: true },
          { text: 'NGƯỜI LÀM ĐƠN', bold: true },
          { text: '(Ký, ghi rõ họ tên)', italic: true },
          { text: '' },
          { text: person, bold: true },
        ],
      ),
    ],
  };
}

function decision(r: Random): DocumentText {
  const unit = r.pick(PLACES);
  const female = r.bool();
  const person = personName(r, female);
  const signed = date(r, 2020, 2021);
  const number = `${r.int(100, 4999)}/QĐ-UBND`;
  const chair = personName(r);
  const title = 'QUYẾT ĐỊNH';
  const area = `${r.int(80, 900)},${r.int(1, 9)} m²`;
  return {
    kind: 'quyet_dinh',
    title,
    fields: { cccd: [], doc_number: number, names: [person, chair] },
    rows: [
      header(r, unit, number, signed),
      { kind: 'text', text: title, align: 'centre', bold: true, gapBefore: 50 },
      { kind: 'text', text: `Về việc cấp giấy phép xây dựng nhà ở riêng lẻ`, align: 'centre', bold: true },
      {
        kind: 'text',
        text: `CHỦ TỊCH ỦY BAN NHÂN DÂN ${unit[0].toUpperCase()} ${unit[1].toUpperCase()}`,
        align: 'centre',
        bold: true,
        gapBefore: 20,
      },
      {
        kind: 'text',
        text: 'Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;',
        align: 'justify',
        italic: true,
        indent: true,
      },
      {
        kind: 'text',
        text: 'Căn cứ Luật Xây dựng ngày 18 tháng 6 năm 2014 và Luật sửa đổi, bổ sung một số điều của Luật Xây dựng ngày 17 tháng 6 năm 2020;',
        align: 'justify',
        italic: true,
        indent: true,
      },
      {
        kind: 'text',
        text: `Xét đơn đề nghị cấp giấy phép xây dựng ${words(date(r, signed.y, signed.y))} của ${female ? 'bà' : 'ông'} ${person}.`,
        align: 'justify',
        italic: true,
        indent: true,
      },
      { kind: 'text', text: 'QUYẾT ĐỊNH:', align: 'centre', bold: true, gapBefore: 20 },
      {
        kind: 'text',
        text: `Điều 1. Cấp giấy phép xây dựng cho ${female ? 'bà' : 'ông'} ${person} được xây dựng nhà ở riêng lẻ trên thửa đất số ${r.int(10, 999)}, tờ bản đồ số ${r.int(1, 60)}, diện tích xây dựng ${area}, tại ${unit[0]} ${unit[1]}, ${unit[2]}, tỉnh Bình Dương.`,
        align: 'justify',
        indent: true,
      },
      {
        kind: 'text',
        text: 'Điều 2. Quyết định này có hiệu lực kể từ ngày ký. Chủ đầu tư có trách nhiệm thực hiện đúng nội dung giấy phép và các quy định hiện hành.',
        align: 'justify',
        indent: true,
      },
      {
        kind: 'text',
        text: `Điều 3. Văn phòng Ủy ban nhân dân, công chức Địa chính - Xây dựng và ${female ? 'bà' : 'ông'} ${person} chịu trách nhiệm thi hành Quyết định này./.`,
        align: 'justify',
        indent: true,
      },
      signatureRow(
        [{ text: 'Nơi nhận:', bold: true, italic: true }, { text: '- Như Điều 3;' }, { text: '- Lưu: VT, ĐC.' }],
        [{ text: 'CHỦ TỊCH', bold: true }, { text: '' }, { text: '' }, { text: chair, bold: true }],
      ),
    ],
  };
}

function receipt(r: Random): DocumentText {
  const unit = r.pick(PLACES);
  const person = personName(r);
  const clerk = personName(r);
  const signed = date(r, 2020, 2021);
  const code = `000.${pad(r.int(10, 40))}.${pad(r.int(10, 40))}.H12-${pad(signed.y % 100)}${pad(signed.m)}${pad(signed.d)}-${String(r.int(1, 9999)).padStart(4, '0')}`;
  const number = `${r.int(100, 9999)}/BN`;
  const title = 'GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ';
  const due = date(r, signed.y, signed.y);
  return {
    kind: 'giay_bien_nhan',
    title,
    fields: { cccd: [], doc_number: number, names: [person, clerk] },
    rows: [
      header(r, unit, number, signed),
      { kind: 'text', text: title, align: 'centre', bold: true, gapBefore: 50 },
      { kind: 'text', text: `Mã hồ sơ: ${code}`, align: 'centre', bold: true },
      {
        kind: 'text',
        text: `Bộ phận tiếp nhận và trả kết quả ${unit[0]} ${unit[1]} tiếp nhận hồ sơ của: ${person}.`,
        align: 'justify',
        indent: true,
        gapBefore: 20,
      },
      {
        kind: 'text',
        text: `Địa chỉ: Số ${r.int(3, 420)}, đường ${r.pick(STREETS)}, ${unit[0]} ${unit[1]}, ${unit[2]}.`,
        align: 'justify',
        indent: true,
      },
      {
        kind: 'text',
        text: `Nội dung yêu cầu giải quyết: ${r.pick(['Cấp bản sao trích lục khai sinh', 'Đăng ký khai sinh', 'Chứng thực chữ ký', 'Xác nhận tình trạng hôn nhân'])}.`,
        align: 'justify',
        indent: true,
      },
      {
        kind: 'text',
        text: '1. Thành phần hồ sơ nộp gồm: Tờ khai theo mẫu; bản sao giấy tờ tùy thân; giấy tờ chứng minh nơi cư trú.',
        align: 'justify',
        indent: true,
      },
      {
        kind: 'text',
        text: `2. Số lượng hồ sơ: 01 bộ. Thời gian giải quyết hồ sơ theo quy định là ${r.int(2, 15)} ngày làm việc.`,
        align: 'justify',
        indent: true,
      },
      {
        kind: 'text',
        text: `3. Thời gian nhận hồ sơ: ${r.int(7, 16)} giờ ${pad(r.int(0, 59))} phút, ${words(signed)}.`,
        align: 'justify',
        indent: true,
      },
      { kind: 'text', text: `4. Thời gian trả kết quả giải quyết hồ sơ: ${words(due)}.`, align: 'justify', indent: true },
      { kind: 'text', text: 'Vào Sổ theo dõi hồ sơ, Quyển số: 01.', align: 'left', indent: true },
      signatureRow(
        [
          { text: 'NGƯỜI NỘP HỒ SƠ', bold: true },
          { text: '(Ký và ghi rõ họ tên)', italic: true },
          { text: '' },
          { text: person, bold: true },
        ],
        [
          { text: 'NGƯỜI TIẾP NHẬN HỒ SƠ', bold: true },
          { text: '(Ký và ghi rõ họ tên)', italic: true },
          { text: '' },
          { text: clerk, bold: true },
        ],
      ),
    ],
  };
}

function proxy(r: Random): DocumentText {
  const unit = r.pick(PLACES);
  const a = personName(r, false);
  const b = personName(r, true);
  const bornA = date(r, 1955, 2000);
  const bornB = date(r, 1955, 2000);
  const idA = cccd(r, bornA.y, false);
  const idB = cccd(r, bornB.y, true);
  const signed = date(r, 2020, 2021);
  const title = 'GIẤY ỦY QUYỀN';
  return {
    kind: 'giay_uy_quyen',
    title,
    fields: { cccd: [idA, idB], doc_number: null, names: [a, b] },
    rows: [
      { kind: 'text', text: MOTTO[0]!.text, align: 'centre', bold: true },
      { kind: 'text', text: MOTTO[1]!.text, align: 'centre', bold: true },
      { kind: 'text', text: title, align: 'centre', bold: true, gapBefore: 60 },
      { kind: 'text', text: '(Dùng cho cá nhân)', align: 'centre', italic: true },
      {
        kind: 'text',
        text: `Hôm nay, ${words(signed)}, tại Ủy ban nhân dân ${unit[0]} ${unit[1]}, ${unit[2]}, chúng tôi gồm:`,
        align: 'justify',
        indent: true,
        gapBefore: 20,
      },
      { kind: 'text', text: '1. BÊN ỦY QUYỀN (Bên A):', align: 'left', bold: true },
      {
        kind: 'text',
        text: `Họ và tên: ${a}, sinh ngày: ${slash(bornA)}, CCCD số: ${idA}, cấp ngày ${slash(date(r, 2016, 2021))}.`,
        align: 'justify',
      },
      {
        kind: 'text',
        text: `Địa chỉ thường trú: Số ${r.int(3, 420)}, đường ${r.pick(STREETS)}, ${unit[0]} ${unit[1]}, ${unit[2]}, tỉnh Bình Dương.`,
        align: 'justify',
      },
      { kind: 'text', text: '2. BÊN NHẬN ỦY QUYỀN (Bên B):', align: 'left', bold: true },
      {
        kind: 'text',
        text: `Họ và tên: ${b}, sinh ngày: ${slash(bornB)}, CCCD số: ${idB}, cấp ngày ${slash(date(r, 2016, 2021))}.`,
        align: 'justify',
      },
      { kind: 'text', text: '3. NỘI DUNG ỦY QUYỀN:', align: 'left', bold: true },
      {
        kind: 'text',
        text: 'Bên A ủy quyền cho Bên B được thay mặt Bên A liên hệ cơ quan có thẩm quyền để làm thủ tục cấp đổi giấy chứng nhận quyền sử dụng đất và nhận kết quả giải quyết; ký các giấy tờ có liên quan trong phạm vi được ủy quyền.',
        align: 'justify',
        indent: true,
      },
      {
        kind: 'text',
        text: `4. THỜI HẠN ỦY QUYỀN: Kể từ ngày ký đến hết ${words(date(r, signed.y + 1, signed.y + 2))}.`,
        align: 'justify',
        indent: true,
      },
      signatureRow(
        [{ text: 'BÊN ỦY QUYỀN', bold: true }, { text: '(Ký, ghi rõ họ tên)', italic: true }, { text: '' }, { text: a, bold: true }],
        [{ text: 'BÊN NHẬN ỦY QUYỀN', bold: true }, { text: '(Ký, ghi rõ họ tên)', italic: true }, { text: '' }, { text: b, bold: true }],
      ),
    ],
  };
}

export const DOCUMENT_KINDS = [confirmation, application, decision, receipt, proxy];
