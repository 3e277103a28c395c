import type { MeterProvider } from '@opentelemetry/api';
import { checkKnownKeys, checkOptionsObject } from '../../option-checks.js';
import { instrumentStorageWith } from '../instrument-storage.js';
import type { StorageOperationSpec, StorageUsage } from '../storage-options.js';
import { resolveStorageOptions } from '../storage-options.js';

/** Options of {@link instrumentFileSystem}. */
export type FileSystemInstrumentationOptions = {
  /** Value of `mcp_otel.storage.name`, e.g. the data directory's role. @default none */
  name?: string;
  /** Space used and its limit (e.g. from `statfs`), read at each collection. @default none */
  usage?: () => StorageUsage | undefined;
  /** Where the metrics go. @default `metrics.getMeterProvider()` at each operation */
  meterProvider?: MeterProvider;
};

/** The operations of `node:fs/promises` recorded, with the argument written where there is one. */
const OPERATIONS: Record<string, StorageOperationSpec | true> = {
  readFile: true,
  writeFile: { writes: 1, reads: false },
  appendFile: { writes: 1, reads: false },
  readdir: { reads: false },
  stat: { reads: false },
  lstat: { reads: false },
  access: { reads: false },
  mkdir: { reads: false },
  rm: { reads: false },
  rmdir: { reads: false },
  unlink: { reads: false },
  rename: { reads: false },
  copyFile: { reads: false },
};

/**
 * Instruments the promise API of the file system: `readFile`, `writeFile`, `appendFile`, `readdir`,
 * `stat`, `lstat`, `access`, `mkdir`, `rm`, `rmdir`, `unlink`, `rename` and `copyFile` record
 * `db.client.operation.duration` with `db.system.name` `filesystem` and `db.operation.name` the
 * function's name; the bytes read by `readFile` and written by `writeFile` / `appendFile` are counted;
 * a failure's code (`ENOENT`) is its `error.type` and `db.response.status_code`.
 * Returns a new object that inherits from `fs`: the module itself, shared by the whole process, is
 * never changed. Paths are never recorded.
 *
 * @example
 * ```ts
 * import * as fsPromises from 'node:fs/promises';
 * import { instrumentFileSystem } from '@mcp-otel/instrumentation';
 *
 * const fs = instrumentFileSystem(fsPromises, { name: 'workspace' });
 * await fs.readFile('notes.md', 'utf8');
 * ```
 */
export function instrumentFileSystem<F extends object>(fs: F, options: FileSystemInstrumentationOptions = {}): F {
  const o = checkOptionsObject('instrumentFileSystem', options, false);
  checkKnownKeys('instrumentFileSystem', o, ['name', 'usage', 'meterProvider']);
  const present = Object.fromEntries(Object.entries(OPERATIONS).filter(([method]) => typeof (fs as Record<string, unknown>)[method] === 'function'));
  const resolved = resolveStorageOptions('instrumentFileSystem', { system: 'filesystem', name: o['name'], usage: o['usage'], meterProvider: o['meterProvider'], operations: present });
  return instrumentStorageWith('instrumentFileSystem', fs, resolved, { overlay: true, statusOf: codeOf });
}

/** A system error's code (`ENOENT`, `EACCES`), which names the failure better than its class. */
function codeOf(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && /^E[A-Z0-9]{1,31}$/.test(code) ? code : undefined;
}
