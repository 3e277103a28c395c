/** Evaluates bench/targets.ts against the figures of a run. */
import type { Target } from '../targets.js';
import { formatValue, type Figure } from './figures.js';

export type TargetStatus = 'pass' | 'FAIL' | 'PENDING' | 'stretch met' | 'stretch missed';

export interface TargetOutcome {
  target: Target;
  status: TargetStatus;
  /** The measured value, formatted, or what is missing. */
  detail: string;
  value?: number;
}

/** A target counts against `bench:check` unless it passed or is a stretch goal. */
export function isFailure(outcome: TargetOutcome): boolean {
  return outcome.status === 'FAIL' || outcome.status === 'PENDING';
}

function bound(target: Target, unit: Figure['unit']): string {
  const parts: string[] = [];
  if (target.min !== undefined) parts.push(`>= ${formatValue(target.min, unit)}`);
  if (target.max !== undefined) parts.push(`<= ${formatValue(target.max, unit)}`);
  return parts.join(' and ');
}

export function checkTargets(targets: readonly Target[], figures: readonly Figure[]): TargetOutcome[] {
  const byId = new Map(figures.map((f) => [f.id, f]));
  return targets.map((target) => {
    const figure = byId.get(target.figure);
    if (figure === undefined) {
      const ref = target.reference === undefined ? undefined : byId.get(target.reference);
      const today = ref === undefined ? '' : ` [today, ${ref.label}: ${formatValue(ref.value, ref.unit)}]`;
      return { target, status: 'PENDING', detail: `pending: ${target.missing}${today}` };
    }
    const ok = (target.min === undefined || figure.value >= target.min) && (target.max === undefined || figure.value <= target.max);
    const status: TargetStatus = target.stretch ? (ok ? 'stretch met' : 'stretch missed') : ok ? 'pass' : 'FAIL';
    return {
      target,
      status,
      value: figure.value,
      detail: `${formatValue(figure.value, figure.unit)} (target ${bound(target, figure.unit)}; ${target.figure})`,
    };
  });
}
