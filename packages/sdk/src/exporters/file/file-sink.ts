/**
 * Where the file exporter puts its text. Implementations (rotating append, atomic replace) live
 * in `platform/node/`. `write` rejects with the Node error (`code` `ENOENT`, `EACCES`, `ENOSPC`...)
 * and stays usable: the next write tries again.
 */
export interface FileSink {
  write(text: string): Promise<void>;
  close(): Promise<void>;
}

/** Counters of one file exporter. */
export interface FileExporterStats {
  /** Collections written. */
  writtenExports: number;
  /** Collections lost: the write failed, or writes were slower than collections. */
  droppedExports: number;
}
