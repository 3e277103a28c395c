import net from 'node:net';

/**
 * A TCP port on 127.0.0.1 that was free a moment ago (bound to port 0, then released). Another
 * process may take it before the peer binds it, so peer helpers retry with a new port.
 */
export async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === 'string') throw new Error('could not read the port bound to 127.0.0.1:0');
  return address.port;
}

/**
 * Runs `start(port)` with a fresh free port, retrying (3 attempts) when the port was taken in between,
 * i.e. when the error mentions "address already in use".
 */
export async function withFreePort<T>(start: (port: number) => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await start(await freePort());
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      if (attempt >= 3 || !/address already in use/i.test(message)) throw error;
    }
  }
}
