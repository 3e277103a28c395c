import type { DescribedExporter, Platform, ResolvedPushExporter } from '../../create/create-push-exporter.js';
import { component, describeOtlp } from '../../create/create-push-exporter.js';
import { ConsoleExporter } from '../../exporters/console/console-exporter.js';
import { createOtlpExporter, fetchSenderOptions } from '../../exporters/otlp/create-otlp-exporter.js';
import { createFetchOtlpSender } from '../../exporters/otlp/fetch-otlp-sender.js';
import { BeaconFallbackExporter } from './beacon-fallback-exporter.js';
import type { PageState } from './page-lifecycle.js';

/** Console output in a page or worker: the developer tools console (there is no stdout wire here). */
function writeConsole(text: string): void {
  console.log(text.trimEnd());
}

/**
 * Browsers and workers: OTLP over `fetch` (keepalive requests, gzip by `CompressionStream` when
 * configured; while the page goes away, uncompressed, and `sendBeacon` for what a keepalive fetch
 * cannot carry) and the console. StatsD,
 * files and Prometheus need Node; `startMetrics` refuses them before a pipeline is built.
 */
export function browserPlatform(page: PageState): Platform {
  return {
    name: 'the browser build',
    describePushExporter: (config: ResolvedPushExporter): DescribedExporter | undefined => {
      switch (config.type) {
        case 'otlp': {
          // While the page goes away a body leaves at once: no asynchronous gzip before the keepalive fetch.
          const sender = createFetchOtlpSender({ ...fetchSenderOptions(config), sendAtOnce: () => page.hiding });
          const described = describeOtlp(config, (otlp) => createOtlpExporter(otlp, sender));
          return { ...described, exporter: new BeaconFallbackExporter(described.exporter, config, page) };
        }
        case 'console':
          return {
            exporter: new ConsoleExporter(config, writeConsole),
            identity: { ...component('console_metric_exporter'), label: 'console exporter', target: 'console', fix: () => 'check the browser console.' },
          };
        default:
          return undefined;
      }
    },
  };
}
