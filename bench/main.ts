/**
 * `npm run bench` / `npm run bench:check`: runs the groups (each in a child process), prints every
 * figure, the comparison ratios and the issue's targets; `--json FILE` writes it all (and
 * `--markdown FILE` the tables of docs/performance.md); `--check`
 * exits 1 naming each missed or pending target. Noisy groups run `--repeat` times (3 with
 * --check) and every figure and ratio is the median over those runs.
 */
import { writeFileSync } from 'node:fs';
import { GROUPS } from './groups/registry.js';
import { checkTargets, isFailure } from './lib/check-targets.js';
import { parseArgs, type BenchArgs } from './lib/cli-args.js';
import { mergeRuns, type Figure, type GroupResult } from './lib/figures.js';
import { machineInfo } from './lib/machine.js';
import { toMarkdown } from './lib/markdown.js';
import { formatFigures, formatMachine, formatTargets } from './lib/report.js';
import { runGroupInChild } from './lib/run-child.js';
import { computeRatios } from './ratios.js';
import { TARGETS } from './targets.js';

/** One group: its runs, each with its ratios computed in-run, merged by median. */
async function runGroup(name: string, noisy: boolean, args: BenchArgs): Promise<GroupResult> {
  const runs: GroupResult[] = [];
  const count = noisy ? args.repeat : 1;
  for (let r = 0; r < count; r++) {
    process.stderr.write(`bench: ${name}${count > 1 ? ` (run ${r + 1}/${count})` : ''}...\n`);
    const run = await runGroupInChild(name, args.quick);
    runs.push({ ...run, figures: [...run.figures, ...computeRatios(run.figures)] });
  }
  return mergeRuns(runs);
}

async function main(): Promise<number> {
  const argv = process.argv.slice(2);
  const args = parseArgs(argv);
  const machine = machineInfo(argv);
  const selected = GROUPS.filter((g) => args.only.length === 0 || args.only.includes(g.name));
  const started = Date.now();
  console.log(`# mcp-otel bench\n${formatMachine(machine)}`);

  const results: GroupResult[] = [];
  const failedGroups: string[] = [];
  for (const group of selected) {
    try {
      const result = await runGroup(group.name, group.noisy, args);
      results.push(result);
      const figures = result.figures.filter((f) => f.unit !== 'x');
      const ratios = result.figures.filter((f) => f.unit === 'x');
      console.log(formatFigures(group.title, figures));
      if (ratios.length > 0) console.log(formatFigures(`${group.name}: ratios (same run${args.repeat > 1 && group.noisy ? ', median of runs' : ''})`, ratios));
      for (const note of result.notes) console.log(`  ${note}`);
    } catch (error) {
      failedGroups.push(group.name);
      console.log(`\n## ${group.title}\nERROR: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  const all: Figure[] = results.flatMap((r) => r.figures);
  const targets = TARGETS.filter((t) => selected.some((g) => g.name === t.group));
  const outcomes = checkTargets(targets, all);
  console.log(formatTargets(outcomes));
  console.log(`\nbench: ${selected.length} group(s) in ${((Date.now() - started) / 1000).toFixed(0)} s`);

  if (args.json !== undefined) {
    const json = {
      machine,
      repeat: args.repeat,
      groups: results,
      targets: outcomes.map((o) => ({ ...o.target, status: o.status, value: o.value, detail: o.detail })),
      failedGroups,
    };
    writeFileSync(args.json, `${JSON.stringify(json, null, 2)}\n`);
    process.stderr.write(`bench: wrote ${args.json}\n`);
  }

  if (args.markdown !== undefined) {
    writeFileSync(args.markdown, toMarkdown(machine, new Map(GROUPS.map((g) => [g.name, g.title])), results, outcomes));
    process.stderr.write(`bench: wrote ${args.markdown}\n`);
  }

  if (!args.check) return failedGroups.length === 0 ? 0 : 1;
  const missed = outcomes.filter(isFailure);
  for (const name of failedGroups) console.log(`bench:check: group "${name}" did not run to completion`);
  for (const o of missed) console.log(`bench:check: ${o.status === 'PENDING' ? 'PENDING' : 'MISSED'}: ${o.target.text} -- ${o.detail}`);
  const ok = missed.length === 0 && failedGroups.length === 0;
  console.log(ok ? `bench:check: all ${outcomes.length} targets met` : `bench:check: ${missed.length} of ${outcomes.length} targets not met`);
  return ok ? 0 : 1;
}

main().then(
  (code) => (process.exitCode = code),
  (error: unknown) => {
    process.stderr.write(`bench: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 2;
  },
);
