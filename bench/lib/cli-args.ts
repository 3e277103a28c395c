/** Command-line options of bench/main.ts. */
import { GROUPS } from '../groups/registry.js';

export interface BenchArgs {
  /** Compare against bench/targets.ts and exit 1 on any miss (`npm run bench:check`). */
  check: boolean;
  /** Write machine-readable results to this file. */
  json?: string;
  /** Write the figures as Markdown tables (for docs/performance.md) to this file. */
  markdown?: string;
  /** Groups to run. @default every group */
  only: string[];
  /** Runs per noisy group, merged by median. @default 1, or 3 with --check */
  repeat: number;
  /** Shorter sampling, for trying the suite out (figures noisier). @default false */
  quick: boolean;
}

export const USAGE = `usage: node --expose-gc bench/dist/main.js [--check] [--json FILE] [--markdown FILE] [--only GROUP[,GROUP]] [--repeat N] [--quick]
groups: ${GROUPS.map((g) => g.name).join(', ')}`;

/** Parses argv; throws an Error naming the bad argument and the fix. */
export function parseArgs(argv: readonly string[]): BenchArgs {
  const args: BenchArgs = { check: false, only: [], repeat: 0, quick: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const value = (): string => {
      const v = argv[++i];
      if (v === undefined || v.startsWith('--')) throw new Error(`${arg} needs a value\n${USAGE}`);
      return v;
    };
    if (arg === '--check') args.check = true;
    else if (arg === '--quick') args.quick = true;
    else if (arg === '--json') args.json = value();
    else if (arg === '--markdown') args.markdown = value();
    else if (arg === '--only') args.only.push(...value().split(',').filter((g) => g !== ''));
    else if (arg === '--repeat') {
      const v = value();
      args.repeat = Number(v);
      if (!Number.isInteger(args.repeat) || args.repeat < 1) throw new Error(`--repeat ${v}: expected a whole number >= 1`);
    } else throw new Error(`unknown argument "${arg}"\n${USAGE}`);
  }
  for (const name of args.only) {
    if (!GROUPS.some((g) => g.name === name)) throw new Error(`--only ${name}: no such group\n${USAGE}`);
  }
  if (args.repeat === 0) args.repeat = args.check ? 3 : 1;
  return args;
}
