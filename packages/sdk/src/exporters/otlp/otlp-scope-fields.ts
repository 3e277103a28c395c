import type { Attributes } from '@opentelemetry/api';

/** The scope fields the OTLP encoders read; `attributes` exist on scopes of newer SDKs only. */
export interface ScopeFields {
  name: string;
  version?: string;
  schemaUrl?: string;
  attributes?: Attributes;
  droppedAttributesCount?: number;
}
