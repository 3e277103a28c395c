import * as fsPromises from 'node:fs/promises';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { instrumentFileSystem } from '@mcp-otel/instrumentation';
import { series, TestMetrics, total } from '../helpers/test-metrics.js';

const DURATION = 'db.client.operation.duration';

describe('instrumentFileSystem on node:fs/promises', () => {
  let metrics: TestMetrics;
  let dir: string;
  beforeEach(async () => {
    metrics = new TestMetrics();
    dir = await mkdtemp(path.join(os.tmpdir(), 'mcp-otel-fs-'));
  });
  afterEach(async () => {
    await metrics.shutdown();
    await rm(dir, { recursive: true, force: true });
  });

  it('records reads and writes with their bytes, never a path', async () => {
    const fs = instrumentFileSystem(fsPromises, { name: 'workspace', meterProvider: metrics.provider });
    const file = path.join(dir, 'private-notes.md');
    await fs.writeFile(file, 'héllo'); // 6 bytes in UTF-8
    await fs.appendFile(file, Buffer.from([1, 2, 3]));
    expect(await fs.readFile(file)).toHaveLength(9);
    expect(await fs.readdir(dir)).toEqual(['private-notes.md']);
    const collected = await metrics.collect();
    expect(series(collected.get(DURATION))).toEqual([
      'db.operation.name=appendFile,db.system.name=filesystem,mcp_otel.storage.name=workspace => 1',
      'db.operation.name=readFile,db.system.name=filesystem,mcp_otel.storage.name=workspace => 1',
      'db.operation.name=readdir,db.system.name=filesystem,mcp_otel.storage.name=workspace => 1',
      'db.operation.name=writeFile,db.system.name=filesystem,mcp_otel.storage.name=workspace => 1',
    ]);
    const io = collected.get('mcp_otel.storage.io');
    expect(total(io, { 'mcp_otel.storage.io.direction': 'write' })).toBe(9);
    expect(total(io, { 'mcp_otel.storage.io.direction': 'read' })).toBe(9);
    expect(JSON.stringify([...collected.values()])).not.toContain('private-notes');
  });

  it('gives a failure its code as error.type, rejects with the same error, and leaves the fs module untouched', async () => {
    const readFile = fsPromises.readFile;
    const fs = instrumentFileSystem(fsPromises, { meterProvider: metrics.provider });
    expect(fsPromises.readFile).toBe(readFile);
    expect(fs.readFile).not.toBe(readFile);
    expect(fs.constants).toBe(fsPromises.constants);
    let thrown: unknown;
    await fs.readFile(path.join(dir, 'missing')).catch((error: unknown) => (thrown = error));
    expect((thrown as NodeJS.ErrnoException).code).toBe('ENOENT');
    const collected = await metrics.collect();
    expect(series(collected.get(DURATION))).toEqual(['db.operation.name=readFile,db.response.status_code=ENOENT,db.system.name=filesystem,error.type=ENOENT => 1']);
  });
});
