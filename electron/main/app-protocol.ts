import { readFile } from 'node:fs/promises';
import { appResponseHeaders, assetPathFor } from './security';

/**
 * What the `app://` protocol handler answers, without electron (so a test can call it): the file the
 * URL names inside the built renderer with the app's headers (its type, the CSP), or 404 for another
 * host, a path that leaves the folder, or a file that is not there.
 */
export async function serveAppRequest(rendererDir: string, url: string): Promise<Response> {
  const file = assetPathFor(rendererDir, url);
  if (!file) return new Response(null, { status: 404 });
  try {
    return new Response(await readFile(file), { headers: appResponseHeaders(file) });
  } catch {
    return new Response(null, { status: 404 });
  }
}
