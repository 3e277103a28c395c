import type { ConfigIssue } from '../config-error.js';
import { didYouMeanHint, mismatchIssue } from '../config-error.js';
import { envPath } from '../config-path.js';

/** Environment variables as `process.env` holds them. */
export type EnvSource = Readonly<Record<string, string | undefined>>;

/** What a parser makes of one variable: a value, or what was expected instead. */
export type EnvParseResult<T> =
  | { ok: true; value: T }
  | {
      ok: false;
      expected: string;
      /** A sentence after `got …, expected …`, e.g. why grpc is refused. */
      hint?: string;
      suggestion?: string;
      /** Shown instead of the raw value (redaction, or the one bad part of a list). */
      shown?: unknown;
    };

/** Turns the trimmed, non-empty text of a variable into a value. */
export type EnvParser<T> = (text: string) => EnvParseResult<T>;

/**
 * Reads environment variables for one resolution. Values are trimmed and an empty value counts as
 * unset (OTel spec). Each variable is parsed once: a bad value yields one issue (path `env NAME`)
 * however many exporters ask for it, and reads are lazy, so a variable that cannot affect the
 * result (e.g. shadowed by the config object) is never validated.
 */
export class EnvReader {
  readonly issues: ConfigIssue[] = [];
  private readonly parsed = new Map<string, unknown>();

  constructor(private readonly env: EnvSource) {}

  /** The trimmed text of a variable; `undefined` when unset or empty. */
  text(name: string): string | undefined {
    const value = this.env[name]?.trim();
    return value === undefined || value === '' ? undefined : value;
  }

  /** The parsed value of a variable; `undefined` when unset, empty or invalid (then an issue is recorded). */
  read<T>(name: string, parse: EnvParser<T>): T | undefined {
    if (this.parsed.has(name)) return this.parsed.get(name) as T | undefined;
    const text = this.text(name);
    let value: T | undefined;
    if (text !== undefined) {
      const result = parse(text);
      if (result.ok) value = result.value;
      else this.issues.push(envIssue(name, text, result));
    }
    this.parsed.set(name, value);
    return value;
  }
}

function envIssue(name: string, text: string, failure: Extract<EnvParseResult<unknown>, { ok: false }>): ConfigIssue {
  const hint = failure.hint ?? (failure.suggestion === undefined ? undefined : didYouMeanHint(failure.suggestion));
  const extra: { hint?: string; suggestion?: string } = {};
  if (hint !== undefined) extra.hint = hint;
  if (failure.suggestion !== undefined) extra.suggestion = failure.suggestion;
  return mismatchIssue(envPath(name), 'shown' in failure ? failure.shown : text, failure.expected, extra);
}
