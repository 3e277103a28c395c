import type { BatchObservableCallback, Counter, Histogram, Meter, MeterProvider, Observable } from '@opentelemetry/api';
import { PerProvider, ProviderBound } from '../provider-bound.js';
import { WasmModuleCells } from './wasm-module-cells.js';
import {
  METRIC_MCP_OTEL_WASM_CALL_DURATION,
  METRIC_MCP_OTEL_WASM_COMPILE_DURATION,
  METRIC_MCP_OTEL_WASM_INSTANCES,
  METRIC_MCP_OTEL_WASM_INSTANTIATE_DURATION,
  METRIC_MCP_OTEL_WASM_MEMORY_GROWS,
  METRIC_MCP_OTEL_WASM_MEMORY_SIZE,
  METRIC_MCP_OTEL_WASM_MODULE_SIZE,
  METRIC_MCP_OTEL_WASM_TRAPS,
  WASM_CALL_DURATION_BUCKETS,
  WASM_LOAD_DURATION_BUCKETS,
} from './wasm-names.js';

/** Meter (instrumentation scope) of the WebAssembly metrics; the `components` key is `wasm`. */
export const WASM_METER_NAME = '@mcp-otel/instrumentation/wasm';

export type WasmInstruments = {
  readonly meter: Meter;
  readonly compile: Histogram;
  readonly instantiate: Histogram;
  readonly call: Histogram;
  readonly traps: Counter;
  readonly observables: Observable[];
  readonly callback: BatchObservableCallback;
};

/**
 * The WebAssembly metrics of one meter provider. Calls, compiles and instantiations are recorded as
 * they end; instance counts, memory sizes and growth events live in {@link WasmModuleCells} and are
 * reported at collection. Instances are counted down by a `FinalizationRegistry` once garbage
 * collected: JavaScript has no other signal that an instance is gone, and a collector may run late
 * or, at exit, never (see docs/metrics.md).
 */
export class WasmTelemetry {
  private readonly modules = new Map<string, WasmModuleCells>();
  private readonly bound: ProviderBound<WasmInstruments>;
  readonly released = new FinalizationRegistry<WasmModuleCells>((cells) => {
    cells.liveInstances--;
  });

  constructor(injected: MeterProvider | undefined) {
    this.bound = new ProviderBound(
      injected,
      WASM_METER_NAME,
      (meter) => this.createInstruments(meter),
      (old) => old.meter.removeBatchObservableCallback(old.callback, old.observables),
    );
  }

  moduleCells(name: string): WasmModuleCells {
    let cells = this.modules.get(name);
    if (cells === undefined) {
      cells = new WasmModuleCells(name);
      this.modules.set(name, cells);
    }
    return cells;
  }

  instruments(): WasmInstruments {
    return this.bound.get();
  }

  private createInstruments(meter: Meter): WasmInstruments {
    const histogram = (name: string, description: string, buckets: readonly number[]) =>
      meter.createHistogram(name, { description, unit: 's', advice: { explicitBucketBoundaries: [...buckets] } });
    const moduleSize = meter.createObservableGauge(METRIC_MCP_OTEL_WASM_MODULE_SIZE, { description: 'Size of the WebAssembly module binary, as last compiled.', unit: 'By' });
    const instances = meter.createObservableUpDownCounter(METRIC_MCP_OTEL_WASM_INSTANCES, {
      description: 'WebAssembly instances created and not yet garbage collected.',
      unit: '{instance}',
    });
    const memorySize = meter.createObservableUpDownCounter(METRIC_MCP_OTEL_WASM_MEMORY_SIZE, { description: 'Linear memory of the live WebAssembly instances.', unit: 'By' });
    const grows = meter.createObservableCounter(METRIC_MCP_OTEL_WASM_MEMORY_GROWS, { description: 'Times a WebAssembly linear memory was seen to grow.', unit: '{grow}' });
    const observables: Observable[] = [moduleSize, instances, memorySize, grows];
    const callback: BatchObservableCallback = (result) => {
      for (const cells of this.modules.values()) {
        if (cells.moduleSize !== undefined) result.observe(moduleSize, cells.moduleSize, cells.base);
        result.observe(instances, cells.liveInstances, cells.base);
        const bytes = cells.memoryBytes();
        if (bytes !== undefined) result.observe(memorySize, bytes, cells.base);
        if (cells.grows > 0) result.observe(grows, cells.grows, cells.base);
      }
    };
    meter.addBatchObservableCallback(callback, observables);
    return {
      meter,
      observables,
      callback,
      compile: histogram(METRIC_MCP_OTEL_WASM_COMPILE_DURATION, 'Time compiling a WebAssembly module took.', WASM_LOAD_DURATION_BUCKETS),
      instantiate: histogram(METRIC_MCP_OTEL_WASM_INSTANTIATE_DURATION, 'Time instantiating a compiled WebAssembly module took.', WASM_LOAD_DURATION_BUCKETS),
      call: histogram(METRIC_MCP_OTEL_WASM_CALL_DURATION, 'Duration of calls into exported WebAssembly functions.', WASM_CALL_DURATION_BUCKETS),
      traps: meter.createCounter(METRIC_MCP_OTEL_WASM_TRAPS, { description: 'Calls into WebAssembly that ended in a trap, by kind.', unit: '{trap}' }),
    };
  }
}

/** One telemetry per injected provider, one for the global provider. */
export const wasmTelemetry = new PerProvider((injected) => new WasmTelemetry(injected));
