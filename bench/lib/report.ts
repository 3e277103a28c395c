/** Plain-text tables for the console (the bench is a tool, so stdout is its output). */
import type { TargetOutcome } from './check-targets.js';
import { formatValue, type Figure } from './figures.js';
import type { MachineInfo } from './machine.js';

function table(rows: string[][], rightAligned: ReadonlySet<number>): string {
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => (r[c] ?? '').length)));
  return rows
    .map((r) => r.map((cell, c) => (rightAligned.has(c) ? cell.padStart(widths[c]!) : cell.padEnd(widths[c]!))).join('  ').trimEnd())
    .join('\n');
}

export function formatMachine(m: MachineInfo): string {
  return `${m.date}  node ${m.node}  nproc ${m.nproc}  cpu ${m.cpu}\n$ ${m.command}`;
}

export function formatFigures(title: string, figures: readonly Figure[]): string {
  const rows = figures.map((f) => [formatValue(f.value, f.unit), f.id, f.label]);
  return `\n## ${title}\n${rows.length === 0 ? '(none)' : table(rows, new Set([0]))}`;
}

export function formatTargets(outcomes: readonly TargetOutcome[]): string {
  const width = Math.max(...outcomes.map((o) => o.status.length));
  const lines = outcomes.map((o) => `${o.status.padEnd(width)}  ${o.target.text}\n${' '.repeat(width)}    ${o.detail}`);
  return `\n## Targets (issue 5)\n${lines.join('\n')}`;
}
