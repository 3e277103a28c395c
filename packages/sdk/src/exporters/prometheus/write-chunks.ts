import type { Writable } from 'node:stream';

/** How {@link writeChunks} ended. */
export type WriteChunksOutcome = 'done' | 'closed';

/**
 * Writes `chunks` to `stream`, pulling the next chunk only after the event loop had a turn: after
 * `'drain'` when the stream's buffer is full (so memory stays bounded by one chunk plus the
 * buffer, however slow the reader), else after a `setImmediate`. So producing a chunk is the
 * longest the loop is ever blocked. Stops as soon as the stream is closed or destroyed (a scraper
 * that went away): the remaining chunks are never produced. Does not end the stream.
 */
export async function writeChunks(stream: Writable, chunks: Iterator<string, void>): Promise<WriteChunksOutcome> {
  let closed = isClosed(stream);
  const onClose = (): void => {
    closed = true;
  };
  stream.once('close', onClose);
  try {
    while (!closed) {
      const next = chunks.next();
      if (next.done === true) return 'done';
      if (stream.write(next.value)) await nextTurn();
      else await drainedOrClosed(stream);
      closed ||= isClosed(stream);
    }
    return 'closed';
  } finally {
    stream.off('close', onClose);
  }
}

function isClosed(stream: Writable): boolean {
  return stream.destroyed || stream.writableEnded;
}

function nextTurn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

function drainedOrClosed(stream: Writable): Promise<void> {
  return new Promise((resolve) => {
    const done = (): void => {
      stream.off('drain', done);
      stream.off('close', done);
      resolve();
    };
    stream.on('drain', done);
    stream.on('close', done);
  });
}
