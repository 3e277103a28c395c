import { DiagLogLevel, diag } from '@opentelemetry/api';
import { createStderrDiagLogger, parseLogLevel } from '../diag/stderr-diag-logger.js';

/**
 * What the SDK tells the operator on its own: startup problems, an exporter that starts or stops
 * failing, the port picked for `port: 0`. One line each, on stderr (stdout is the MCP stdio wire),
 * with or without `OTEL_LOG_LEVEL`; that variable only raises or lowers the threshold.
 */
export interface Reporter {
  error(message: string): void;
  warn(message: string): void;
  info(message: string): void;
  /** Repeats and details: only through the OTel diag logger (`OTEL_LOG_LEVEL=debug`). */
  debug(message: string): void;
}

/** Options of {@link createReporter}. */
export interface ReporterOptions {
  /** `OTEL_LOG_LEVEL` as given; `none` silences the reporter. @default info */
  level?: string | undefined;
  /** Where a finished line goes. @default stderr */
  write?: (line: string) => void;
}

/** A reporter writing `[mcp-otel] <level> <message>` lines at or above the level. */
export function createReporter(options: ReporterOptions = {}): Reporter {
  const threshold = parseLogLevel(options.level) ?? DiagLogLevel.INFO;
  const logger = createStderrDiagLogger(options.write);
  return {
    error: (message) => threshold >= DiagLogLevel.ERROR && logger.error(message),
    warn: (message) => threshold >= DiagLogLevel.WARN && logger.warn(message),
    info: (message) => threshold >= DiagLogLevel.INFO && logger.info(message),
    debug: (message) => diag.debug(message),
  };
}

/** A reporter that says nothing, for pipelines built without one. */
export const SILENT_REPORTER: Reporter = { error: () => undefined, warn: () => undefined, info: () => undefined, debug: () => undefined };
