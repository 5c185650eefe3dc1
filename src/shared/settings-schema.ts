/**
 * Every setting of the workstation, declared once: its type and allowed values, its default, who
 * may change it, who sees it, and its label and help line in Vietnamese and English. The engine,
 * the Settings page and `sohoa config` all go through this table; a key not in it is refused.
 */
import { z } from 'zod';
import type { Role } from './roles';
import { ScanProfiles } from './scan-profile';

export const SETTING_SECTIONS = ['agency', 'scanners', 'ocr', 'signing', 'sync', 'security', 'desk', 'storage'] as const;
export type SettingSection = (typeof SETTING_SECTIONS)[number];

/** How a value is kept in the store's `setting` table (text) and typed on the command line. */
export type SettingKind = 'text' | 'integer' | 'number' | 'enum' | 'list' | 'json';

interface Bilingual {
  vi: string;
  en: string;
}

export interface SettingDefinition {
  key: string;
  section: SettingSection;
  kind: SettingKind;
  /** Checks a typed value; its issue messages are the problem codes of SETTING_PROBLEM. */
  schema: z.ZodType;
  /** The value when nothing is stored; null: not set (the agency before first-run set-up). */
  default: unknown;
  /** The allowed values in words, for the command line's one-line refusal. */
  allowed: string;
  /** Who may change it. */
  editableBy: readonly Role[];
  /** Who sees it (read-only unless also in editableBy). */
  visibleTo: readonly Role[];
  label: Bilingual;
  help: Bilingual;
  /** For a choice: each value in words, shown in the Settings page's list. */
  choices?: Readonly<Record<string, Bilingual>>;
}

/** Problem codes of a refused value; the renderer maps them to Vietnamese or English text. */
export const SETTING_PROBLEM = {
  required: 'required',
  tooLong: 'too-long',
  agencyCode: 'setting.agency-code',
  integer: 'setting.integer',
  range: 'setting.range',
  choice: 'setting.choice',
  url: 'setting.url',
  window: 'setting.window',
  pattern: 'setting.code-pattern',
  json: 'setting.json',
  path: 'setting.path',
  absolutePath: 'setting.absolute-path',
  // A scanner profile's (src/shared/scan-profile.ts).
  duplexNeedsFeeder: 'setting.duplex-needs-feeder',
  duplicateName: 'setting.duplicate-name',
  oneDefault: 'setting.one-default',
} as const;

const ALL: readonly Role[] = ['clerk', 'archivist', 'supervisor', 'administrator'];
const ADMIN: readonly Role[] = ['administrator'];
const DIGITIZE: readonly Role[] = ['clerk', 'archivist', 'administrator'];

/**
 * The agency's electronic identifier code (mã định danh điện tử, QCVN 102:2016/BTTTT): four levels
 * joined by dots, `LLL.LL.LL.XNN`, e.g. 000.00.00.H12 or 000.31.25.H12.
 */
export const AGENCY_CODE_PATTERN = /^\d{3}\.\d{2}\.\d{2}\.[A-Z]\d{2}$/;

const text = (max: number) => z.string().trim().min(1, SETTING_PROBLEM.required).max(max, SETTING_PROBLEM.tooLong);
const optionalText = (max: number) => z.string().trim().max(max, SETTING_PROBLEM.tooLong);
const integer = (min: number, max: number) =>
  z.number().int(SETTING_PROBLEM.integer).min(min, SETTING_PROBLEM.range).max(max, SETTING_PROBLEM.range);
const choice = <T extends readonly [string, ...string[]]>(values: T) => z.enum(values, SETTING_PROBLEM.choice);
const httpUrl = z
  .string()
  .trim()
  .max(2000, SETTING_PROBLEM.tooLong)
  .refine((v) => v === '' || /^https?:\/\/[^\s/]+/.test(v), SETTING_PROBLEM.url);
const syncWindow = z
  .string()
  .trim()
  .refine((v) => {
    if (v === '') return true;
    const m = /^(\d{1,2}):(\d{2})\s*-\s*(\d{1,2}):(\d{2})$/.exec(v);
    return (
      !!m && Number(m[1]) < 24 && Number(m[3]) < 24 && Number(m[2]) < 60 && Number(m[4]) < 60 && `${m[1]}:${m[2]}` !== `${m[3]}:${m[4]}`
    );
  }, SETTING_PROBLEM.window);
const codePattern = text(200).refine((v) => /\{seq[1-9]\}/.test(v), SETTING_PROBLEM.pattern);
const jsonObject = z.record(z.string(), z.unknown(), SETTING_PROBLEM.json);
/** Trust anchors: file or folder paths, or the PEM text of a certificate imported in Settings. */
const trustAnchorList = z
  .array(z.string().trim().min(1, SETTING_PROBLEM.path).max(20_000, SETTING_PROBLEM.tooLong), SETTING_PROBLEM.json)
  .max(100, SETTING_PROBLEM.tooLong);
const OCR_LANGUAGES = ['vie', 'eng'] as const;
/** A file or folder on this machine, or empty: absolute, so it means the same for the app and the command line. */
export const optionalAbsolutePath = z
  .string()
  .trim()
  .max(4096, SETTING_PROBLEM.tooLong)
  .refine((v) => v === '' || v.startsWith('/') || /^[A-Za-z]:[\\/]/.test(v) || v.startsWith('\\\\'), SETTING_PROBLEM.absolutePath);

const define = (d: SettingDefinition) => d;

export const SETTINGS = [
  define({
    key: 'agency.name',
    section: 'agency',
    kind: 'text',
    schema: text(200),
    default: null,
    allowed: 'the agency’s name, 1–200 characters',
    editableBy: ADMIN,
    visibleTo: ALL,
    label: { vi: 'Tên cơ quan', en: 'Agency name' },
    help: {
      vi: 'Tên đầy đủ của cơ quan, in trên biên nhận, dấu bản sao và siêu dữ liệu của mọi bản ghi.',
      en: 'The agency’s full name, printed on receipts, copy stamps and every record’s metadata.',
    },
  }),
  define({
    key: 'agency.code',
    section: 'agency',
    kind: 'text',
    schema: z.string().trim().min(1, SETTING_PROBLEM.required).regex(AGENCY_CODE_PATTERN, SETTING_PROBLEM.agencyCode),
    default: null,
    allowed: 'the agency’s electronic identifier code, LLL.LL.LL.XNN (e.g. 000.31.25.H12)',
    editableBy: ADMIN,
    visibleTo: ALL,
    label: { vi: 'Mã định danh điện tử của cơ quan', en: 'Agency electronic identifier code' },
    help: {
      vi: 'Dạng LLL.LL.LL.XNN theo QCVN 102:2016/BTTTT, ví dụ 000.31.25.H12.',
      en: 'Format LLL.LL.LL.XNN (QCVN 102:2016/BTTTT), e.g. 000.31.25.H12.',
    },
  }),
  define({
    key: 'agency.parent',
    section: 'agency',
    kind: 'text',
    schema: optionalText(200),
    default: '',
    allowed: 'the parent agency’s name, up to 200 characters',
    editableBy: ADMIN,
    visibleTo: ALL,
    label: { vi: 'Cơ quan chủ quản', en: 'Parent agency' },
    help: { vi: 'Cơ quan cấp trên, in phía trên tên cơ quan.', en: 'The agency above it, printed above the agency’s name.' },
  }),
  define({
    key: 'agency.address',
    section: 'agency',
    kind: 'text',
    schema: optionalText(500),
    default: '',
    allowed: 'an address, up to 500 characters',
    editableBy: ADMIN,
    visibleTo: ALL,
    label: { vi: 'Địa chỉ cơ quan', en: 'Agency address' },
    help: { vi: 'Địa chỉ in trên giấy biên nhận.', en: 'The address printed on receipts.' },
  }),
  define({
    key: 'workstation.name',
    section: 'agency',
    kind: 'text',
    schema: text(100),
    default: 'Máy trạm một cửa',
    allowed: 'a name, 1–100 characters',
    editableBy: ADMIN,
    visibleTo: ALL,
    label: { vi: 'Tên máy trạm', en: 'Workstation name' },
    help: { vi: 'Tên của máy này trong thống kê và trên trung tâm lưu trữ.', en: 'This machine’s name in the figures and at the hub.' },
  }),
  define({
    key: 'workstation.desk',
    section: 'agency',
    kind: 'text',
    schema: optionalText(100),
    default: '',
    allowed: 'a desk name or number, up to 100 characters',
    editableBy: ADMIN,
    visibleTo: ALL,
    label: { vi: 'Quầy', en: 'Desk' },
    help: { vi: 'Quầy tiếp nhận đặt máy này, ví dụ “Quầy 3”.', en: 'The desk this machine serves, e.g. “Desk 3”.' },
  }),
  define({
    key: 'scanner.drivers',
    section: 'scanners',
    kind: 'json',
    schema: jsonObject,
    default: {},
    allowed: 'a JSON object: {"sane": {…} | false, "wia": {…} | false, "escl": {"addresses": […]}}',
    editableBy: ADMIN,
    visibleTo: DIGITIZE,
    label: { vi: 'Trình điều khiển máy quét', en: 'Scanner drivers' },
    help: {
      vi: 'Tùy chọn SANE/WIA và địa chỉ máy quét mạng (eSCL), dạng JSON.',
      en: 'SANE/WIA options and network scanner (eSCL) addresses, as JSON.',
    },
  }),
  define({
    key: 'scanner.profiles',
    section: 'scanners',
    kind: 'json',
    schema: ScanProfiles,
    default: [],
    allowed:
      'a JSON list of profiles: {"name", "driver", "deviceId", "dpi" 200–1200, "colorMode" color|gray, "source" flatbed|adf, "duplex", "paper" A4|A3|Letter|custom, "widthMm" and "heightMm" 20–1000 for custom, "default" on one profile at most}',
    editableBy: ADMIN,
    visibleTo: DIGITIZE,
    label: { vi: 'Cấu hình quét', en: 'Scanner profiles' },
    help: {
      vi: 'Mỗi cấu hình quét là một máy quét với độ phân giải, chế độ màu, khay giấy và khổ giấy; ảnh lưu trữ cần từ 200 dpi, màu hoặc xám.',
      en: 'Each profile is a scanner with its resolution, colour mode, paper source and paper size; record scans need 200 dpi or more, colour or grey.',
    },
  }),
  define({
    key: 'ocr.workers',
    section: 'ocr',
    kind: 'integer',
    schema: integer(1, 16),
    default: 2,
    allowed: 'an integer from 1 to 16',
    editableBy: ADMIN,
    visibleTo: DIGITIZE,
    label: { vi: 'Số luồng nhận dạng chữ', en: 'OCR workers' },
    help: {
      vi: 'Số trang được nhận dạng cùng lúc; mỗi luồng dùng một nhân CPU.',
      en: 'Pages read at once; each worker uses one CPU core.',
    },
  }),
  define({
    key: 'ocr.languages',
    section: 'ocr',
    kind: 'list',
    schema: z.array(choice(OCR_LANGUAGES)).min(1, SETTING_PROBLEM.required),
    // Vietnamese alone reads these pages best (docs/OCR.md), as the pipeline did before this was a setting.
    default: ['vie'],
    allowed: 'one or more of vie, eng (comma-separated)',
    editableBy: ADMIN,
    visibleTo: DIGITIZE,
    label: { vi: 'Ngôn ngữ nhận dạng', en: 'OCR languages' },
    help: { vi: 'Tiếng Việt (vie), tiếng Anh (eng).', en: 'Vietnamese (vie), English (eng).' },
  }),
  define({
    key: 'ocr.model',
    section: 'ocr',
    kind: 'enum',
    schema: choice(['fast', 'best'] as const),
    default: 'fast',
    allowed: 'fast or best',
    editableBy: ADMIN,
    visibleTo: DIGITIZE,
    label: { vi: 'Mô hình nhận dạng', en: 'OCR model' },
    choices: { fast: { vi: 'Nhanh (fast)', en: 'Fast' }, best: { vi: 'Chính xác nhất (best)', en: 'Best' } },
    help: {
      vi: '“fast” (mặc định): cùng độ chính xác, ít CPU hơn; “best”: mô hình best_int. Áp dụng cho trang đọc sau khi lưu.',
      en: '“fast” (default): same accuracy, less CPU; “best”: the best_int model. Applies to pages read after saving.',
    },
  }),
  define({
    key: 'import.max-pages-per-file',
    section: 'desk',
    kind: 'integer',
    schema: integer(1, 100_000),
    default: 5000,
    allowed: 'an integer from 1 to 100000',
    editableBy: ADMIN,
    visibleTo: DIGITIZE,
    label: { vi: 'Số trang tối đa mỗi tệp nhập', en: 'Most pages per imported file' },
    help: { vi: 'Tệp PDF/TIFF có nhiều trang hơn sẽ bị từ chối.', en: 'A PDF or TIFF with more pages is refused.' },
  }),
  define({
    key: 'record.compression',
    section: 'desk',
    kind: 'enum',
    schema: choice(['mrc', 'jpeg'] as const),
    default: 'mrc',
    allowed: 'mrc or jpeg',
    editableBy: ADMIN,
    visibleTo: DIGITIZE,
    label: { vi: 'Nén ảnh trong bản ghi', en: 'Record image compression' },
    choices: {
      mrc: { vi: 'Tách lớp chữ và nền (MRC)', en: 'Mixed raster (MRC)' },
      jpeg: { vi: 'Giữ ảnh quét (JPEG)', en: 'Scan as is (JPEG)' },
    },
    help: {
      vi: '“mrc” tách chữ và nền cho tệp nhỏ hơn; “jpeg” giữ nguyên ảnh quét.',
      en: '“mrc” separates text and background for smaller files; “jpeg” keeps the scan as it is.',
    },
  }),
  define({
    key: 'dossier.code_pattern',
    section: 'desk',
    kind: 'text',
    schema: codePattern,
    default: '{agency}-{yymmdd}-{seq4}',
    allowed: 'a pattern with a {seqN} token; also {agency}, {yyyy}, {yy}, {mm}, {dd}, {yymmdd}',
    editableBy: ADMIN,
    visibleTo: ALL,
    label: { vi: 'Mẫu mã hồ sơ', en: 'Dossier code pattern' },
    help: { vi: 'Ví dụ {agency}-{yymmdd}-{seq4}; bắt buộc có {seqN}.', en: 'E.g. {agency}-{yymmdd}-{seq4}; a {seqN} token is required.' },
  }),
  define({
    key: 'signing.trust-anchors',
    section: 'signing',
    kind: 'list',
    schema: trustAnchorList,
    default: [],
    allowed: 'a list of PEM or DER certificate files or folders (comma-separated); certificates imported in Settings are kept as PEM text',
    editableBy: ADMIN,
    visibleTo: ADMIN,
    label: { vi: 'Chứng thư gốc tin cậy', en: 'Trust anchors' },
    help: {
      vi: 'Chứng thư của các CA gốc (nhập ở mục dưới, hoặc đường dẫn tệp PEM); chữ ký chỉ hợp lệ khi chuỗi tới một trong số đó.',
      en: 'Root CA certificates (imported below, or PEM file paths); a signature is valid only if it chains to one of them.',
    },
  }),
  define({
    key: 'signing.source',
    section: 'signing',
    kind: 'enum',
    schema: choice(['file', 'pkcs11'] as const),
    default: 'file',
    allowed: 'file (a PKCS#12 file) or pkcs11 (a USB token)',
    editableBy: ADMIN,
    visibleTo: DIGITIZE,
    label: { vi: 'Nguồn chứng thư ký số', en: 'Signing certificate source' },
    help: { vi: 'Tệp PKCS#12 (.p12) hoặc thiết bị ký số USB (PKCS#11).', en: 'A PKCS#12 file (.p12) or a USB token (PKCS#11).' },
    choices: {
      file: { vi: 'Tệp PKCS#12 (.p12)', en: 'PKCS#12 file (.p12)' },
      pkcs11: { vi: 'Thiết bị ký số USB (PKCS#11)', en: 'USB token (PKCS#11)' },
    },
  }),
  define({
    key: 'signing.p12-path',
    section: 'signing',
    kind: 'text',
    schema: optionalAbsolutePath,
    default: '',
    allowed: 'the absolute path of a .p12 file, or empty',
    editableBy: ADMIN,
    visibleTo: DIGITIZE,
    label: { vi: 'Tệp chứng thư (.p12)', en: 'Certificate file (.p12)' },
    help: {
      vi: 'Đường dẫn đầy đủ; mật khẩu được hỏi khi mở khóa ký, không lưu.',
      en: 'The full path; its password is asked when signing is unlocked, never stored.',
    },
  }),
  define({
    key: 'signing.other-file',
    section: 'signing',
    kind: 'enum',
    schema: choice(['allowed', 'refused'] as const),
    default: 'allowed',
    allowed: 'allowed (the clerk may open another .p12 file than the configured one) or refused',
    editableBy: ADMIN,
    visibleTo: DIGITIZE,
    label: { vi: 'Cho phép chọn tệp chứng thư khác', en: 'Other certificate files' },
    help: {
      vi: 'Cán bộ có được mở một tệp .p12 khác tệp đã cấu hình ở trên hay không.',
      en: 'Whether the clerk may open another .p12 file than the one configured above.',
    },
    choices: {
      allowed: { vi: 'Cho phép', en: 'Allowed' },
      refused: { vi: 'Không cho phép', en: 'Refused' },
    },
  }),
  define({
    key: 'signing.pkcs11-module',
    section: 'signing',
    kind: 'text',
    schema: optionalAbsolutePath,
    default: '',
    allowed: 'the absolute path of the token’s PKCS#11 library, or empty',
    editableBy: ADMIN,
    visibleTo: DIGITIZE,
    label: { vi: 'Thư viện PKCS#11 của thiết bị ký số', en: 'Token PKCS#11 library' },
    help: {
      vi: 'Ví dụ /usr/lib/softhsm/libsofthsm2.so; nhà cung cấp chứng thư cài kèm.',
      en: 'E.g. /usr/lib/softhsm/libsofthsm2.so; installed with the CA’s driver.',
    },
  }),
  define({
    key: 'signing.token-label',
    section: 'signing',
    kind: 'text',
    schema: optionalText(100),
    default: '',
    allowed: 'the token’s label, up to 100 characters, or empty for the first token',
    editableBy: ADMIN,
    visibleTo: DIGITIZE,
    label: { vi: 'Nhãn thiết bị ký số', en: 'Token label' },
    help: { vi: 'Để trống: dùng thiết bị đầu tiên tìm thấy.', en: 'Empty: the first token found.' },
  }),
  define({
    key: 'signing.tsa-url',
    section: 'signing',
    kind: 'text',
    schema: httpUrl,
    default: '',
    allowed: 'an http(s) URL of an RFC 3161 timestamp authority, or empty',
    editableBy: ADMIN,
    visibleTo: DIGITIZE,
    label: { vi: 'Địa chỉ máy chủ cấp dấu thời gian (TSA)', en: 'Timestamp authority (TSA) URL' },
    help: {
      vi: 'Mỗi chữ ký được gắn dấu thời gian RFC 3161 từ máy chủ này; để trống: không gắn.',
      en: 'Each signature gets an RFC 3161 timestamp from it; empty: none.',
    },
  }),
  define({
    key: 'sync.hub-url',
    section: 'sync',
    kind: 'text',
    schema: httpUrl,
    default: '',
    allowed: 'an http(s) URL, or empty',
    editableBy: ADMIN,
    visibleTo: ALL,
    label: { vi: 'Địa chỉ trung tâm lưu trữ', en: 'Hub address' },
    help: { vi: 'Được ghi khi đăng ký máy trạm bằng mã một lần.', en: 'Written when the workstation enrolls with a one-time code.' },
  }),
  define({
    key: 'sync.interval-minutes',
    section: 'sync',
    kind: 'integer',
    schema: integer(1, 1440),
    default: 15,
    allowed: 'an integer from 1 to 1440 (minutes)',
    editableBy: ADMIN,
    visibleTo: ALL,
    label: { vi: 'Chu kỳ đồng bộ (phút)', en: 'Sync interval (minutes)' },
    help: { vi: 'Ứng dụng gửi hồ sơ chờ lên trung tâm theo chu kỳ này.', en: 'The app sends waiting records to the hub this often.' },
  }),
  define({
    key: 'sync.window',
    section: 'sync',
    kind: 'text',
    schema: syncWindow,
    default: '',
    allowed: 'HH:MM-HH:MM (e.g. 22:00-06:00), or empty for any time',
    editableBy: ADMIN,
    visibleTo: ALL,
    label: { vi: 'Khung giờ đồng bộ', en: 'Sync window' },
    help: {
      vi: 'Chỉ đồng bộ tự động trong khung giờ này, ví dụ 22:00-06:00; để trống: bất kỳ lúc nào.',
      en: 'Scheduled sync only within these hours, e.g. 22:00-06:00; empty: any time.',
    },
  }),
  define({
    key: 'sync.bandwidth-kbps',
    section: 'sync',
    kind: 'integer',
    schema: integer(0, 10_000_000),
    default: 0,
    allowed: 'an integer ≥ 0 (kilobits a second; 0: no limit)',
    editableBy: ADMIN,
    visibleTo: ALL,
    label: { vi: 'Giới hạn băng thông (kbit/s)', en: 'Bandwidth limit (kbit/s)' },
    help: { vi: '0: không giới hạn.', en: '0: no limit.' },
  }),
  define({
    key: 'auth.idle_minutes',
    section: 'security',
    kind: 'number',
    schema: z.number(SETTING_PROBLEM.range).min(0.05, SETTING_PROBLEM.range).max(1440, SETTING_PROBLEM.range),
    default: 10,
    allowed: 'a number of minutes from 0.05 to 1440',
    editableBy: ADMIN,
    visibleTo: ALL,
    label: { vi: 'Khóa màn hình sau (phút không thao tác)', en: 'Lock the screen after (idle minutes)' },
    help: { vi: 'Màn hình tự khóa khi không thao tác trong khoảng này.', en: 'The screen locks after this long without input.' },
  }),
  define({
    key: 'auth.lockout_attempts',
    section: 'security',
    kind: 'integer',
    schema: integer(1, 100),
    default: 5,
    allowed: 'an integer from 1 to 100',
    editableBy: ADMIN,
    visibleTo: ADMIN,
    label: { vi: 'Số lần nhập sai mật khẩu trước khi khóa', en: 'Wrong passwords before lockout' },
    help: { vi: 'Tài khoản bị tạm khóa sau số lần nhập sai này.', en: 'The account is locked out after this many wrong passwords.' },
  }),
  define({
    key: 'auth.lockout_minutes',
    section: 'security',
    kind: 'number',
    schema: z.number(SETTING_PROBLEM.range).min(1, SETTING_PROBLEM.range).max(1440, SETTING_PROBLEM.range),
    default: 15,
    allowed: 'a number of minutes from 1 to 1440',
    editableBy: ADMIN,
    visibleTo: ADMIN,
    label: { vi: 'Thời gian khóa tài khoản (phút)', en: 'Lockout time (minutes)' },
    help: { vi: 'Thời gian tài khoản bị tạm khóa.', en: 'How long a locked-out account waits.' },
  }),
  define({
    key: 'auth.password-min-length',
    section: 'security',
    kind: 'integer',
    schema: integer(8, 64),
    default: 8,
    allowed: 'an integer from 8 to 64',
    editableBy: ADMIN,
    visibleTo: ADMIN,
    label: { vi: 'Độ dài mật khẩu tối thiểu', en: 'Shortest password' },
    help: { vi: 'Áp dụng khi tạo tài khoản hoặc đặt lại mật khẩu.', en: 'Applies when an account is created or a password is reset.' },
  }),
  define({
    key: 'backup.destination',
    section: 'storage',
    kind: 'text',
    schema: optionalAbsolutePath,
    default: '',
    allowed: 'the absolute path of a folder (e.g. on a USB disk), or empty',
    editableBy: ADMIN,
    visibleTo: ADMIN,
    label: { vi: 'Thư mục sao lưu', en: 'Backup folder' },
    help: {
      vi: 'Mỗi bản sao lưu là một thư mục con có ngày giờ; bản sao được mã hóa như dữ liệu.',
      en: 'Each backup is a dated folder inside it, encrypted like the data.',
    },
  }),
  define({
    key: 'backup.schedule',
    section: 'storage',
    kind: 'enum',
    schema: choice(['off', 'daily', 'weekly'] as const),
    default: 'off',
    allowed: 'off, daily or weekly',
    editableBy: ADMIN,
    visibleTo: ADMIN,
    label: { vi: 'Lịch sao lưu', en: 'Backup schedule' },
    help: { vi: 'Tần suất sao lưu tự động vào thư mục sao lưu.', en: 'How often a backup is made into the backup folder.' },
    choices: {
      off: { vi: 'Không tự động', en: 'Off' },
      daily: { vi: 'Hằng ngày', en: 'Daily' },
      weekly: { vi: 'Hằng tuần', en: 'Weekly' },
    },
  }),
] as const satisfies readonly SettingDefinition[];

export type SettingKey = (typeof SETTINGS)[number]['key'];
export const SETTING_KEYS = SETTINGS.map((s) => s.key) as SettingKey[];

export function settingDefinition(key: string): SettingDefinition | undefined {
  return SETTINGS.find((s) => s.key === key);
}

/** The keys of the agency's identity; agency.name and agency.code must be set before any intake. */
export const AGENCY_KEYS = [
  'agency.name',
  'agency.code',
  'agency.parent',
  'agency.address',
  'workstation.name',
  'workstation.desk',
] as const satisfies readonly SettingKey[];

/** One setting as the contract returns it. */
export interface SettingView {
  key: SettingKey;
  section: SettingSection;
  kind: SettingKind;
  value: unknown;
  /** True when nothing is stored and the default applies. */
  isDefault: boolean;
  editable: boolean;
  allowed: string;
  label: Bilingual;
  help: Bilingual;
}
