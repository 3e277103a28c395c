import { DiagLogLevel } from '@opentelemetry/api';
import type { DiagLogger } from '@opentelemetry/api';
import { writeStderr } from './write-stderr.js';

/**
 * A diag logger that writes to stderr only. OTel's `DiagConsoleLogger` sends `info`/`debug` to
 * `console.info`/`console.debug`, i.e. stdout, which would corrupt an MCP stdio transport.
 */
export function createStderrDiagLogger(write: (line: string) => void = writeStderr): DiagLogger {
  const log = (level: string) => (message: string, ...args: unknown[]) => {
    const rest = args.length === 0 ? '' : ' ' + args.map(formatArg).join(' ');
    write(`[mcp-otel] ${level} ${message}${rest}\n`);
  };
  return { error: log('error'), warn: log('warn'), info: log('info'), debug: log('debug'), verbose: log('verbose') };
}

function formatArg(arg: unknown): string {
  if (arg instanceof Error) return arg.stack ?? arg.message;
  if (typeof arg === 'string') return arg;
  try {
    return JSON.stringify(arg);
  } catch {
    return String(arg);
  }
}

const LEVELS: Record<string, DiagLogLevel> = {
  NONE: DiagLogLevel.NONE,
  ERROR: DiagLogLevel.ERROR,
  WARN: DiagLogLevel.WARN,
  INFO: DiagLogLevel.INFO,
  DEBUG: DiagLogLevel.DEBUG,
  VERBOSE: DiagLogLevel.VERBOSE,
  ALL: DiagLogLevel.ALL,
};

/** Parses `OTEL_LOG_LEVEL` (case-insensitive); `undefined` when unset, empty or unknown. */
export function parseLogLevel(value: string | undefined): DiagLogLevel | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  return LEVELS[value.trim().toUpperCase()];
}
