import { readFileSync } from 'node:fs';
import path from 'node:path';
import wabt from 'wabt';

/**
 * Builds a WebAssembly binary from WAT source with wabt (the reference toolkit, compiled to wasm:
 * no native build, 5.5 MB installed). Test modules are built from committed sources at run time.
 */
export async function watToWasm(source: string, name = 'module.wat'): Promise<Uint8Array<ArrayBuffer>> {
  const tools = await wabt();
  const module = tools.parseWat(name, source);
  try {
    module.validate();
    return new Uint8Array(module.toBinary({}).buffer);
  } finally {
    module.destroy();
  }
}

/** A fixture under test/fixtures/wasm/, built. */
export async function fixtureWasm(file: string): Promise<Uint8Array<ArrayBuffer>> {
  return watToWasm(readFileSync(path.join(__dirname, '..', 'fixtures', 'wasm', file), 'utf8'), file);
}
