/**
 * Group `scrape-parallel`: 50 scrapes of 10k series sent at once (each its own connection, gzip
 * accepted, as Prometheus scrapes), per implementation of bench/cases/series-impls.ts: time until
 * the last body, the longest event-loop block meanwhile, and the same for one scrape in the same
 * run, so the ratio says what concurrency costs. Workload: the `scrape` group's.
 */
import { SERIES_IMPLS } from '../cases/series-impls.js';
import { median, type Figure, type GroupResult } from '../lib/figures.js';
import { serveMetrics } from '../lib/http-scrape.js';
import type { GroupOptions } from './group-options.js';
import { populate } from './scrape.js';

const SERIES = 10_000;
const PARALLEL = 50;

export async function runScrapeParallel(options: GroupOptions): Promise<GroupResult> {
  const figures: Figure[] = [];
  const notes: string[] = [];
  const runs = options.quick ? 2 : 5;
  for (const impl of SERIES_IMPLS) {
    const store = impl.create();
    populate(store, SERIES);
    const server = await serveMetrics(store.handler);
    const single: number[] = [];
    const parallel: number[] = [];
    const blocks: number[] = [];
    try {
      await server.scrape(); // JIT, first collection
      for (let r = 0; r < runs; r++) {
        single.push((await server.scrape()).ms);
        const sample = await server.scrapeParallel(PARALLEL);
        parallel.push(sample.ms);
        blocks.push(sample.maxBlockMs);
        if (r === 0) notes.push(`${impl.label}: answers of ${PARALLEL} parallel scrapes: ${JSON.stringify(sample.statuses)}`);
      }
    } finally {
      await server.close();
      await store.close();
    }
    const id = `scrape-parallel.${impl.impl}`;
    figures.push(
      { id: `${id}.single.ms`, label: `${impl.label}: one scrape of 10k series`, value: median(single), unit: 'ms' },
      { id: `${id}.ms`, label: `${impl.label}: ${PARALLEL} parallel scrapes, until the last body`, value: median(parallel), unit: 'ms' },
      { id: `${id}.block`, label: `${impl.label}: ${PARALLEL} parallel scrapes, longest event-loop block`, value: median(blocks), unit: 'ms' },
      { id: `${id}.vs-single`, label: `${impl.label}: ${PARALLEL} parallel / one scrape`, value: median(parallel) / median(single), unit: 'x' },
    );
    (globalThis as { gc?: () => void }).gc?.();
  }
  return { group: 'scrape-parallel', figures, notes };
}
