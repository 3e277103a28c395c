/**
 * The groups of the suite, in run order. Each runs in its own child process (fresh heap and JIT),
 * and `--only <name>` selects some. A later group (cache, storage, WASM wrappers, browser bundle
 * size) is one file in bench/groups/ plus one entry here; its ratios and targets go in
 * bench/ratios.ts and bench/targets.ts.
 */
import type { GroupResult } from '../lib/figures.js';
import type { GroupOptions } from './group-options.js';

export interface BenchGroup {
  name: string;
  title: string;
  /** Figures of this group vary from run to run: `bench:check` runs it several times (medians). */
  noisy: boolean;
  /** Loaded lazily, so a child process only loads the libraries its group measures. */
  run(options: GroupOptions): Promise<GroupResult>;
}

export const GROUPS: readonly BenchGroup[] = [
  {
    name: 'hot-path',
    title: 'Hot path: ns per recording (median, mitata)',
    noisy: true,
    run: async (o) => (await import('./hot-path.js')).runHotPath(o),
  },
  {
    name: 'mcp',
    title: 'MCP tools/call round trip over InMemoryTransport (median µs per call)',
    noisy: true,
    run: async (o) => (await import('./mcp-round-trip.js')).runMcpRoundTrip(o),
  },
  {
    name: 'aggregation',
    title: 'Our series vs OTel aggregation: record and MCP round trip (medians, same run)',
    noisy: true,
    run: async (o) => (await import('./aggregation.js')).runAggregation(o),
  },
  {
    name: 'scrape',
    title: '/metrics over HTTP on 127.0.0.1 (median of repeated scrapes)',
    noisy: true,
    run: async (o) => (await import('./scrape.js')).runScrape(o),
  },
  {
    name: 'scrape-parallel',
    title: '50 parallel /metrics scrapes of 10k series on 127.0.0.1 (medians)',
    noisy: true,
    run: async (o) => (await import('./scrape-parallel.js')).runScrapeParallel(o),
  },
  {
    name: 'components',
    title: 'Cache, storage and WebAssembly wrappers against the bare call (medians, same run)',
    noisy: true,
    run: async (o) => (await import('./components.js')).runComponents(o),
  },
  {
    name: 'history',
    title: 'Metric history, alert rules and health probes (issue 14; medians)',
    noisy: true,
    run: async (o) => (await import('./history.js')).runHistory(o),
  },
  {
    name: 'bundle',
    title: 'Browser bundle size (issue 15): esbuild, minified + gzip, same run',
    noisy: false,
    run: async () => (await import('./bundle-size.js')).runBundleSize(),
  },
  {
    name: 'otlp-encode',
    title: 'OTLP encoders (issue 9): ours vs otlp-transformer on 50 metrics x 20 series (medians, same run), bundle sizes',
    noisy: true,
    run: async (o) => (await import('./otlp-encode.js')).runOtlpEncode(o),
  },
  {
    name: 'heap',
    title: 'Retained heap per series (node --expose-gc, medians)',
    noisy: false,
    run: async (o) => (await import('./heap.js')).runHeap(o),
  },
  {
    name: 'footprint',
    title: 'Install footprint: a fresh app with the MCP SDK, then with the three packed @mcp-otel packages (issue 9.5)',
    noisy: false,
    run: async (o) => (await import('./footprint.js')).runFootprint(o),
  },
];
