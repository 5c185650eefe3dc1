import { app, protocol, session, shell, type WebContents } from 'electron';
import { serveAppRequest } from './app-protocol';
import { APP_SCHEME, isAllowedDevice, isAllowedExternalUrl, isAllowedPermission, isAllowedPermissionCheck, isAppUrl } from './security';

/** Before `ready`: `app://` is a standard, secure scheme, so the renderer is same-origin with itself and has no file:// rights. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } }]);
}

/** Every webContents, whoever made it: no navigation, no redirect away, no webview, no window; allowlisted links open outside. */
export function guardWebContents(contents: WebContents): void {
  contents.on('will-navigate', (event) => event.preventDefault());
  contents.on('will-redirect', (event, url) => {
    if (!isAppUrl(url)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    if (isAllowedExternalUrl(url)) void shell.openExternal(url);
    return { action: 'deny' };
  });
}

/** After `ready`: the renderer served from `rendererDir` with its CSP header, and the session's permission, device and webContents guards. */
export function installHardening(rendererDir: string): void {
  protocol.handle(APP_SCHEME, (request) => serveAppRequest(rendererDir, request.url));
  const ses = session.defaultSession;
  ses.setPermissionRequestHandler((contents, permission, callback) => callback(isAllowedPermission(permission, contents.getURL())));
  ses.setPermissionCheckHandler((_contents, permission, requestingOrigin) => isAllowedPermissionCheck(permission, requestingOrigin));
  ses.setDevicePermissionHandler(() => isAllowedDevice());
  app.on('web-contents-created', (_event, contents) => guardWebContents(contents));
}
