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
  check-config [--show-secrets] [file]
                        resolve the config (file, else $MCP_OTEL_CONFIG, plus OTEL_* variables) and
                        print it as JSON, or list every problem and exit 1. Header values, URL
                        passwords and tokens print as [REDACTED]; --show-secrets prints them (for a
                        deliberate local look, never in CI logs)
  rules [file]          print the config's alert rules as a Prometheus rules file (for rule_files and
                        promtool check rules); exit 1 listing any rule PromQL cannot hold
  schema                print the JSON Schema of the config file
  help                  print this text
`;

const SHOW_SECRETS = '--show-secrets';
const HELP_FLAGS = new Set(['--help', '-h']);

/** Runs the CLI on `argv` (without `node` and the script) and returns what to print; never exits. */
export function runCli(argv: readonly string[], env: Record<string, string | undefined>): CliOutput {
  const [command, ...rest] = argv;
  // `mcp-otel check-config --help` asks for help, not for a file named "--help".
  if (command !== undefined && rest.some((arg) => HELP_FLAGS.has(arg))) return { stdout: USAGE, stderr: '', exitCode: 0 };
  switch (command) {
    case 'check-config':
      return runCheckConfig(rest, env);
    case 'rules': {
      const option = rest.find((arg) => arg.startsWith('-'));
      if (option !== undefined) return usageError(`rules has no option ${JSON.stringify(option)}`);
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

function runCheckConfig(args: readonly string[], env: Record<string, string | undefined>): CliOutput {
  const showSecrets = args.includes(SHOW_SECRETS);
  const files = args.filter((arg) => arg !== SHOW_SECRETS);
  const option = files.find((arg) => arg.startsWith('-'));
  if (option !== undefined) return usageError(`check-config has no option ${JSON.stringify(option)}`);
  if (files.length > 1) return usageError(`check-config takes at most one file, got ${files.length}`);
  const result = checkConfig({ configFile: files[0], env, showSecrets });
  if (!result.ok) {
    return { stdout: '', stderr: `config has ${result.count} problem(s):\n${result.problems.map((p) => `  - ${p}`).join('\n')}\n`, exitCode: 1 };
  }
  const note = showSecrets ? 'config OK (secrets shown: keep this output out of logs)\n' : 'config OK\n';
  return { stdout: JSON.stringify(result.config, null, 2) + '\n', stderr: note, exitCode: 0 };
}

function usageError(message: string): CliOutput {
  return { stdout: '', stderr: `mcp-otel: ${message}\n\n${USAGE}`, exitCode: 2 };
}
