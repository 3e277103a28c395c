/** Command-line options of the demo. */
export interface DemoArgs {
  /** Port of the MCP endpoint. @default 3000 */
  port: number;
  /** Client calls per second. @default 5 */
  rate: number;
  /** Stop after this many seconds; runs until Ctrl-C when absent. */
  durationSeconds: number | undefined;
}

const USAGE = 'usage: npm start -- [--duration <seconds>] [--port <port>] [--rate <calls per second>]';

/** Parses `--duration`, `--port` and `--rate`; throws with the usage line on anything else. */
export function parseDemoArgs(argv: string[]): DemoArgs {
  const args: DemoArgs = { port: 3000, rate: 5, durationSeconds: undefined };
  for (let i = 0; i < argv.length; i += 2) {
    const flag = argv[i];
    const value = Number(argv[i + 1]);
    if (!Number.isFinite(value) || value < 0) throw new Error(`${flag} needs a non-negative number, got "${argv[i + 1]}". ${USAGE}`);
    if (flag === '--duration') args.durationSeconds = value;
    else if (flag === '--port') args.port = value;
    else if (flag === '--rate' && value > 0) args.rate = value;
    else throw new Error(`unknown option "${flag}". ${USAGE}`);
  }
  return args;
}
