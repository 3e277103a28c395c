/** Command-line options of the demo. */
export interface DemoArgs {
  /** Port of the MCP endpoint. @default 3000 */
  port: number;
  /** Port of the Prometheus endpoint; `undefined` leaves it to OTEL_EXPORTER_PROMETHEUS_PORT (else 9464). */
  metricsPort: number | undefined;
  /** Client calls per second. @default 5 */
  rate: number;
  /** Stop after this many seconds; runs until Ctrl-C when absent. */
  durationSeconds: number | undefined;
}

export const DEMO_USAGE = `usage: npm start -- [options]

  --port <port>            port of the MCP server (Streamable HTTP)        default 3000
  --metrics-port <port>    port of /metrics (0 picks a free one)           default 9464, or OTEL_EXPORTER_PROMETHEUS_PORT
  --rate <calls/second>    how often the demo client calls a tool          default 5
  --duration <seconds>     stop after this long                            default: until Ctrl-C
  --help                   print this text
`;

/** Parses the options above; `'help'` for `--help`/`-h`; throws with the usage on anything else. */
export function parseDemoArgs(argv: string[]): DemoArgs | 'help' {
  if (argv.includes('--help') || argv.includes('-h')) return 'help';
  const args: DemoArgs = { port: 3000, metricsPort: undefined, rate: 5, durationSeconds: undefined };
  for (let i = 0; i < argv.length; i += 2) {
    const flag = argv[i]!;
    const text = argv[i + 1];
    if (!['--port', '--metrics-port', '--rate', '--duration'].includes(flag)) throw new Error(`unknown option "${flag}".\n${DEMO_USAGE}`);
    const value = Number(text);
    const isPort = flag === '--port' || flag === '--metrics-port';
    if (text === undefined || !Number.isFinite(value) || value < 0 || (isPort && (!Number.isInteger(value) || value > 65535)) || (flag === '--rate' && value === 0)) {
      const expected = isPort ? 'a port 0..65535' : flag === '--rate' ? 'a number above 0' : 'a number of seconds >= 0';
      throw new Error(`${flag} needs ${expected}, got ${text === undefined ? 'nothing' : JSON.stringify(text)}.\n${DEMO_USAGE}`);
    }
    if (flag === '--duration') args.durationSeconds = value;
    else if (flag === '--port') args.port = value;
    else if (flag === '--metrics-port') args.metricsPort = value;
    else args.rate = value;
  }
  return args;
}
