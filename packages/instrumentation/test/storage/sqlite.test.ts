import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { instrumentSqlite } from '@mcp-otel/instrumentation';
import { series, TestMetrics, total } from '../helpers/test-metrics.js';

const DURATION = 'db.client.operation.duration';

describe('instrumentSqlite on a real better-sqlite3 12 database', () => {
  let metrics: TestMetrics;
  let dir: string;
  beforeEach(() => {
    metrics = new TestMetrics();
    dir = mkdtempSync(path.join(os.tmpdir(), 'mcp-otel-sqlite-'));
  });
  afterEach(async () => {
    await metrics.shutdown();
    rmSync(dir, { recursive: true, force: true });
  });

  it('records every statement with db.system.name sqlite and a query summary, never a literal', async () => {
    const db = instrumentSqlite(new Database(path.join(dir, 'notes.db')), { name: 'notes', meterProvider: metrics.provider });
    db.exec('CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT NOT NULL)');
    const insert = db.prepare('INSERT INTO notes (text) VALUES (?)');
    for (const text of ['alpha', 'beta', 'secret value']) insert.run(text);
    expect(db.prepare('SELECT text FROM notes WHERE id = ?').get(1)).toEqual({ text: 'alpha' });
    expect(db.prepare('SELECT count(*) AS n FROM notes').pluck().get()).toBe(3);
    expect(db.prepare('SELECT text FROM notes ORDER BY id').all()).toHaveLength(3);
    const collected = await metrics.collect();
    expect(series(collected.get(DURATION))).toEqual([
      'db.query.summary=CREATE notes,db.system.name=sqlite,mcp_otel.storage.name=notes => 1',
      'db.query.summary=INSERT notes,db.system.name=sqlite,mcp_otel.storage.name=notes => 3',
      'db.query.summary=SELECT notes,db.system.name=sqlite,mcp_otel.storage.name=notes => 3',
    ]);
    expect(JSON.stringify([...collected.values()])).not.toContain('secret');
    // The database file's size, from SQLite's own page accounting (the adapter's reads are not counted).
    const pages = db.pragma('page_count', { simple: true }) as number;
    const pageSize = db.pragma('page_size', { simple: true }) as number;
    const again = await metrics.collect();
    expect(total(again.get('mcp_otel.storage.usage'))).toBe(pages * pageSize);
    expect(total(again.get(DURATION), { 'db.query.summary': 'PRAGMA page_count' })).toBe(1);
    db.close();
  });

  it('rethrows SQLite errors unchanged and records their class as error.type', async () => {
    const db = instrumentSqlite(new Database(':memory:'), { meterProvider: metrics.provider, usage: false });
    db.exec('CREATE TABLE t (id INTEGER PRIMARY KEY)');
    const insert = db.prepare('INSERT INTO t (id) VALUES (?)');
    insert.run(1);
    let thrown: unknown;
    try {
      insert.run(1);
    } catch (error) {
      thrown = error;
    }
    expect((thrown as { code?: string }).code).toBe('SQLITE_CONSTRAINT_PRIMARYKEY');
    // By name: the native addon keeps the SqliteError class of the first jest module registry that loaded it.
    expect((thrown as Error).name).toBe('SqliteError');
    expect((thrown as Error).message).toBe('UNIQUE constraint failed: t.id');
    const collected = await metrics.collect();
    expect(series(collected.get(DURATION))).toContain('db.query.summary=INSERT t,db.system.name=sqlite,error.type=SqliteError => 1');
    expect(collected.get('mcp_otel.storage.usage')).toBeUndefined();
    db.close();
  });

  it('keeps statements and the database as they were: chaining, this, instanceof, transactions', async () => {
    const raw = new Database(':memory:');
    const db = instrumentSqlite(raw, { meterProvider: metrics.provider });
    expect(db).toBe(raw);
    db.exec('CREATE TABLE kv (k TEXT PRIMARY KEY, v TEXT)');
    const put = db.prepare('INSERT INTO kv VALUES (?, ?)');
    expect(put.reader).toBe(false);
    const many = db.transaction((rows: [string, string][]) => rows.forEach((row) => put.run(...row)));
    many([['a', '1'], ['b', '2']]);
    const get = db.prepare('SELECT v FROM kv WHERE k = ?');
    expect(get.pluck()).toBe(get);
    expect(get.get('b')).toBe('2');
    expect(db).toBeInstanceOf(Database);
    expect(total((await metrics.collect()).get(DURATION), { 'db.query.summary': 'INSERT kv' })).toBe(2);
    db.close();
  });
});
