/**
 * Chunks produced once and read by any number of readers, each at its own pace, for concurrent
 * scrapes that share one exposition. Production is driven by demand: the producer makes the next
 * chunk only when some reader waits for it (so a scraper that does not read still stalls the work,
 * as with a single reader), and stops once every reader has gone. Chunks are kept until the whole
 * object is dropped, so a late or slow reader can start from the first: memory is one exposition,
 * whatever the number of readers.
 */
export class SharedChunks<T> {
  private readonly chunks: T[] = [];
  private state: 'open' | 'ended' | 'failed' = 'open';
  private failure: unknown;
  private readers = 0;
  private everRead = false;
  private waitingReaders = 0;
  private wakeReaders: (() => void)[] = [];
  private wakeProducer: (() => void) | undefined;

  /** Every reader came and went before the end: producing more would serve nobody. */
  get abandoned(): boolean {
    return this.everRead && this.readers === 0 && this.state === 'open';
  }

  /** Production ended (all chunks there) or failed. */
  get settled(): boolean {
    return this.state !== 'open';
  }

  /** For the producer: `true` once a reader waits for a chunk not made yet, `false` once all readers left. */
  demand(): Promise<boolean> {
    if (this.abandoned) return Promise.resolve(false);
    if (this.waitingReaders > 0) return Promise.resolve(true);
    return new Promise((resolve) => {
      this.wakeProducer = () => resolve(!this.abandoned);
    });
  }

  push(chunk: T): void {
    this.chunks.push(chunk);
    this.wake();
  }

  end(): void {
    if (this.state === 'open') this.state = 'ended';
    this.wake();
  }

  fail(error: unknown): void {
    if (this.state !== 'open') return;
    this.state = 'failed';
    this.failure = error;
    this.wake();
  }

  /** Every chunk from the first; throws what `fail` was given. Leaving the loop early counts as leaving. */
  async *read(): AsyncGenerator<T, void> {
    this.readers++;
    this.everRead = true;
    try {
      let next = 0;
      for (;;) {
        if (next < this.chunks.length) {
          yield this.chunks[next++]!;
          continue;
        }
        if (this.state === 'failed') throw this.failure;
        if (this.state === 'ended') return;
        this.waitingReaders++;
        this.callProducer();
        await new Promise<void>((resolve) => this.wakeReaders.push(resolve));
        this.waitingReaders--;
      }
    } finally {
      this.readers--;
      if (this.readers === 0) this.callProducer();
    }
  }

  private callProducer(): void {
    const wake = this.wakeProducer;
    this.wakeProducer = undefined;
    wake?.();
  }

  private wake(): void {
    const waiting = this.wakeReaders;
    this.wakeReaders = [];
    for (const resolve of waiting) resolve();
  }
}
