/**
 * The process environment, the default env source of the config pipeline. The only place the
 * config code touches `process.env`, so every other function takes env as a parameter (tests pass
 * their own).
 */
export function readProcessEnv(): Readonly<Record<string, string | undefined>> {
  return process.env;
}
