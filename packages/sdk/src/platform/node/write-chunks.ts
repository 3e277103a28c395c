import type { Writable } from 'node:stream';

/** How {@link writeChunks} ended. */
export type WriteChunksOutcome = 'done' | 'closed';

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

/**
 * Writes `chunks` to `stream`, taking the next chunk only after the event loop had a turn (a
 * `setImmediate`), and after `'drain'` when the stream's buffer is full, so a slow peer holds back
 * the producer instead of filling memory. Stops as soon as the stream is closed or destroyed (a
 * scraper that went away), leaving the iteration, which tells a shared producer this reader is gone.
 * Does not end the stream; throws what the iteration throws.
 */
export async function writeChunks(stream: Writable, chunks: AsyncIterable<string | Buffer>): Promise<WriteChunksOutcome> {
  let closed = isClosed(stream);
  const onClose = (): void => {
    closed = true;
  };
  stream.once('close', onClose);
  try {
    for await (const chunk of chunks) {
      if (closed) return 'closed';
      if (!stream.write(chunk)) await drainedOrClosed(stream);
      await nextTurn();
      closed ||= isClosed(stream);
    }
    return closed ? 'closed' : 'done';
  } finally {
    stream.off('close', onClose);
  }
}
