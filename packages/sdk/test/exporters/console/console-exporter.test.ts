import { ExportResultCode } from '@opentelemetry/core';
import type { ExportResult } from '@opentelemetry/core';
import { MeterProvider, PeriodicExportingMetricReader } from '@opentelemetry/sdk-metrics';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { ConsoleExporter } from '../../../src/exporters/console/console-exporter';

async function exportOnce(format: 'table' | 'json'): Promise<{ written: string[]; stdout: string[] }> {
  const written: string[] = [];
  const stdout: string[] = [];
  const stdoutSpy = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    stdout.push(String(chunk));
    return true;
  });
  try {
    const exporter = new ConsoleExporter({ type: 'console', format }, (text) => written.push(text));
    const reader = new PeriodicExportingMetricReader({ exporter, exportIntervalMillis: 3_600_000 });
    const provider = new MeterProvider({ resource: resourceFromAttributes({ 'service.name': 'console-test' }), readers: [reader] });
    const meter = provider.getMeter('test');
    meter.createCounter('mcp.tool.calls', { unit: '{call}' }).add(3, { tool: 'echo' });
    meter.createHistogram('latency', { unit: 's', advice: { explicitBucketBoundaries: [1] } }).record(0.5);
    await provider.forceFlush();
    await provider.shutdown();
  } finally {
    stdoutSpy.mockRestore();
  }
  return { written, stdout };
}

describe('ConsoleExporter', () => {
  it('writes an aligned table with one line per data point, and nothing to stdout', async () => {
    const { written, stdout } = await exportOnce('table');
    expect(stdout).toEqual([]);
    const text = written.join('');
    expect(text).toContain('mcp.tool.calls{tool="echo"}  3 {call}');
    expect(text).toMatch(/latency +count=1 sum=0\.5 min=0\.5 max=0\.5 s/);
  });

  it('writes one JSON document per collection with resource, scopes and points', async () => {
    const { written } = await exportOnce('json');
    const doc = JSON.parse(written[0]!);
    expect(doc.resource['service.name']).toBe('console-test');
    const metrics = doc.scopeMetrics[0].metrics;
    expect(metrics[0]).toMatchObject({ name: 'mcp.tool.calls', unit: '{call}', type: 'SUM', dataPoints: [{ attributes: { tool: 'echo' }, value: 3 }] });
    expect(metrics[1].dataPoints[0].value).toEqual({ count: 1, sum: 0.5, min: 0.5, max: 0.5, buckets: { 'le=1': 1, 'le=+Inf': 0 } });
  });

  it('fails exports after shutdown instead of writing', async () => {
    const exporter = new ConsoleExporter({ type: 'console', format: 'json' }, () => {
      throw new Error('must not write');
    });
    await exporter.shutdown();
    const result = await new Promise<ExportResult>((resolve) => exporter.export({ resource: resourceFromAttributes({}), scopeMetrics: [] }, resolve));
    expect(result.code).toBe(ExportResultCode.FAILED);
  });

  it('reports a failing sink as a failed export rather than throwing', async () => {
    const exporter = new ConsoleExporter({ type: 'console', format: 'table' }, () => {
      throw new Error('EPIPE');
    });
    const result = await new Promise<ExportResult>((resolve) => exporter.export({ resource: resourceFromAttributes({}), scopeMetrics: [] }, resolve));
    expect(result).toMatchObject({ code: ExportResultCode.FAILED, error: new Error('EPIPE') });
  });
});
