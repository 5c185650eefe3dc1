/** The window's security settings and the shell's URL policy, in one place so a test can check them. No electron import here. */
export const SECURE_WEB_PREFERENCES = {
  contextIsolation: true,
  sandbox: true,
  nodeIntegration: false,
  nodeIntegrationInWorker: false,
  webSecurity: true,
  allowRunningInsecureContent: false,
  webviewTag: false,
  spellcheck: false,
} as const;

/** A packaged build has no DevTools: `window.sohoa.api` is reachable only through the UI. */
export function webPreferencesFor(packaged: boolean) {
  return { ...SECURE_WEB_PREFERENCES, devTools: !packaged };
}

/** The app's pages come from `app://sohoa/…`, never `file://` (whose extra privileges the fuse turns off). */
export const APP_SCHEME = 'app';
export const APP_HOST = 'sohoa';
export const APP_ENTRY_URL = `${APP_SCHEME}://${APP_HOST}/index.html`;

/**
 * Sent as a response header with every app page; unlike the page's meta tag (kept for browser mode) it allows no WebSocket.
 * Workers (pdf.js's module worker) come from the app's own files only.
 */
export const APP_CSP =
  "default-src 'self'; script-src 'self'; worker-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; media-src 'self' blob: mediastream:; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

function parse(url: string): URL | undefined {
  try {
    return new URL(url);
  } catch {
    return undefined;
  }
}

export function isAppUrl(url: string): boolean {
  const u = parse(url);
  return u !== undefined && u.protocol === `${APP_SCHEME}:` && u.host === APP_HOST;
}

/** The camera ('media') is the only permission, and only for the app's own pages. */
export function isAllowedPermission(permission: string, requestingUrl: string): boolean {
  return permission === 'media' && isAppUrl(requestingUrl);
}

/** The synchronous check Chromium makes before a request (e.g. listing cameras): the same rule, by origin. */
export function isAllowedPermissionCheck(permission: string, requestingOrigin: string): boolean {
  return isAllowedPermission(permission, requestingOrigin.endsWith('/') ? requestingOrigin : `${requestingOrigin}/`);
}

/** No page gets a USB, HID or serial device: tokens and scanners are the engine's, through their drivers. */
export const isAllowedDevice = (): boolean => false;

/** Hosts (and their subdomains) a link may open in the user's browser: the public-service portals. */
export const EXTERNAL_ALLOWLIST: readonly string[] = ['dichvucong.gov.vn', 'gov.vn'];

export function isAllowedExternalUrl(url: string, allow: readonly string[] = EXTERNAL_ALLOWLIST): boolean {
  const u = parse(url);
  if (!u || u.protocol !== 'https:' || u.username || u.password || u.port) return false;
  return allow.some((host) => u.hostname === host || u.hostname.endsWith(`.${host}`));
}

/**
 * The file an `app://sohoa/…` URL names inside the built renderer, or undefined: another host, a
 * malformed escape, or a path that leaves the folder. `rendererDir` is absolute; `/` joins.
 */
export function assetPathFor(rendererDir: string, url: string): string | undefined {
  if (!isAppUrl(url)) return undefined;
  let path: string;
  try {
    path = decodeURIComponent(new URL(url).pathname);
  } catch {
    return undefined;
  }
  if (path === '/' || path === '') path = '/index.html';
  const parts = path.split('/').filter(Boolean);
  if (parts.some((p) => p === '..' || p === '.' || p.includes('\\') || p.includes('\0'))) return undefined;
  return [rendererDir.replace(/\/+$/, ''), ...parts].join('/');
}

const TYPES: Record<string, string> = {
  html: 'text/html; charset=utf-8',
  js: 'text/javascript; charset=utf-8',
  mjs: 'text/javascript; charset=utf-8',
  css: 'text/css; charset=utf-8',
  svg: 'image/svg+xml',
  png: 'image/png',
  woff2: 'font/woff2',
  json: 'application/json',
  wasm: 'application/wasm',
};

export function contentTypeOf(path: string): string {
  return TYPES[path.slice(path.lastIndexOf('.') + 1).toLowerCase()] ?? 'application/octet-stream';
}

/** What every app response carries. */
export function appResponseHeaders(path: string): Record<string, string> {
  return {
    'content-type': contentTypeOf(path),
    'content-security-policy': APP_CSP,
    'x-content-type-options': 'nosniff',
    'cache-control': 'no-store',
  };
}
