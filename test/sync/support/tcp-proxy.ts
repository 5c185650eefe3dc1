import { createServer, connect, type Server, type Socket } from 'node:net';

export interface TcpProxy {
  url: string;
  /** How many bytes were flipped so far. */
  flipped(): number;
  close(): Promise<void>;
}

/**
 * A loopback TCP proxy in front of the hub that flips one byte of the first `flips` PDF bodies
 * going to the hub (the byte `offset` bytes after a `%PDF-` marker), as a bad link would.
 */
export async function startFlippingProxy(targetPort: number, flips = 1, offset = 700): Promise<TcpProxy> {
  let done = 0;
  const sockets = new Set<Socket>();
  const server: Server = createServer((client) => {
    const upstream = connect(targetPort, '127.0.0.1');
    sockets.add(client).add(upstream);
    let pending: number | undefined;
    client.on('data', (chunk: Buffer) => {
      if (done < flips) {
        if (pending === undefined) {
          const at = chunk.indexOf('%PDF-');
          if (at >= 0) pending = at + offset;
        }
        if (pending !== undefined && pending < chunk.length) {
          chunk = Buffer.from(chunk);
          chunk[pending]! ^= 0x20;
          pending = undefined;
          done++;
        } else if (pending !== undefined) pending -= chunk.length;
      } else pending = undefined;
      upstream.write(chunk);
    });
    upstream.pipe(client);
    const end = () => {
      client.destroy();
      upstream.destroy();
    };
    client.on('error', end).on('close', end);
    upstream.on('error', end).on('close', end);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    flipped: () => done,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
