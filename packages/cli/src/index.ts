export { runCli } from './run-cli.js';
export type { CliOutput } from './run-cli.js';
export { checkConfig } from './commands/check-config.js';
export type { CheckConfigResult, CheckConfigInput } from './commands/check-config.js';
export { printSchema } from './commands/print-schema.js';
export { prometheusRules } from './commands/prometheus-rules.js';
export type { PrometheusRulesCommandResult } from './commands/prometheus-rules.js';
