import { defaultResource, resourceFromAttributes } from '@opentelemetry/resources';
import type { Resource } from '@opentelemetry/resources';
import type { ResolvedConfig } from '../config/resolved-config.js';

// The three resource keys of the semantic conventions this needs, copied: importing
// `@opentelemetry/semantic-conventions` (10 MB installed) for three strings is not worth it, and
// `service.instance.id` is still incubating there (STYLE: no runtime imports of unstable semconv).
const ATTR_SERVICE_NAME = 'service.name';
const ATTR_SERVICE_VERSION = 'service.version';
const ATTR_SERVICE_INSTANCE_ID = 'service.instance.id';

/**
 * Builds the Resource: `telemetry.sdk.*` from OTel's default resource, then the configured
 * attributes, then `service.name` / `service.version` / `service.instance.id`, which always win.
 *
 * @param instanceId - a stable id for this process; random by default (the OTel recommendation).
 */
export function createResource(config: ResolvedConfig, instanceId: string = globalThis.crypto.randomUUID()): Resource {
  const identity: Record<string, string> = {
    [ATTR_SERVICE_NAME]: config.serviceName,
    [ATTR_SERVICE_INSTANCE_ID]: instanceId,
  };
  if (config.serviceVersion !== undefined) identity[ATTR_SERVICE_VERSION] = config.serviceVersion;
  const configured = { ...config.resourceAttributes };
  // A `service.instance.id` given explicitly (e.g. a pod name) beats the random one.
  const explicitInstanceId = configured[ATTR_SERVICE_INSTANCE_ID];
  if (typeof explicitInstanceId === 'string') identity[ATTR_SERVICE_INSTANCE_ID] = explicitInstanceId;
  return defaultResource().merge(resourceFromAttributes(configured)).merge(resourceFromAttributes(identity));
}
