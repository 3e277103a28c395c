/** The part of a Node readable stream used here (`process.stdin` in practice). */
type InputStream = {
  prependListener(event: string, listener: () => void): unknown;
  removeListener(event: string, listener: () => void): unknown;
};

function isInputStream(value: unknown): value is InputStream {
  if (typeof value !== 'object' || value === null) return false;
  const s = value as Record<string, unknown>;
  return typeof s['prependListener'] === 'function' && typeof s['removeListener'] === 'function';
}

/**
 * The stdin stream of a stdio server transport: its own (`_stdin`, SDK 1.x and 2.x), or that of the
 * wire transport behind a 2.x `serveStdio` channel (`_wire._stdin`). Undefined for anything else.
 */
function inputStreamOf(transport: object): InputStream | undefined {
  const t = transport as Record<string, unknown>;
  if (isInputStream(t['_stdin'])) return t['_stdin'];
  const wire = t['_wire'];
  if (typeof wire === 'object' && wire !== null && isInputStream((wire as Record<string, unknown>)['_stdin'])) return (wire as Record<string, unknown>)['_stdin'] as InputStream;
  return undefined;
}

/**
 * Calls `onEnd` once when the stdin of a stdio server transport ends (`end`) or closes (`close`):
 * the MCP stdio binding's way for a client to end the session. SDK 1.x's `StdioServerTransport`
 * does not report it (no `onclose`; the process just runs out of work), 2.x's closes itself. The
 * listeners go first (`prependListener`), so the session is seen ending on the peer's side before
 * 2.x turns it into a local `close()`. They only observe; the stream's mode is not changed.
 * Returns the function that detaches them, or undefined when `transport` reads no stdin stream.
 */
export function watchInputEnd(transport: object, onEnd: () => void): (() => void) | undefined {
  const stream = inputStreamOf(transport);
  if (stream === undefined) return undefined;
  let done = false;
  const listener = (): void => {
    if (done) return;
    done = true;
    detach();
    onEnd();
  };
  const detach = (): void => {
    stream.removeListener('end', listener);
    stream.removeListener('close', listener);
  };
  stream.prependListener('end', listener);
  stream.prependListener('close', listener);
  return detach;
}
