/**
 * `@opentelemetry/otlp-exporter-base` 0.223 loads `node:http` with a dynamic `import()`. Inside jest
 * that only works when Node runs with `--experimental-vm-modules` (scripts/test.mjs sets it in
 * NODE_OPTIONS); without it every OTLP export fails quietly. This turns that into one clear error.
 */
export async function assertOtlpExportCanRun(): Promise<void> {
  try {
    await import('node:http');
  } catch (error) {
    throw new Error(
      'OTLP exporters cannot run in this jest process: dynamic import() needs Node\'s --experimental-vm-modules. ' +
        'Run `npm test -- <path>` or `NODE_OPTIONS=--experimental-vm-modules npx jest <path>`. ' +
        `(${(error as Error).message})`,
    );
  }
}
