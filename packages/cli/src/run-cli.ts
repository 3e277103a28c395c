import { checkConfig } from './commands/check-config.js';
import { printSchema } from './commands/print-schema.js';
import { prometheusRules } from './commands/prometheus-rules.js';

/** The outcome of one CLI invocation: what to print where, and the exit code. */
export interface CliOutput {
  stdout: string;
  stderr: string;
  exitCode: number;
}

const USAGE = `usage: mcp-otel <command>

commands:
  check-config [file]   resolve the config (file, else $MCP_OTEL_CONFIG, plus OTEL_* variables) and
                        print it as JSON, or list every problem and exit 1
  rules [file]          print the config's alert rules as a Prometheus rules file (for rule_files and
                        promtool check rules); exit 1 listing any rule PromQL cannot hold
  schema                print the JSON Schema of the config file
  help                  print this text
`;

/** Runs the CLI on `argv` (without `node` and the script) and returns what to print; never exits. */
export function runCli(argv: readonly string[], env: Record<string, string | undefined>): CliOutput {
  const [command, ...rest] = argv;
  switch (command) {
    case 'check-config': {
      if (rest.length > 1) return usageError(`check-config takes at most one file, got ${rest.length}`);
      const result = checkConfig({ configFile: rest[0], env });
      if (result.ok) return { stdout: JSON.stringify(result.config, null, 2) + '\n', stderr: 'config OK\n', exitCode: 0 };
      return { stdout: '', stderr: `config has ${result.problems.length} problem(s):\n${result.problems.map((p) => `  - ${p}`).join('\n')}\n`, exitCode: 1 };
    }
    case 'rules': {
      if (rest.length > 1) return usageError(`rules takes at most one file, got ${rest.length}`);
      const result = prometheusRules({ configFile: rest[0], env });
      if (!result.ok) return { stdout: '', stderr: `config has ${result.problems.length} problem(s):\n${result.problems.map((p) => `  - ${p}`).join('\n')}\n`, exitCode: 1 };
      if (result.problems.length === 0) return { stdout: result.yaml, stderr: '', exitCode: 0 };
      return { stdout: result.yaml, stderr: `${result.problems.length} rule problem(s), left out of the file:\n${result.problems.map((p) => `  - ${p}`).join('\n')}\n`, exitCode: 1 };
    }
    case 'schema':
      return { stdout: printSchema(), stderr: '', exitCode: 0 };
    case 'help':
    case '--help':
    case '-h':
    case undefined:
      return { stdout: USAGE, stderr: '', exitCode: command === undefined ? 2 : 0 };
    default:
      return usageError(`unknown command "${command}"`);
  }
}

function usageError(message: string): CliOutput {
  return { stdout: '', stderr: `mcp-otel: ${message}\n\n${USAGE}`, exitCode: 2 };
}
