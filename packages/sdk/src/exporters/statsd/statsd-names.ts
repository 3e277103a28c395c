import type { Attributes } from '@opentelemetry/api';
import type { StatsdTagStyle } from './statsd-options.js';

// StatsD splits a line on `:` `|` `@` `#` and packets on newlines; Graphite paths are dotted.
// OTel names may also hold `/` (and attributes anything), so everything else becomes `_`.
const UNSAFE_NAME = /[^A-Za-z0-9_.-]/g;
const UNSAFE_TAG_KEY = /[^A-Za-z0-9_./-]/g;
// DogStatsD: `,` separates tags, `|` fields, `#` starts the tag list; whitespace ends a line.
const UNSAFE_DOGSTATSD_VALUE = /[,|#\s]/g;
// Graphite tags: `;` separates, `=` joins, `~` and `!` `^` are reserved; `:` `|` `@` `#` are StatsD's.
const UNSAFE_GRAPHITE_VALUE = /[;=~!^:|@#,\s]/g;

/** A metric name safe in any StatsD daemon: `[A-Za-z0-9_.-]`, anything else becomes `_`. */
export function sanitizeStatsdName(name: string): string {
  return name.replace(UNSAFE_NAME, '_');
}

/** `prefix` + `.` + `name`, sanitised; no dot is added when the prefix is empty or ends with one. */
export function prefixedStatsdName(prefix: string, name: string): string {
  const safe = sanitizeStatsdName(name);
  if (prefix === '') return safe;
  const safePrefix = sanitizeStatsdName(prefix);
  return safePrefix.endsWith('.') ? safePrefix + safe : `${safePrefix}.${safe}`;
}

/** Where the attributes of one data point go: into the key (Graphite) or after the type (DogStatsD). */
export interface StatsdTagParts {
  /** Appended to the metric name: `;k=v;k2=v2` (graphite) or empty. */
  keySuffix: string;
  /** Appended to the line: `|#k:v,k2:v2` (dogstatsd) or empty. */
  lineSuffix: string;
}

const NO_TAGS: StatsdTagParts = Object.freeze({ keySuffix: '', lineSuffix: '' });

/**
 * Attributes as tags in the chosen style, keys sorted so one series always has one key (the Etsy
 * daemon folds tags into the key in the order they arrive).
 */
export function formatStatsdTags(attributes: Attributes, style: StatsdTagStyle): StatsdTagParts {
  if (style === 'none') return NO_TAGS;
  const keys = Object.keys(attributes).sort();
  const tags: string[] = [];
  for (const key of keys) {
    const value = attributes[key];
    if (value === undefined || value === null) continue;
    const text = Array.isArray(value) ? value.join(',') : String(value);
    const safeKey = key.replace(UNSAFE_TAG_KEY, '_');
    if (style === 'dogstatsd') tags.push(`${safeKey}:${text.replace(UNSAFE_DOGSTATSD_VALUE, '_')}`);
    // Graphite rejects empty tag values; `_` keeps the series distinct from a missing attribute.
    else tags.push(`${safeKey}=${text === '' ? '_' : text.replace(UNSAFE_GRAPHITE_VALUE, '_')}`);
  }
  if (tags.length === 0) return NO_TAGS;
  return style === 'dogstatsd'
    ? { keySuffix: '', lineSuffix: `|#${tags.join(',')}` }
    : { keySuffix: `;${tags.join(';')}`, lineSuffix: '' };
}
