import { diag, DiagLogLevel } from '@opentelemetry/api';

/** Every `diag` message at warn and error level, until `restore()`. */
export interface DiagCapture {
  warnings: string[];
  errors: string[];
  restore(): void;
}

/** Installs a `diag` logger that records warnings and errors (other levels are ignored). */
export function captureDiag(): DiagCapture {
  const warnings: string[] = [];
  const errors: string[] = [];
  const ignore = (): void => undefined;
  diag.setLogger(
    {
      error: (message, ...args) => errors.push([message, ...args.map(String)].join(' ')),
      warn: (message, ...args) => warnings.push([message, ...args.map(String)].join(' ')),
      info: ignore,
      debug: ignore,
      verbose: ignore,
    },
    { logLevel: DiagLogLevel.WARN, suppressOverrideMessage: true },
  );
  return { warnings, errors, restore: () => diag.disable() };
}
