/** The window's security settings, in one place so a test can check them. No electron import here. */
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

/** The camera ('media') is the only permission, and only for the app's own pages. */
export function isAllowedPermission(permission: string, requestingUrl: string): boolean {
  return permission === 'media' && requestingUrl.startsWith('file://');
}
