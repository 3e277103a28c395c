import { DiagLogLevel } from '@opentelemetry/api';
import type { DiagLogger } from '@opentelemetry/api';
import { redactText } from '../redact/redact-text.js';
import { redactValue } from '../redact/redact-value.js';
import { writeStderr } from './write-stderr.js';

/**
 * A diag logger that writes to stderr only. OTel's `DiagConsoleLogger` sends `info`/`debug` to
 * `console.info`/`console.debug`, i.e. stdout, which would corrupt an MCP stdio transport.
 * Every line goes through the SDK's redaction rule: objects are redacted by key (`headers`,
 * `authorization`, `*token*`, ...), text by pattern (URL userinfo, `Bearer …`) and by the secret
 * values of the resolved configs, since OTel and Node compose much of this text.
 */
export function createStderrDiagLogger(write: (line: string) => void = writeStderr): DiagLogger {
  const log = (level: string) => (message: string, ...args: unknown[]) => {
    const rest = args.length === 0 ? '' : ' ' + args.map(formatArg).join(' ');
    write(redactText(`[mcp-otel] ${level} ${String(message)}${rest}`) + '\n');
  };
  return { error: log('error'), warn: log('warn'), info: log('info'), debug: log('debug'), verbose: log('verbose') };
}

function formatArg(arg: unknown): string {
  if (arg instanceof Error) return arg.stack ?? arg.message;
  if (typeof arg === 'string') return arg;
  try {
    return JSON.stringify(redactValue(arg)) ?? String(arg);
  } catch {
    return String(arg);
  }
}

const LEVELS = {
  none: DiagLogLevel.NONE,
  error: DiagLogLevel.ERROR,
  warn: DiagLogLevel.WARN,
  info: DiagLogLevel.INFO,
  debug: DiagLogLevel.DEBUG,
  verbose: DiagLogLevel.VERBOSE,
  all: DiagLogLevel.ALL,
} as const;

/** The values of `OTEL_LOG_LEVEL` (any case), as the OTel spec names them. */
export const LOG_LEVEL_NAMES = Object.keys(LEVELS) as readonly (keyof typeof LEVELS)[];

/**
 * Parses `OTEL_LOG_LEVEL` (case-insensitive); `undefined` when unset, empty or unknown. An unknown
 * value is also a config issue (`resolveConfig` names the variable, the value and the valid values).
 */
export function parseLogLevel(value: string | undefined): DiagLogLevel | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  const name = value.trim().toLowerCase();
  return Object.hasOwn(LEVELS, name) ? LEVELS[name as keyof typeof LEVELS] : undefined;
}
