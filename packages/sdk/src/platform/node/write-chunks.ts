import type { Writable } from 'node:stream';

/** How {@link writeChunks} ended. */
export type WriteChunksOutcome = 'done' | 'closed';

/**
 * Writes `chunks` to `stream`, pulling the next chunk only after the event loop had a turn (a
 * `setImmediate`), and after `'drain'` when the stream's buffer is full, so memory stays bounded by
 * one chunk plus the buffer however slowly the peer reads. Producing and writing one chunk is thus
 * the longest the loop is ever blocked. Stops as soon as the stream is closed or destroyed (a scraper
 * that went away): the remaining chunks are never produced. Does not end the stream; throws what
 * producing a chunk throws.
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
      if (!stream.write(next.value)) await drainedOrClosed(stream);
      // Even after 'drain': a socket that took the chunk at once emits it on process.nextTick,
      // and a chain of those would never let timers or other I/O run.
      await nextTurn();
      closed ||= isClosed(stream);
    }
    return 'closed';
  } finally {
    stream.off('close', onClose);
    // Lets a generator run its `finally` now rather than linger half-consumed.
    chunks.return?.();
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
