import { createServer, request, type Server } from 'node:http';

export interface HttpProxy {
  url: string;
  /** `METHOD /path` of every request, in the order they came. */
  seen: string[];
  close(): Promise<void>;
}

/**
 * A loopback HTTP proxy in front of the hub that notes each request's method and path; `missing`
 * routes are answered 404 as a hub without them would (Fastify's own not-found body).
 */
export async function startRecordingProxy(
  target: string,
  missing: (method: string, path: string) => boolean = () => false,
): Promise<HttpProxy> {
  const seen: string[] = [];
  const server: Server = createServer((req, res) => {
    const path = req.url!.split('?')[0]!;
    seen.push(`${req.method} ${path}`);
    if (missing(req.method!, path)) {
      req.resume();
      res
        .writeHead(404, { 'content-type': 'application/json' })
        .end(JSON.stringify({ message: `Route ${req.method}:${path} not found`, error: 'Not Found', statusCode: 404 }));
      return;
    }
    const upstream = request(new URL(req.url!, target), { method: req.method, headers: req.headers }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    upstream.on('error', () => res.destroy());
    req.pipe(upstream);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}`,
    seen,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
