import { rename, rm, writeFile } from 'node:fs/promises';
import type { FileSink } from '../../exporters/file/file-sink.js';

/**
 * Replaces `path` with each write: the text goes to `path.<pid>.tmp` in the same directory, which
 * is then renamed over `path` (atomic on POSIX), so a reader (node_exporter's textfile collector,
 * a `cat`) never sees a half-written snapshot. The temporary name does not end in `.prom`, so the
 * textfile collector never picks it up.
 */
export class AtomicFileWriter implements FileSink {
  private readonly temporary: string;

  constructor(private readonly file: string) {
    this.temporary = `${file}.${process.pid}.tmp`;
  }

  async write(text: string): Promise<void> {
    try {
      await writeFile(this.temporary, text);
      await rename(this.temporary, this.file);
    } catch (error) {
      await rm(this.temporary, { force: true }).catch(() => undefined);
      throw error;
    }
  }

  close(): Promise<void> {
    return Promise.resolve(); // nothing is held open between writes
  }
}
