import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ExportResultCode } from '@opentelemetry/core';
import type { ExportResult } from '@opentelemetry/core';
import type { ResourceMetrics } from '@opentelemetry/sdk-metrics';
import { FileMetricExporter } from '../../../src/exporters/file/file-exporter.js';
import type { FileSink } from '../../../src/exporters/file/file-sink.js';
import { describeWithPeer } from '../../peers/describe-with-peer.js';
import { pollUntil } from '../../peers/poll.js';
import { loadOtlpMetricsProto, otlpJsonProblems } from '../../peers/otlp-proto.js';
import type { OtlpExportRequest } from '../../peers/otlp-decoded.js';
import { promtoolCheckMetrics } from '../../peers/promtool.js';
import { captureDiag } from '../statsd/capture-diag.js';
import type { DiagCapture } from '../statsd/capture-diag.js';
import { filePipeline } from './file-pipeline.js';
import type { FilePipeline } from './file-pipeline.js';

/** The counter value each JSONL line carries, decoded with the official OTLP definitions. */
function decodeCounterValues(file: string, name: string): number[] {
  const { request } = loadOtlpMetricsProto();
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => {
      const json: unknown = JSON.parse(line);
      expect(otlpJsonProblems(request, json)).toEqual([]);
      const decoded = request.toObject(request.fromObject(json as Record<string, unknown>), {
        longs: String,
        enums: String,
        arrays: true,
      }) as OtlpExportRequest;
      const metric = decoded.resourceMetrics
        .flatMap((resource) => resource.scopeMetrics.flatMap((scope) => scope.metrics))
        .find((candidate) => candidate.name === name);
      return metric?.sum?.dataPoints.reduce((sum, point) => sum + (point.asDouble ?? Number(point.asInt ?? 0)), 0) ?? Number.NaN;
    });
}

describe('FileMetricExporter', () => {
  let dir: string;
  let pipeline: FilePipeline | undefined;
  let diagnostics: DiagCapture;

  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'mcp-otel-file-'));
    diagnostics = captureDiag();
  });
  afterEach(async () => {
    await pipeline?.shutdown();
    pipeline = undefined;
    diagnostics.restore();
    rmSync(dir, { recursive: true, force: true });
  });

  describeWithPeer('otlp-proto', 'jsonl', () => {
    it('appends one decodable OTLP line per collection, and the last one on shutdown', async () => {
      const file = path.join(dir, 'metrics.jsonl');
      pipeline = filePipeline({ path: file, format: 'jsonl' });
      const calls = pipeline.meter.createCounter('mcp.tool.calls');
      for (const increment of [1, 2, 3]) {
        calls.add(increment, { 'mcp.tool.name': 'echo' });
        await pipeline.flush();
      }
      calls.add(10, { 'mcp.tool.name': 'echo' });
      await pipeline.shutdown();
      pipeline = undefined;
      expect(decodeCounterValues(file, 'mcp.tool.calls')).toEqual([1, 3, 6, 16]);
      expect(diagnostics.errors).toEqual([]);
    });

    it('rotates under a burst: never more than maxFiles files, each within maxBytes, newest lines kept in order', async () => {
      const file = path.join(dir, 'metrics.jsonl');
      writeFileSync(`${file}.7`, 'left by an earlier run with more files\n');
      pipeline = filePipeline({ path: file, format: 'jsonl', rotation: { maxBytes: 2048, maxFiles: 3, intervalMs: undefined } });
      const calls = pipeline.meter.createCounter('burst.calls');
      for (let i = 1; i <= 60; i++) {
        calls.add(1);
        await pipeline.flush();
      }
      const names = readdirSync(dir).sort();
      expect(names).toEqual(['metrics.jsonl', 'metrics.jsonl.1', 'metrics.jsonl.2']);
      for (const name of names) expect(statSync(path.join(dir, name)).size).toBeLessThanOrEqual(2048);
      const values = [`${file}.2`, `${file}.1`, file].flatMap((part) => decodeCounterValues(part, 'burst.calls'));
      // The newest collections survive, contiguous and in order, ending with the last one.
      expect(values.at(-1)).toBe(60);
      expect(values).toEqual(Array.from({ length: values.length }, (_, i) => 60 - values.length + 1 + i));
      expect(values.length).toBeGreaterThan(3);
      expect(pipeline.exporter.stats()).toEqual({ writtenExports: 60, droppedExports: 0 });
    });
  });

  it('rotates when the interval has passed, by the injected clock', async () => {
    const file = path.join(dir, 'metrics.jsonl');
    let now = 1_000_000;
    pipeline = filePipeline(
      { path: file, format: 'jsonl', rotation: { maxBytes: 1 << 20, maxFiles: 2, intervalMs: 60_000 } },
      { now: () => now },
    );
    pipeline.meter.createCounter('calls').add(1);
    await pipeline.flush();
    now += 59_999;
    await pipeline.flush();
    expect(existsSync(`${file}.1`)).toBe(false);
    now += 1;
    await pipeline.flush();
    expect(readFileSync(`${file}.1`, 'utf8').split('\n').filter(Boolean)).toHaveLength(2);
    expect(readFileSync(file, 'utf8').split('\n').filter(Boolean)).toHaveLength(1);
  });

  it('keeps a single file with maxFiles 1 by starting it over', async () => {
    const file = path.join(dir, 'metrics.jsonl');
    pipeline = filePipeline({ path: file, format: 'jsonl', rotation: { maxBytes: 600, maxFiles: 1, intervalMs: undefined } });
    pipeline.meter.createCounter('calls').add(1);
    for (let i = 0; i < 10; i++) await pipeline.flush();
    expect(readdirSync(dir)).toEqual(['metrics.jsonl']);
    expect(statSync(file).size).toBeLessThanOrEqual(600);
  });

  describeWithPeer('prometheus', 'prometheus', () => {
    it('replaces the snapshot atomically with each collection; promtool accepts it', async () => {
      const file = path.join(dir, 'metrics.prom');
      pipeline = filePipeline({ path: file, format: 'prometheus' });
      const calls = pipeline.meter.createCounter('mcp.tool.calls');
      pipeline.meter.createHistogram('mcp.tool.duration', { unit: 's' }).record(0.3, { 'mcp.tool.name': 'echo' });
      calls.add(2, { 'mcp.tool.name': 'echo' });
      await pipeline.flush();
      expect(readFileSync(file, 'utf8')).toMatch(/^mcp_tool_calls_total\{mcp_tool_name="echo",[^}]*\} 2$/m);
      calls.add(5, { 'mcp.tool.name': 'echo' });
      await pipeline.flush();
      const text = readFileSync(file, 'utf8');
      expect(text).toMatch(/^mcp_tool_calls_total\{mcp_tool_name="echo",[^}]*\} 7$/m);
      expect(text.match(/^# TYPE mcp_tool_calls_total counter$/gm)).toHaveLength(1); // replaced, not appended
      expect(readdirSync(dir)).toEqual(['metrics.prom']); // no temporary file left behind
      expect(await promtoolCheckMetrics(text)).toEqual({ exitCode: 0, output: '' });
    });
  });

  it('reports a path it cannot write once, with the path and the fix, and never fails the export', async () => {
    // Tests run as root, for whom chmod does not make a directory unwritable; a regular file used
    // as a directory fails for everyone (ENOTDIR).
    const notADirectory = path.join(dir, 'a-file');
    writeFileSync(notADirectory, '');
    const file = path.join(notADirectory, 'metrics.jsonl');
    pipeline = filePipeline({ path: file, format: 'jsonl' });
    const calls = pipeline.meter.createCounter('calls');
    for (let i = 0; i < 3; i++) {
      calls.add(1);
      await pipeline.flush(); // resolves: no crash, no rejection
    }
    expect(diagnostics.errors).toHaveLength(1);
    expect(diagnostics.errors[0]).toContain(file);
    expect(diagnostics.errors[0]).toContain('ENOTDIR');
    expect(diagnostics.errors[0]).toContain('Fix: a part of');
    expect(pipeline.exporter.stats()).toEqual({ writtenExports: 0, droppedExports: 3 });
  });

  it('reports a full disk once with the fix (/dev/full answers every write with ENOSPC)', async () => {
    pipeline = filePipeline({ path: '/dev/full', format: 'jsonl' });
    pipeline.meter.createCounter('calls').add(1);
    await pipeline.flush();
    await pipeline.flush();
    expect(diagnostics.errors).toEqual([expect.stringMatching(/\/dev\/full: ENOSPC.*Fix: the disk \(or quota\) holding \/dev is full/)]);
    expect(pipeline.exporter.stats()).toEqual({ writtenExports: 0, droppedExports: 2 });
  });

  it('reports a missing directory once, then writes once it exists, without losing the counts', async () => {
    const missing = path.join(dir, 'not-yet');
    const file = path.join(missing, 'metrics.jsonl');
    pipeline = filePipeline({ path: file, format: 'jsonl' });
    const calls = pipeline.meter.createCounter('calls');
    calls.add(4);
    await pipeline.flush();
    await pipeline.flush();
    expect(diagnostics.errors).toEqual([expect.stringContaining(`create it (mkdir -p ${missing})`)]);
    mkdirSync(missing);
    calls.add(1);
    await pipeline.flush();
    // Cumulative: the line written after the fix carries everything recorded during the outage.
    expect(readFileSync(file, 'utf8')).toContain('"asDouble":5');
    expect(pipeline.exporter.stats()).toEqual({ writtenExports: 1, droppedExports: 2 });
    expect(diagnostics.errors).toHaveLength(1);
  });

  it('drops collections beyond two pending writes when the disk is slow, and always calls back', async () => {
    const releases: (() => void)[] = [];
    const slowSink: FileSink = {
      write: () => new Promise<void>((resolve) => releases.push(resolve)),
      close: () => Promise.resolve(),
    };
    const exporter = new FileMetricExporter('/slow/metrics.jsonl', 'jsonl', slowSink);
    const empty = { resource: { attributes: {} }, scopeMetrics: [] } as unknown as ResourceMetrics;
    const results: ExportResult[] = [];
    for (let i = 0; i < 4; i++) exporter.export(empty, (result) => results.push(result));
    expect(results).toHaveLength(2); // the last two were dropped at once
    expect(diagnostics.errors).toEqual([expect.stringContaining('slower than the collection interval')]);
    for (let i = 0; i < 2; i++) {
      // The writes run one after the other: release each as the disk is asked for it.
      await pollUntil(() => Promise.resolve(releases.length > 0 ? true : undefined), { what: `write ${i + 1}`, intervalMs: 1 });
      releases.shift()!();
    }
    await exporter.shutdown();
    expect(results).toHaveLength(4);
    expect(results.every((result) => result.code === ExportResultCode.SUCCESS)).toBe(true);
    expect(exporter.stats()).toEqual({ writtenExports: 2, droppedExports: 2 });
  });
});
