/** Renders a run as Markdown tables (`--markdown FILE`), for pasting into docs/performance.md. */
import type { TargetOutcome } from './check-targets.js';
import { formatValue, type GroupResult } from './figures.js';
import type { MachineInfo } from './machine.js';

const cell = (s: string) => s.replace(/\|/g, '\\|');

export function toMarkdown(machine: MachineInfo, titles: ReadonlyMap<string, string>, groups: readonly GroupResult[], outcomes: readonly TargetOutcome[]): string {
  const out: string[] = [
    `Measured ${machine.date} with \`${machine.command}\`: Node ${machine.node}, nproc ${machine.nproc}, CPU ${machine.cpu}.`,
  ];
  for (const group of groups) {
    for (const ratios of [false, true]) {
      const rows = group.figures.filter((f) => (f.unit === 'x') === ratios);
      if (rows.length === 0) continue;
      out.push('', `### ${titles.get(group.group) ?? group.group}${ratios ? ': ratios' : ''}`, '', '| value | figure | what |', '| ---: | --- | --- |');
      for (const f of rows) out.push(`| ${formatValue(f.value, f.unit)} | \`${f.id}\` | ${cell(f.label)} |`);
    }
    for (const note of group.notes) out.push('', `_${cell(note)}_`);
  }
  out.push('', '### Targets', '', '| status | target | measured |', '| --- | --- | --- |');
  for (const o of outcomes) out.push(`| ${o.status} | ${cell(o.target.text)} | ${cell(o.detail)} |`);
  return `${out.join('\n')}\n`;
}
