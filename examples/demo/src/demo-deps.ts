import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { LRUCache } from 'lru-cache';
import wabt from 'wabt';
import { instrumentCache, instrumentSqlite, instrumentWasm, lruCacheHooks } from '@mcp-otel/instrumentation';

/** The WebAssembly tool's exports (src/demo-math.wat). */
export interface DemoMath {
  /** The n-th Fibonacci number (u32, wraps); traps (`unreachable`) on a negative n. */
  fibonacci(n: number): number;
}

/** What every session's tools share: a report cache, a notes database, a WebAssembly module. */
export interface DemoDeps {
  reports: LRUCache<string, string>;
  notes: Database.Database;
  math: DemoMath;
  close(): void;
}

/**
 * Builds the shared dependencies, each instrumented in one line: the lru-cache in front of the slow
 * report tool (hits, misses, evictions, expirations), the SQLite store behind the notes tools
 * (db.client.operation.duration, file size) and the WebAssembly module behind `wasm_fibonacci`
 * (compile, calls, traps, memory). The module is built from its WAT source at startup with wabt.
 */
export async function createDemoDeps(): Promise<DemoDeps> {
  const reports = instrumentCache(new LRUCache<string, string>(lruCacheHooks({ max: 4, ttl: 10_000 })), { name: 'reports' });

  const dir = mkdtempSync(path.join(os.tmpdir(), 'mcp-otel-demo-'));
  const notes = instrumentSqlite(new Database(path.join(dir, 'notes.db')), { name: 'notes' });
  notes.exec('CREATE TABLE IF NOT EXISTS notes (id INTEGER PRIMARY KEY, text TEXT NOT NULL, created_at INTEGER NOT NULL)');

  const tools = await wabt();
  const source = readFileSync(path.join(__dirname, '..', 'src', 'demo-math.wat'), 'utf8');
  const parsed = tools.parseWat('demo-math.wat', source);
  const bytes = new Uint8Array(parsed.toBinary({}).buffer);
  parsed.destroy();
  const wasm = instrumentWasm(WebAssembly, { name: 'demo-math' });
  const { instance } = await wasm.instantiate(bytes, {});

  return {
    reports,
    notes,
    math: instance.exports as unknown as DemoMath,
    close: () => {
      notes.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
