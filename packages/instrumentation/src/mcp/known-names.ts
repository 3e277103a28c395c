import { VALUE_OTHER } from '../mcp-otel-names.js';

/** Reads the live registry of an McpServer (`_registeredTools` and friends), if there is one. */
export type RegistryReader = () => object | undefined;

/**
 * The cardinality guard for client-controlled names (tools, prompts, resource URIs): a name is recorded
 * as is only when the server registered it, or when it appeared in the latest `*\/list` result;
 * anything else is `_OTHER`. Learned names are capped at `limit`.
 */
export class KnownNames {
  private learned = new Set<string>();

  constructor(
    private readonly limit: number,
    private readonly registry: RegistryReader | undefined,
  ) {}

  /** The value to record for `name`. */
  attribute(name: unknown): string {
    if (typeof name !== 'string') return VALUE_OTHER;
    // A server's registry is the usual hit, so it is asked first.
    const registered = this.registry?.();
    if (registered !== undefined && Object.prototype.hasOwnProperty.call(registered, name)) return name;
    return this.learned.has(name) ? name : VALUE_OTHER;
  }

  /** Learns from a `*\/list` result page; the first page replaces what was known. */
  learn(items: unknown, key: 'name' | 'uri', firstPage: boolean): void {
    if (!Array.isArray(items)) return;
    const next = firstPage ? new Set<string>() : this.learned;
    for (const item of items as unknown[]) {
      if (next.size >= this.limit) break;
      const value = typeof item === 'object' && item !== null ? (item as Record<string, unknown>)[key] : undefined;
      if (typeof value === 'string' && value.length > 0 && value.length <= 2048) next.add(value);
    }
    this.learned = next;
  }
}
