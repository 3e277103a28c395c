import { diag } from '@opentelemetry/api';
import type { Reporter } from '../../report/reporter.js';

/**
 * Reports file-exporter failures through `diag.error` once per kind (`ENOENT`, `EACCES`,
 * `ENOSPC`...) with the path and the fix; repeats go to `diag.debug`, so a full disk does not
 * flood the log. A write that succeeds after failures is noted once at `diag.info`.
 */
export class FileFailureLog {
  private readonly reported = new Set<string>();
  private failing = false;

  constructor(
    private readonly path: string,
    /** OTel's `diag` by default; the SDK's stderr reporter inside `startMetrics`. */
    private readonly logger: Reporter = diag,
  ) {}

  failed(error: unknown): void {
    this.failing = true;
    const code = errorCodeOf(error);
    const message = `File exporter: cannot write metrics to ${this.path}: ${messageOf(error)}`;
    if (this.reported.has(code)) {
      this.logger.debug(message);
      return;
    }
    this.reported.add(code);
    this.logger.error(
      `${message}. Fix: ${fileFixFor(code, this.path)} Metrics keep being recorded; this collection is ` +
        'dropped, and further failures of this kind are counted in stats(), not logged.',
    );
  }

  /** Says once per lost collection cause that writes cannot keep up. */
  busy(): void {
    this.failed(Object.assign(new Error('the previous writes have not finished'), { code: 'busy' }));
  }

  succeeded(): void {
    if (!this.failing) return;
    this.failing = false;
    this.logger.info(`File exporter: writing metrics to ${this.path} again.`);
  }
}

/** The fix for a file-system error code, naming the path. */
export function fileFixFor(code: string, path: string): string {
  const dir = dirnameOf(path);
  switch (code) {
    case 'ENOENT':
      return `the directory ${dir} does not exist: create it (mkdir -p ${dir}) or set the exporter's path (MCP_OTEL_FILE_PATH) to a writable location.`;
    case 'ENOTDIR':
      return `a part of ${dir} is a file, not a directory: set path (MCP_OTEL_FILE_PATH) to a file inside a directory.`;
    case 'EISDIR':
      return `${path} is a directory: set path (MCP_OTEL_FILE_PATH) to a file name, e.g. ${path}/metrics.jsonl.`;
    case 'EACCES':
    case 'EPERM':
      return `this process may not write in ${dir}: make it writable for the user running the server, or choose another path.`;
    case 'EROFS':
      return `${dir} is on a read-only file system: choose a path on a writable volume.`;
    case 'ENOSPC':
    case 'EDQUOT':
      return `the disk (or quota) holding ${dir} is full: free space, or lower rotation.maxBytes / rotation.maxFiles.`;
    case 'EMFILE':
    case 'ENFILE':
      return 'the process ran out of file descriptors: raise the limit (ulimit -n) or close leaked files.';
    case 'busy':
      return `writing to ${path} is slower than the collection interval: use a faster disk or a longer collectionInterval.`;
    default:
      return `check that ${path} can be written by this process.`;
  }
}

function dirnameOf(path: string): string {
  const cut = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
  return cut <= 0 ? (cut === 0 ? '/' : '.') : path.slice(0, cut);
}

function errorCodeOf(error: unknown): string {
  const code = (error as { code?: unknown } | undefined)?.code;
  return typeof code === 'string' ? code : 'error';
}

function messageOf(error: unknown): string {
  // Duck-typed: errors from Node's own modules fail `instanceof Error` across realms (vm, jest).
  const message = (error as { message?: unknown } | undefined)?.message;
  return typeof message === 'string' ? message : String(error);
}
