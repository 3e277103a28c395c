import type { DescribedExporter, Platform, ResolvedPushExporter } from '../../create/create-push-exporter.js';
import { component, describeOtlp } from '../../create/create-push-exporter.js';
import { ConsoleExporter } from '../../exporters/console/console-exporter.js';
import { BeaconFallbackExporter } from './beacon-fallback-exporter.js';
import type { PageState } from './page-lifecycle.js';

/** Console output in a page or worker: the developer tools console (there is no stdout wire here). */
function writeConsole(text: string): void {
  console.log(text.trimEnd());
}

/**
 * Browsers and workers: OTLP over `fetch` (OTel's browser exporter: keepalive requests; while the
 * page goes away, `sendBeacon` for what a keepalive fetch cannot carry) and the console. StatsD,
 * files and Prometheus need Node; `startMetrics` refuses them before a pipeline is built.
 */
export function browserPlatform(page: PageState): Platform {
  return {
    name: 'the browser build',
    describePushExporter: (config: ResolvedPushExporter): DescribedExporter | undefined => {
      switch (config.type) {
        case 'otlp': {
          const described = describeOtlp(config);
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
