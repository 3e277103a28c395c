import { VALUE_OTHER } from './mcp-otel-names.js';

/**
 * Admits at most `limit` distinct values and maps every later newcomer to `_OTHER`, so a value a peer
 * or a bug can vary (error names, codes, URIs) cannot grow the number of series without bound.
 */
export class BoundedValues {
  private readonly admitted = new Set<string>();

  constructor(private readonly limit: number) {}

  admit(value: string): string {
    if (this.admitted.has(value)) return value;
    if (this.admitted.size >= this.limit) return VALUE_OTHER;
    this.admitted.add(value);
    return value;
  }
}

const ERROR_NAME = /^[A-Za-z_$][\w$.]{0,63}$/;
const errorNames = new BoundedValues(64);

/**
 * `error.type` for a thrown or reported error: its class name (`err.name`, e.g. `TypeError`,
 * `ZodError`), bounded to 64 distinct names per process; `_OTHER` when there is no usable name.
 */
export function errorTypeOf(error: unknown): string {
  const name = typeof error === 'object' && error !== null ? (error as { name?: unknown }).name : undefined;
  if (typeof name !== 'string' || !ERROR_NAME.test(name)) return VALUE_OTHER;
  return errorNames.admit(name);
}
