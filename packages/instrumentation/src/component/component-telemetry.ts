import type { Attributes, BatchObservableCallback, Histogram, Meter, MeterProvider, Observable } from '@opentelemetry/api';
import { BoundedValues } from '../bounded-values.js';
import { PerProvider, ProviderBound } from '../provider-bound.js';
import { ATTR_ERROR_TYPE } from '../semconv.js';
import {
  ATTR_MCP_OTEL_COMPONENT_FUNCTION_NAME,
  ATTR_MCP_OTEL_COMPONENT_NAME,
  ATTR_MCP_OTEL_COMPONENT_OPERATION,
  COMPONENT_DURATION_BUCKETS,
  METRIC_MCP_OTEL_COMPONENT_ACTIVE,
  METRIC_MCP_OTEL_COMPONENT_HOST_CALLS,
  METRIC_MCP_OTEL_COMPONENT_OPERATION_DURATION,
} from './component-names.js';

/** Meter (instrumentation scope) of the component metrics; the `components` key is `component`. */
export const COMPONENT_METER_NAME = '@mcp-otel/instrumentation/component';

export type ComponentOperation = 'load' | 'instantiate' | 'invoke' | 'unload';

/** A cumulative count with its frozen attributes. */
export type CountCell = { count: number; readonly attributes: Attributes };

const MAX_FUNCTION_NAMES = 100;

/** Everything one component name shares: attribute sets, the active count, host-call counters. */
export class ComponentCells {
  readonly base: Attributes;
  active = 0;
  private readonly functionNames = new BoundedValues(MAX_FUNCTION_NAMES);
  private readonly operationAttributes = new Map<string, Attributes>();
  private readonly hostCalls = new Map<string, CountCell>();

  constructor(name: string) {
    this.base = Object.freeze({ [ATTR_MCP_OTEL_COMPONENT_NAME]: name });
  }

  /** Frozen attributes of an operation (of `fn` for `invoke`), failed with `errorType` if given. */
  operation(operation: ComponentOperation, fn: string | undefined, errorType?: string): Attributes {
    const name = fn === undefined ? undefined : this.functionNames.admit(fn);
    const key = `${operation}\u0000${name ?? ''}\u0000${errorType ?? ''}`;
    let attributes = this.operationAttributes.get(key);
    if (attributes === undefined) {
      const a: Attributes = { ...this.base, [ATTR_MCP_OTEL_COMPONENT_OPERATION]: operation };
      if (name !== undefined) a[ATTR_MCP_OTEL_COMPONENT_FUNCTION_NAME] = name;
      if (errorType !== undefined) a[ATTR_ERROR_TYPE] = errorType;
      attributes = Object.freeze(a);
      this.operationAttributes.set(key, attributes);
    }
    return attributes;
  }

  /** The host-call counter of an import (and of its failures with `errorType`). */
  hostCall(fn: string, errorType?: string): CountCell {
    const name = this.functionNames.admit(fn);
    const key = `${name}\u0000${errorType ?? ''}`;
    let cell = this.hostCalls.get(key);
    if (cell === undefined) {
      const a: Attributes = { ...this.base, [ATTR_MCP_OTEL_COMPONENT_FUNCTION_NAME]: name };
      if (errorType !== undefined) a[ATTR_ERROR_TYPE] = errorType;
      cell = { count: 0, attributes: Object.freeze(a) };
      this.hostCalls.set(key, cell);
    }
    return cell;
  }

  hostCallCells(): Iterable<CountCell> {
    return this.hostCalls.values();
  }
}

type Instruments = { readonly meter: Meter; readonly duration: Histogram; readonly observables: Observable[]; readonly callback: BatchObservableCallback };

/** The component metrics of one meter provider. */
export class ComponentTelemetry {
  private readonly components = new Map<string, ComponentCells>();
  private readonly bound: ProviderBound<Instruments>;
  /** Counts a component down when the exports object of {@link instrumentComponent} is collected. */
  readonly released = new FinalizationRegistry<ComponentCells>((cells) => {
    if (cells.active > 0) cells.active--;
  });

  constructor(injected: MeterProvider | undefined) {
    this.bound = new ProviderBound(
      injected,
      COMPONENT_METER_NAME,
      (meter) => this.createInstruments(meter),
      (old) => old.meter.removeBatchObservableCallback(old.callback, old.observables),
    );
  }

  cells(name: string): ComponentCells {
    let cells = this.components.get(name);
    if (cells === undefined) {
      cells = new ComponentCells(name);
      this.components.set(name, cells);
    }
    return cells;
  }

  duration(): Histogram {
    return this.bound.get().duration;
  }

  private createInstruments(meter: Meter): Instruments {
    const active = meter.createObservableUpDownCounter(METRIC_MCP_OTEL_COMPONENT_ACTIVE, { description: 'Components instantiated and not yet unloaded.', unit: '{component}' });
    const hostCalls = meter.createObservableCounter(METRIC_MCP_OTEL_COMPONENT_HOST_CALLS, { description: 'Calls components made into the host (their imports).', unit: '{call}' });
    const observables: Observable[] = [active, hostCalls];
    const callback: BatchObservableCallback = (result) => {
      for (const cells of this.components.values()) {
        result.observe(active, cells.active, cells.base);
        for (const cell of cells.hostCallCells()) if (cell.count > 0) result.observe(hostCalls, cell.count, cell.attributes);
      }
    };
    meter.addBatchObservableCallback(callback, observables);
    return {
      meter,
      observables,
      callback,
      duration: meter.createHistogram(METRIC_MCP_OTEL_COMPONENT_OPERATION_DURATION, {
        description: 'Duration of component lifecycle operations and invocations.',
        unit: 's',
        advice: { explicitBucketBoundaries: [...COMPONENT_DURATION_BUCKETS] },
      }),
    };
  }
}

/** One telemetry per injected provider, one for the global provider. */
export const componentTelemetry = new PerProvider((injected) => new ComponentTelemetry(injected));
