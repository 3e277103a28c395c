import { BoundedValues } from '../bounded-values.js';
import { VALUE_OTHER } from '../mcp-otel-names.js';
import type { ResolvedOptions } from '../options.js';
import type { ProviderBound } from '../provider-bound.js';
import { KnownNames } from './known-names.js';
import type { RegistryReader } from './known-names.js';
import type { McpInstruments } from './mcp-telemetry.js';
import { mcpTelemetry } from './mcp-telemetry.js';
import { OperationAttributes } from './operation-attributes.js';
import type { SessionContext } from './operation-attributes.js';

export type Role = 'server' | 'client';

/** Live registries of an McpServer; the low-level Server and the Client have none. */
export type Registries = { tools?: RegistryReader; prompts?: RegistryReader; resources?: RegistryReader };

/**
 * State shared by every session of one instrumented server or client: the known-name guards, the
 * instruments and the attribute caches (one per distinct session context).
 */
export class McpShared {
  readonly tools: KnownNames;
  readonly prompts: KnownNames;
  readonly instruments: ProviderBound<McpInstruments>;
  private readonly uris: KnownNames | undefined;
  private readonly uriValues: BoundedValues;
  private readonly contexts = new Map<string, OperationAttributes>();

  constructor(
    readonly role: Role,
    readonly options: ResolvedOptions,
    registries: Registries,
  ) {
    this.tools = new KnownNames(options.maxKnownNames, registries.tools);
    this.prompts = new KnownNames(options.maxKnownNames, registries.prompts);
    this.uris = options.recordResourceUri ? new KnownNames(options.maxResourceUris, registries.resources) : undefined;
    this.uriValues = new BoundedValues(options.maxResourceUris);
    this.instruments = mcpTelemetry.for(options.meterProvider);
  }

  /** `mcp.resource.uri` to record, or undefined when URIs are not recorded (the default). */
  uriAttribute(uri: unknown): string | undefined {
    if (this.uris === undefined) return undefined;
    const known = this.uris.attribute(uri);
    return known === VALUE_OTHER ? known : this.uriValues.admit(known);
  }

  learnUris(items: unknown, firstPage: boolean): void {
    this.uris?.learn(items, 'uri', firstPage);
  }

  attributesFor(context: SessionContext): OperationAttributes {
    const key = [context.protocolVersion, context.networkTransport, context.networkProtocolName, context.networkProtocolVersion, context.serverAddress, context.serverPort].join('\u0000');
    let attributes = this.contexts.get(key);
    if (attributes === undefined) {
      attributes = new OperationAttributes(context);
      this.contexts.set(key, attributes);
    }
    return attributes;
  }
}
