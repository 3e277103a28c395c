import * as z from 'zod/mini';
import { durationToMs } from './duration.js';
import { described, duration, expecting, integer, optional } from './schema-fields.js';
import type { DurationInput } from './types.js';

/**
 * The in-memory metric history (`handle.history`, and what alert rules read): every series of the
 * process, one point per `resolution`, kept for `maxAge` in preallocated ring buffers.
 *
 * @example
 * ```ts
 * await startMetrics({ retention: { maxAge: '15m', resolution: '15s', maxSeries: 5000 } });
 * ```
 */
export interface RetentionConfig {
  /** How far back the history reaches, e.g. `"15m"`. */
  maxAge: DurationInput;
  /** Time between two points (one collection of every metric). @default "15s" */
  resolution?: DurationInput;
  /** Most series held; a new series beyond it is not kept (and counted). @default the `cardinalityLimit` */
  maxSeries?: number;
}

/** The resolved history settings (also derived from `alerts` when `retention` is not set). */
export interface ResolvedRetention {
  maxAgeMs: number;
  resolutionMs: number;
  maxSeries: number;
  /** Points per series: `floor(maxAge / resolution) + 1`. */
  pointsPerSeries: number;
}

export const RETENTION_DEFAULTS = { resolutionMs: 15_000 } as const;

export const retentionConfigSchema = described(
  z.strictObject(
    {
      maxAge: described(duration(1), { description: 'How far back the history reaches, e.g. "15m".' }),
      resolution: optional(duration(100), { description: 'Time between two points.', default: '15s' }),
      maxSeries: optional(integer(1), { description: 'Most series held. Default: the cardinalityLimit.' }),
    },
    expecting('an object like { "maxAge": "15m" }'),
  ),
  { title: 'Retention', description: 'The in-memory metric history (handle.history) that alert rules read.' },
);

/** Applies the defaults of a configured history. */
export function normalizeRetention(config: RetentionConfig, cardinalityLimit: number): ResolvedRetention {
  const resolutionMs = (config.resolution === undefined ? undefined : durationToMs(config.resolution)) ?? RETENTION_DEFAULTS.resolutionMs;
  const maxAgeMs = durationToMs(config.maxAge) ?? resolutionMs;
  return sizedRetention(maxAgeMs, resolutionMs, config.maxSeries ?? cardinalityLimit);
}

/** A history of `maxAgeMs` at `resolutionMs`. */
export function sizedRetention(maxAgeMs: number, resolutionMs: number, maxSeries: number): ResolvedRetention {
  return { maxAgeMs, resolutionMs, maxSeries, pointsPerSeries: Math.max(2, Math.floor(maxAgeMs / resolutionMs) + 1) };
}
