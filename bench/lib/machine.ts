/** What the figures were measured on: they only compare within one machine (and one run). */
import { readFileSync } from 'node:fs';
import { availableParallelism, cpus } from 'node:os';

export interface MachineInfo {
  date: string;
  node: string;
  nproc: number;
  cpu: string;
  command: string;
}

function cpuModel(): string {
  try {
    const line = readFileSync('/proc/cpuinfo', 'utf8').split('\n').find((l) => l.startsWith('model name'));
    if (line !== undefined) return line.split(':')[1]!.trim();
  } catch {
    // not Linux: fall back to what os.cpus() says
  }
  return cpus()[0]?.model ?? 'unknown';
}

/** The command as typed: `npm run bench -- ...` when npm started us, else the node command line. */
function commandLine(argv: readonly string[]): string {
  const script = process.env['npm_lifecycle_event'];
  if (script !== 'bench' && script !== 'bench:check') return ['node --expose-gc bench/dist/main.js', ...argv].join(' ');
  const extra = script === 'bench:check' ? argv.filter((a, i) => !(a === '--check' && i === argv.indexOf('--check'))) : argv;
  return `npm run ${script}${extra.length > 0 ? ` -- ${extra.join(' ')}` : ''}`;
}

export function machineInfo(argv: readonly string[]): MachineInfo {
  return {
    date: new Date().toISOString(),
    node: process.version,
    nproc: availableParallelism(),
    cpu: cpuModel(),
    command: commandLine(argv),
  };
}
