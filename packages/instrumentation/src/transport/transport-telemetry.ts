import type { Attributes, BatchObservableCallback, Histogram, Meter, MeterProvider, Observable, ObservableCounter, ObservableUpDownCounter } from '@opentelemetry/api';
import {
  MESSAGE_SIZE_BUCKETS,
  METRIC_MCP_OTEL_TRANSPORT_ACTIVE_CONNECTIONS,
  METRIC_MCP_OTEL_TRANSPORT_ACTIVE_REQUESTS,
  METRIC_MCP_OTEL_TRANSPORT_CONNECT_DURATION,
  METRIC_MCP_OTEL_TRANSPORT_ERRORS,
  METRIC_MCP_OTEL_TRANSPORT_MESSAGE_SIZE,
  METRIC_MCP_OTEL_TRANSPORT_MESSAGES,
} from '../mcp-otel-names.js';
import { now } from '../clock.js';
import { PerProvider, ProviderBound } from '../provider-bound.js';
import { reportFailure } from '../safe.js';
import { MCP_DURATION_BUCKETS } from '../semconv.js';
import { TransportCells } from './transport-cells.js';
import type { TransportProfile } from './transport-profile.js';
import type { TransportState } from './transport-state.js';
import { utf8Length } from './utf8-length.js';

/** Meter (instrumentation scope) of the transport metrics. */
export const TRANSPORT_METER_NAME = '@mcp-otel/instrumentation/transport';

type Instruments = {
  readonly meter: Meter;
  readonly messageSize: Histogram;
  readonly connectDuration: Histogram;
  readonly observables: Observable[];
  readonly callback: BatchObservableCallback;
};

/**
 * Transport metrics for one meter provider: counters live in {@link TransportCells} shared by all
 * transports of a profile and are reported by one batch observable callback; the two histograms
 * (connect duration, opt-in message size) are recorded synchronously because they are rare or opt-in.
 * Before each report, requests in flight past their transport's `inFlightTimeoutMs` are expired.
 */
export class TransportTelemetry {
  private readonly cells = new Map<string, TransportCells>();
  private readonly bound: ProviderBound<Instruments>;
  /**
   * Transports that have had requests in flight since the last sweep. Held strongly only until their
   * requests are answered or expire, so a transport dropped without `close()` is freed at the latest
   * one timeout later.
   */
  private readonly expiring = new Set<TransportState>();

  constructor(injected: MeterProvider | undefined) {
    this.bound = new ProviderBound(
      injected,
      TRANSPORT_METER_NAME,
      (meter) => this.createInstruments(meter),
      (old) => old.meter.removeBatchObservableCallback(old.callback, old.observables),
    );
  }

  /** The shared cells of a profile; profiles are few (one per transport kind), so this map stays small. */
  cellsFor(profile: TransportProfile): TransportCells {
    const key = `${profile.type}|${profile.networkTransport ?? ''}|${profile.protocolName ?? ''}`;
    let cells = this.cells.get(key);
    if (cells === undefined) {
      cells = new TransportCells(profile);
      this.cells.set(key, cells);
    }
    return cells;
  }

  /** Records a message's size as JSON text in UTF-8 bytes (`recordMessageSize`). */
  recordMessageSize(message: unknown, attributes: Attributes): void {
    // Guarded on its own: a message JSON cannot serialize (a cycle, a BigInt) must not stop the timing.
    try {
      const json = JSON.stringify(message);
      if (typeof json !== 'string') return;
      this.instruments().messageSize.record(utf8Length(json), attributes);
    } catch (error) {
      reportFailure('measuring a message size', error);
    }
  }

  /** Sweeps `state` for stale requests at each collection until it has none in flight. */
  trackExpiry(state: TransportState): void {
    this.expiring.add(state);
  }

  /** Ends every request in flight past its transport's timeout (see `inFlightTimeoutMs`). */
  expireStale(at: number): void {
    for (const state of this.expiring) {
      try {
        if (!state.expireStale(at)) this.expiring.delete(state);
      } catch (error) {
        this.expiring.delete(state);
        reportFailure('expiring stale requests', error);
      }
    }
  }

  /** Instruments of the current provider; calling it also moves the observers to a new global provider. */
  instruments(): Instruments {
    return this.bound.get();
  }

  private createInstruments(meter: Meter): Instruments {
    const messages: ObservableCounter = meter.createObservableCounter(METRIC_MCP_OTEL_TRANSPORT_MESSAGES, {
      description: 'JSON-RPC messages sent and received over MCP transports, by direction and kind.',
      unit: '{message}',
    });
    const activeConnections: ObservableUpDownCounter = meter.createObservableUpDownCounter(METRIC_MCP_OTEL_TRANSPORT_ACTIVE_CONNECTIONS, {
      description: 'MCP transports started and not yet closed.',
      unit: '{connection}',
    });
    const activeRequests: ObservableUpDownCounter = meter.createObservableUpDownCounter(METRIC_MCP_OTEL_TRANSPORT_ACTIVE_REQUESTS, {
      description: 'JSON-RPC requests sent or received that have no response yet.',
      unit: '{request}',
    });
    const errors: ObservableCounter = meter.createObservableCounter(METRIC_MCP_OTEL_TRANSPORT_ERRORS, {
      description: 'Errors reported by MCP transports: onerror callbacks, failed send() and start().',
      unit: '{error}',
    });
    const observables = [messages, activeConnections, activeRequests, errors];
    const callback: BatchObservableCallback = (result) => {
      const out = {
        messages: (v: number, a: Parameters<typeof result.observe>[2]) => result.observe(messages, v, a),
        activeConnections: (v: number, a: Parameters<typeof result.observe>[2]) => result.observe(activeConnections, v, a),
        activeRequests: (v: number, a: Parameters<typeof result.observe>[2]) => result.observe(activeRequests, v, a),
        errors: (v: number, a: Parameters<typeof result.observe>[2]) => result.observe(errors, v, a),
      };
      if (this.expiring.size > 0) this.expireStale(now());
      for (const cells of this.cells.values()) cells.observe(out);
    };
    meter.addBatchObservableCallback(callback, observables);
    return {
      meter,
      observables,
      callback,
      messageSize: meter.createHistogram(METRIC_MCP_OTEL_TRANSPORT_MESSAGE_SIZE, {
        description: 'Size of serialized JSON-RPC messages (JSON text, UTF-8, without transport framing).',
        unit: 'By',
        advice: { explicitBucketBoundaries: [...MESSAGE_SIZE_BUCKETS] },
      }),
      connectDuration: meter.createHistogram(METRIC_MCP_OTEL_TRANSPORT_CONNECT_DURATION, {
        description: "Time the transport's start() took to establish its connection.",
        unit: 's',
        advice: { explicitBucketBoundaries: [...MCP_DURATION_BUCKETS] },
      }),
    };
  }
}

/** One telemetry per injected provider, one for the global provider. */
export const transportTelemetry = new PerProvider((injected) => new TransportTelemetry(injected));
