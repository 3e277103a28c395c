import { VALUE_OTHER } from '../mcp-otel-names.js';

/**
 * Every request and notification method of MCP protocol revisions 2024-11-05 to 2026-07-28, and of
 * the official tasks extension (`tasks/update`, added with 2026-07-28). Methods a revision removed
 * (`initialize`, `ping`, `logging/setLevel`, `resources/subscribe` ... in 2026-07-28) stay: peers of
 * both generations coexist. `mcp.method.name` takes one of these or `_OTHER`, so a peer cannot add
 * series by inventing methods.
 */
const METHODS = [
  'initialize',
  'ping',
  'tools/list',
  'tools/call',
  'resources/list',
  'resources/read',
  'resources/templates/list',
  'resources/subscribe',
  'resources/unsubscribe',
  'prompts/list',
  'prompts/get',
  'completion/complete',
  'logging/setLevel',
  'sampling/createMessage',
  'elicitation/create',
  'roots/list',
  'tasks/get',
  'tasks/result',
  'tasks/list',
  'tasks/cancel',
  'tasks/update',
  'server/discover',
  'subscriptions/listen',
  'notifications/initialized',
  'notifications/cancelled',
  'notifications/progress',
  'notifications/message',
  'notifications/resources/updated',
  'notifications/resources/list_changed',
  'notifications/tools/list_changed',
  'notifications/prompts/list_changed',
  'notifications/roots/list_changed',
  'notifications/elicitation/complete',
  'notifications/tasks/status',
  'notifications/subscriptions/acknowledged',
] as const;

/**
 * Index of each method, with `_OTHER` last: per-method caches (in-flight cells, attribute sets) are
 * arrays indexed by it, so a message costs one `Map` lookup for its method instead of one per cache.
 */
const INDEX = new Map<unknown, number>(METHODS.map((m, i) => [m, i]));
/** `mcp.method.name` by {@link methodIndex}; the last entry is `_OTHER`. */
export const METHOD_NAMES: readonly string[] = Object.freeze([...METHODS, VALUE_OTHER]);
/** Number of method indexes, `_OTHER` included. */
export const METHOD_COUNT = METHOD_NAMES.length;
const OTHER_INDEX = METHOD_COUNT - 1;

/** The index in {@link METHOD_NAMES} of the method to record: a canonical MCP name, or `_OTHER`. */
export function methodIndex(method: unknown): number {
  return INDEX.get(method) ?? OTHER_INDEX;
}

/** All MCP method names this package knows (for docs and tests). */
export const MCP_METHODS: readonly string[] = Object.freeze([...METHODS]);
