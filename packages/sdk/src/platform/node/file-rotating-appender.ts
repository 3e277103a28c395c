import { appendFile, readdir, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import type { FileRotationOptions } from '../../exporters/file/file-options.js';
import type { FileSink } from '../../exporters/file/file-sink.js';

/**
 * Appends to `path`, rotating like logrotate: before a write would pass `maxBytes` (or once the
 * file has been written for `intervalMs`), `path.<n>` becomes `path.<n+1>`, `path` becomes
 * `path.1`, and files numbered `maxFiles - 1` or more are deleted. At most `maxFiles` files,
 * each within `maxBytes` unless one write alone is larger. The directory is never created:
 * a missing one is the operator's to fix (the exporter reports it).
 */
export class RotatingFileAppender implements FileSink {
  /** Bytes in `path` as far as this process knows; `undefined` until stat'ed (again after an error). */
  private size: number | undefined;
  private startedAt = 0;

  constructor(
    private readonly file: string,
    private readonly rotation: FileRotationOptions,
    private readonly now: () => number = Date.now,
  ) {}

  async write(text: string): Promise<void> {
    const bytes = Buffer.byteLength(text);
    try {
      if (this.size === undefined) {
        this.size = await sizeOf(this.file);
        this.startedAt = this.now();
      }
      if (this.size > 0 && (this.size + bytes > this.rotation.maxBytes || this.intervalElapsed())) await this.rotate();
      await appendFile(this.file, text);
      this.size += bytes;
    } catch (error) {
      this.size = undefined; // learn the real size again next time
      throw error;
    }
  }

  close(): Promise<void> {
    return Promise.resolve(); // every write opens and closes the file: nothing is held open
  }

  private intervalElapsed(): boolean {
    const interval = this.rotation.intervalMs;
    return interval !== undefined && this.now() - this.startedAt >= interval;
  }

  private async rotate(): Promise<void> {
    const keep = Math.max(1, this.rotation.maxFiles);
    if (keep === 1) {
      await rm(this.file, { force: true });
    } else {
      for (let n = keep - 1; n >= 1; n--) {
        await renameIfExists(n === 1 ? this.file : `${this.file}.${n - 1}`, `${this.file}.${n}`);
      }
    }
    await this.removeBeyond(keep);
    this.size = 0;
    this.startedAt = this.now();
  }

  /** Deletes `path.<n>` for n >= keep, e.g. left by a run with a larger maxFiles. */
  private async removeBeyond(keep: number): Promise<void> {
    const dir = path.dirname(this.file);
    const base = path.basename(this.file);
    for (const name of await readdir(dir)) {
      if (!name.startsWith(base + '.')) continue;
      const suffix = name.slice(base.length + 1);
      if (/^\d+$/.test(suffix) && Number(suffix) >= keep) await rm(path.join(dir, name), { force: true });
    }
  }
}

async function sizeOf(file: string): Promise<number> {
  try {
    return (await stat(file)).size;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 0;
    throw error;
  }
}

async function renameIfExists(from: string, to: string): Promise<void> {
  try {
    await rename(from, to);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
}
