import { bundleForBrowser } from '../../support/browser-bundle.js';

// Issue 15 item 4 (bundle budget): the config schemas use zod/mini. Classic zod (`import { z } from
// 'zod'`) puts every method on every schema, and `z.core.*` reaches all of zod's core with its 40
// locales: either kept all of zod (443 KiB of the 662 KiB minified program) in a browser bundle.

/** The minimal browser program of issue 15 (the MCP SDK left out: it brings its own classic zod). */
const PROGRAM = `
import { startMetrics } from '@mcp-otel/sdk';
import { instrumentMcpClient } from '@mcp-otel/instrumentation';
export async function main(client) {
  await startMetrics({ serviceName: 'web-chat', exporters: [{ type: 'otlp', endpoint: '/v1/metrics', protocol: 'http/json' }] });
  instrumentMcpClient(client);
}`;

const UNWANTED = [/(^|\/)node_modules\/zod\/v4\/classic\//, /(^|\/)node_modules\/zod\/v4\/locales\//];

/** The zod modules with code in the bundle (the metafile's inputs list every module visited, kept or shaken off). */
async function zodInputs(program: string): Promise<string[]> {
  const bundle = await bundleForBrowser(program, { minify: true });
  const kept = Object.values(bundle.metafile.outputs).flatMap((output) => Object.entries(output.inputs).filter(([, input]) => input.bytesInOutput > 0));
  return kept.map(([path]) => path).filter((path) => /(^|\/)node_modules\/zod\//.test(path));
}

describe('zod in a browser bundle', () => {
  it('the minimal program keeps zod/mini and core only: no classic zod, no locale', async () => {
    const inputs = await zodInputs(PROGRAM);
    expect(inputs.some((input) => input.includes('node_modules/zod/v4/mini/'))).toBe(true);
    expect(inputs.filter((input) => UNWANTED.some((pattern) => pattern.test(input)))).toEqual([]);
  }, 60_000);

  it('the check sees classic zod and the locales when a program reaches them (it can fail)', async () => {
    const classic = await zodInputs(`import { z } from 'zod'; console.log(z.string());`);
    expect(classic.some((input) => UNWANTED[0]!.test(input))).toBe(true);
    const core = await zodInputs(`import * as z from 'zod/mini'; console.log(z.core.$ZodObject);`);
    expect(core.some((input) => UNWANTED[1]!.test(input))).toBe(true);
  }, 60_000);
});
