import type { Attributes, BatchObservableCallback, Meter } from '@opentelemetry/api';
import { getHeapSpaceStatistics } from 'node:v8';
import {
  ATTR_V8JS_HEAP_SPACE_NAME,
  ATTR_V8JS_RESOURCE_TYPE,
  METRIC_V8JS_MEMORY_HEAP_SPACE_AVAILABLE_SIZE,
  METRIC_V8JS_MEMORY_HEAP_SPACE_PHYSICAL_SIZE,
  METRIC_V8JS_MEMORY_HEAP_SPACE_SIZE,
  METRIC_V8JS_MEMORY_HEAP_USED,
  METRIC_V8JS_RESOURCE_ACTIVE,
} from './runtime-semconv.js';
import type { RuntimeCollector } from './runtime-collector.js';

/** Resource types kept as they are; any beyond (Node's list is fixed, but it is not ours) are `_OTHER`. */
const MAX_RESOURCE_TYPES = 32;

/**
 * `v8js.memory.heap.*` per heap space from `v8.getHeapSpaceStatistics()`, and `v8js.resource.active`
 * per resource type from `process.getActiveResourcesInfo()`, read at collection.
 */
export function v8Collector(meter: Meter): RuntimeCollector {
  const used = meter.createObservableUpDownCounter(METRIC_V8JS_MEMORY_HEAP_USED, { description: 'Heap Memory size allocated.', unit: 'By' });
  const size = meter.createObservableUpDownCounter(METRIC_V8JS_MEMORY_HEAP_SPACE_SIZE, { description: 'Total heap memory size pre-allocated for a heap space.', unit: 'By' });
  const available = meter.createObservableUpDownCounter(METRIC_V8JS_MEMORY_HEAP_SPACE_AVAILABLE_SIZE, { description: 'Heap space available size.', unit: 'By' });
  const physical = meter.createObservableUpDownCounter(METRIC_V8JS_MEMORY_HEAP_SPACE_PHYSICAL_SIZE, { description: 'Committed size of a heap space.', unit: 'By' });
  const resources = meter.createObservableGauge(METRIC_V8JS_RESOURCE_ACTIVE, { description: 'Active resources that are currently keeping the event loop alive.', unit: '{resource}' });
  const spaceAttributes = new Map<string, Attributes>();
  const resourceAttributes = new Map<string, Attributes>();
  const observables = [used, size, available, physical, resources];
  const callback: BatchObservableCallback = (result) => {
    for (const space of getHeapSpaceStatistics()) {
      let attributes = spaceAttributes.get(space.space_name);
      if (attributes === undefined) {
        attributes = Object.freeze({ [ATTR_V8JS_HEAP_SPACE_NAME]: space.space_name });
        spaceAttributes.set(space.space_name, attributes);
      }
      result.observe(used, space.space_used_size, attributes);
      result.observe(size, space.space_size, attributes);
      result.observe(available, space.space_available_size, attributes);
      result.observe(physical, space.physical_space_size, attributes);
    }
    const counts = new Map<Attributes, number>();
    for (const type of process.getActiveResourcesInfo()) {
      let attributes = resourceAttributes.get(type);
      if (attributes === undefined) {
        attributes = Object.freeze({ [ATTR_V8JS_RESOURCE_TYPE]: resourceAttributes.size < MAX_RESOURCE_TYPES ? type : '_OTHER' });
        if (resourceAttributes.size < MAX_RESOURCE_TYPES) resourceAttributes.set(type, attributes);
      }
      counts.set(attributes, (counts.get(attributes) ?? 0) + 1);
    }
    for (const [attributes, count] of counts) result.observe(resources, count, attributes);
  };
  meter.addBatchObservableCallback(callback, observables);
  return { stop: () => meter.removeBatchObservableCallback(callback, observables) };
}
