import type { Platform } from '../../create/platform.js';
import { portablePushExporter } from '../../create/platform.js';
import { createFileExporter } from './file-create-exporter.js';
import { createStatsdExporter } from './statsd-create-exporter.js';

/** Node: every exporter, StatsD (UDP/TCP sockets) and files included. */
export const NODE_PLATFORM: Platform = {
  name: 'Node.js',
  createPushExporter: (config) => {
    switch (config.type) {
      case 'statsd':
        return createStatsdExporter(config);
      case 'file':
        return createFileExporter(config);
      default:
        return portablePushExporter(config);
    }
  },
};
