import { codeArea } from './code-area';

// Sign-in, accounts and access to personal data.

export const AUTH_CODES = codeArea({
  'auth.forbidden': {
    exit: 'refused',
    vi: 'Tài khoản của bạn không có quyền thực hiện thao tác này.',
    en: 'Your account may not do this.',
  },
  'auth.invalid-credentials': { exit: 'refused', vi: 'Tên đăng nhập hoặc mật khẩu không đúng.', en: 'Wrong username or password.' },
  'auth.locked': {
    exit: 'refused',
    vi: 'Màn hình đã khóa. Nhập mật khẩu để mở khóa.',
    en: 'The screen is locked. Enter the password to unlock it.',
  },
  'auth.locked-out': {
    exit: 'refused',
    vi: 'Đăng nhập sai quá nhiều lần, tài khoản tạm thời bị khóa.',
    en: 'Too many failed sign-ins: the account is locked for a while.',
  },
  'auth.no-session': { exit: 'refused', vi: 'Không có phiên làm việc để đăng nhập.', en: 'There is no session to sign in.' },
  'auth.required': {
    exit: 'refused',
    vi: 'Phiên làm việc đã kết thúc. Vui lòng đăng nhập lại.',
    en: 'The session has ended. Please sign in again.',
  },
  'auth.setup-done': {
    exit: 'refused',
    vi: 'Đã có tài khoản quản trị. Hãy đăng nhập.',
    en: 'An administrator already exists. Please sign in.',
  },
});

export const USER_CODES = codeArea({
  'user.exists': { exit: 'refused', vi: 'Tên đăng nhập này đã có người dùng.', en: 'A user with this username already exists.' },
  'user.last-admin': {
    exit: 'refused',
    vi: 'Đây là quản trị viên cuối cùng còn hoạt động. Hãy chỉ định quản trị viên khác trước.',
    en: 'This is the last active administrator. Appoint another one first.',
  },
  'user.not-found': { exit: 'input', vi: 'Không tìm thấy người dùng.', en: 'User not found.' },
});

export const SEARCH_CODES = codeArea({
  'search.personal-data': {
    exit: 'refused',
    vi: 'Vai trò này không được tìm theo số CCCD hoặc tên người: kết quả sẽ cho biết ai có hồ sơ.',
    en: 'This role may not search by CCCD number or a person’s name: a result would show who has a dossier.',
  },
});

export const PATH_CODES = codeArea({
  'path.write-refused': {
    exit: 'refused',
    vi: 'Không được ghi vào đây: cần một đường dẫn tuyệt đối nằm ngoài thư mục dữ liệu và thư mục khóa.',
    en: 'Nothing may be written there: give an absolute path outside the data folder and the key folder.',
  },
  'path.not-allowed': {
    exit: 'refused',
    vi: 'Không được đọc tệp hoặc thư mục này (thư mục dữ liệu, khóa, hoặc loại tệp không đúng).',
    en: 'This file or folder may not be read here (the data or key folder, or the wrong kind of file).',
  },
});
