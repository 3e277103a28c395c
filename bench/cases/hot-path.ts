/**
 * The hot-path case table: one entry per (instrument, implementation). Each entry is expanded over
 * its attribute counts (0, 2, 5 by default) into figures `hot.<instrument>.<impl>.a<N>` (ns/call).
 * Adding an implementation, or later a cache/storage/WASM wrapper's write path, is one entry here.
 */
import { Counter as PromCounter, Histogram as PromHistogram, Registry } from 'prom-client';
import { createMetricsFacade, createMetricsPipeline, resolveConfig } from '@mcp-otel/sdk';
import type { ExporterConfig } from '@mcp-otel/sdk';
import type { MeterProvider } from '@opentelemetry/api';
import {
  ATTR_COUNTS,
  BOUNDS_15,
  HISTOGRAM_VALUES,
  LABEL_NAMES,
  attributeFactory,
  fixedAttributes,
  type AttrCount,
} from '../lib/attributes.js';
import { createOtelSetup, type OtelSetupOptions, type ReaderSetup } from '../lib/otel-provider.js';

/** What a case's setup returns: the measured call, and how to release what setup created. */
export interface HotPathFixture {
  /** One recording. Everything else (providers, instruments, handles) is built outside it. */
  fn: () => void;
  close?: () => Promise<void>;
}

/** One implementation of one instrument's write path. */
export interface HotPathCase {
  instrument: 'counter' | 'histogram';
  /** Short id used in figure ids and ratios, e.g. `otel`, `prom`, `facade-bound`. */
  impl: string;
  /** What the row measures, for the printed table. */
  label: string;
  /** Attribute counts to run. @default ATTR_COUNTS (0, 2, 5) */
  attrs?: readonly AttrCount[];
  setup(attrs: AttrCount): HotPathFixture;
}

const METRIC = 'bench_requests';

/** Raw OTel SDK counter: `counter.add(1, attrs)` with a fresh attribute literal per call. */
function otelCounter(readers: ReaderSetup, options?: OtelSetupOptions) {
  return (n: AttrCount): HotPathFixture => {
    const otel = createOtelSetup(readers, options);
    const counter = otel.provider.getMeter('bench').createCounter(METRIC);
    const attrs = attributeFactory(n);
    return { fn: () => counter.add(1, attrs()), close: otel.shutdown };
  };
}

/** Raw OTel SDK histogram (15 bounds as advice): `histogram.record(v, attrs)`. */
function otelHistogram(readers: ReaderSetup) {
  return (n: AttrCount): HotPathFixture => {
    const otel = createOtelSetup(readers);
    const histogram = otel.provider
      .getMeter('bench')
      .createHistogram(METRIC, { advice: { explicitBucketBoundaries: [...BOUNDS_15] } });
    const attrs = attributeFactory(n);
    let i = 0;
    return { fn: () => histogram.record(HISTOGRAM_VALUES[i++ & 63]!, attrs()), close: otel.shutdown };
  };
}

/** prom-client on its own Registry (never the global one). */
function promCounter(bound: boolean) {
  return (n: AttrCount): HotPathFixture => {
    const counter = new PromCounter({ name: METRIC, help: 'bench', labelNames: LABEL_NAMES[n], registers: [new Registry()] });
    if (bound) {
      const child = n === 0 ? counter : counter.labels(fixedAttributes(n));
      return { fn: () => child.inc() };
    }
    const attrs = attributeFactory(n);
    return { fn: n === 0 ? () => counter.inc() : () => counter.inc(attrs()!) };
  };
}

function promHistogram(bound: boolean) {
  return (n: AttrCount): HotPathFixture => {
    const histogram = new PromHistogram({
      name: METRIC, help: 'bench', labelNames: LABEL_NAMES[n], buckets: [...BOUNDS_15], registers: [new Registry()],
    });
    let i = 0;
    if (bound) {
      const child = n === 0 ? histogram : histogram.labels(fixedAttributes(n));
      return { fn: () => child.observe(HISTOGRAM_VALUES[i++ & 63]!) };
    }
    const attrs = attributeFactory(n);
    return {
      fn: n === 0 ? () => histogram.observe(HISTOGRAM_VALUES[i++ & 63]!) : () => histogram.observe(attrs()!, HISTOGRAM_VALUES[i++ & 63]!),
    };
  };
}

/**
 * The pipeline `startMetrics` builds (our series, views, transforms), without its server: one reader
 * (Prometheus), or two (Prometheus + an OTLP push reader whose interval never fires here).
 */
function mcpOtelPipeline(readers: ReaderSetup): { provider: MeterProvider; shutdown: () => Promise<void> } {
  const exporters: ExporterConfig[] = [{ type: 'prometheus', port: 0 }];
  if (readers === 'two-readers') exporters.push({ type: 'otlp', endpoint: 'http://127.0.0.1:9/v1/metrics', timeout: '100ms' });
  const config = resolveConfig({ config: { exporters, collectionInterval: '1h', cardinalityLimit: 1_000_000, registerGlobal: false }, env: {} });
  const pipeline = createMetricsPipeline(config);
  return { provider: pipeline.meterProvider, shutdown: pipeline.shutdown };
}

/** mcp-otel facade counter: per-call handle lookup, or a bound handle kept by the caller. */
function facadeCounter(readers: ReaderSetup, bound: boolean) {
  return (n: AttrCount): HotPathFixture => {
    const otel = mcpOtelPipeline(readers);
    const facade = createMetricsFacade(otel.provider);
    if (bound) {
      const handle = facade.counter(METRIC, fixedAttributes(n));
      return { fn: () => handle.increment(), close: otel.shutdown };
    }
    const attrs = attributeFactory(n);
    return { fn: () => facade.counter(METRIC, attrs()).increment(), close: otel.shutdown };
  };
}

/** mcp-otel facade histogram (15 bounds passed as the facade's `buckets` option). */
function facadeHistogram(readers: ReaderSetup, bound: boolean) {
  return (n: AttrCount): HotPathFixture => {
    const otel = mcpOtelPipeline(readers);
    const facade = createMetricsFacade(otel.provider);
    const options = { buckets: [...BOUNDS_15] };
    let i = 0;
    if (bound) {
      const handle = facade.histogram(METRIC, fixedAttributes(n), options);
      return { fn: () => handle.record(HISTOGRAM_VALUES[i++ & 63]!), close: otel.shutdown };
    }
    const attrs = attributeFactory(n);
    return { fn: () => facade.histogram(METRIC, attrs(), options).record(HISTOGRAM_VALUES[i++ & 63]!), close: otel.shutdown };
  };
}

export const HOT_PATH_CASES: readonly HotPathCase[] = [
  // The floor: what "just count it" costs in plain JavaScript.
  {
    instrument: 'counter', impl: 'map', label: 'plain Map increment (floor)', attrs: [0],
    setup: () => {
      const cells = new Map<string, number>();
      const key = 'bench_requests';
      return { fn: () => void cells.set(key, (cells.get(key) ?? 0) + 1) };
    },
  },
  {
    instrument: 'histogram', impl: 'floor', label: 'bucket search + 3 array writes (floor)', attrs: [0],
    setup: () => {
      const counts = new Float64Array(BOUNDS_15.length + 1);
      const bounds = Float64Array.from(BOUNDS_15);
      const totals = new Float64Array(2);
      let i = 0;
      return {
        fn: () => {
          const v = HISTOGRAM_VALUES[i++ & 63]!;
          let b = 0;
          while (b < bounds.length && v > bounds[b]!) b++;
          counts[b]!++;
          totals[0]! += v;
          totals[1]!++;
        },
      };
    },
  },
  { instrument: 'counter', impl: 'otel', label: 'OTel SDK, 1 reader: add(1, attrs)', setup: otelCounter('one-reader') },
  { instrument: 'counter', impl: 'otel-2r', label: 'OTel SDK, 2 readers: add(1, attrs)', setup: otelCounter('two-readers') },
  {
    // @mcp-otel/sdk builds views from its config: with a view both readers share one storage, but
    // every recording then reads context.active() for the view's attribute processor.
    instrument: 'counter', impl: 'otel-2r-view', label: 'OTel SDK, 2 readers + a catch-all view: add(1, attrs)',
    setup: otelCounter('two-readers', { views: [{ instrumentName: '*' }] }),
  },
  { instrument: 'counter', impl: 'prom', label: 'prom-client: inc(labels)', setup: promCounter(false) },
  { instrument: 'counter', impl: 'prom-child', label: 'prom-client: labels(..) child, inc()', attrs: [2, 5], setup: promCounter(true) },
  { instrument: 'histogram', impl: 'otel', label: 'OTel SDK, 1 reader: record(v, attrs)', setup: otelHistogram('one-reader') },
  { instrument: 'histogram', impl: 'otel-2r', label: 'OTel SDK, 2 readers: record(v, attrs)', setup: otelHistogram('two-readers') },
  { instrument: 'histogram', impl: 'prom', label: 'prom-client: observe(labels, v)', setup: promHistogram(false) },
  { instrument: 'histogram', impl: 'prom-child', label: 'prom-client: labels(..) child, observe(v)', attrs: [2, 5], setup: promHistogram(true) },

  // mcp-otel facade. Per call looks the handle up by attributes, as application code written
  // against the facade does (`facade.counter(name, attrs).increment()`); bound keeps the handle.
  { instrument: 'counter', impl: 'facade', label: 'mcp-otel facade, 1 reader: counter(name, attrs).increment()', setup: facadeCounter('one-reader', false) },
  { instrument: 'counter', impl: 'facade-2r', label: 'mcp-otel facade, 2 readers: counter(name, attrs).increment()', setup: facadeCounter('two-readers', false) },
  { instrument: 'counter', impl: 'facade-bound', label: 'mcp-otel facade, bound handle: h.increment()', setup: facadeCounter('one-reader', true) },
  { instrument: 'histogram', impl: 'facade', label: 'mcp-otel facade, 1 reader: histogram(name, attrs).record(v)', setup: facadeHistogram('one-reader', false) },
  { instrument: 'histogram', impl: 'facade-2r', label: 'mcp-otel facade, 2 readers: histogram(name, attrs).record(v)', setup: facadeHistogram('two-readers', false) },
  { instrument: 'histogram', impl: 'facade-bound', label: 'mcp-otel facade, bound handle: h.record(v)', setup: facadeHistogram('one-reader', true) },
];

/** The table expanded into runnable cases, with their figure ids. */
export function expandHotPathCases(): { id: string; label: string; attrs: AttrCount; entry: HotPathCase }[] {
  return HOT_PATH_CASES.flatMap((entry) =>
    (entry.attrs ?? ATTR_COUNTS).map((attrs) => ({
      id: `hot.${entry.instrument}.${entry.impl}.a${attrs}`,
      label: `${entry.instrument} ${attrs} attrs: ${entry.label}`,
      attrs,
      entry,
    })),
  );
}
