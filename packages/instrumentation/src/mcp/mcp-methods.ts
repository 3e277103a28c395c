import { VALUE_OTHER } from '../mcp-otel-names.js';

/**
 * Every request and notification method of MCP up to protocol version 2025-11-25 (the SDK 1.32
 * schemas). `mcp.method.name` takes one of these or `_OTHER`, so a peer cannot add series by
 * inventing methods.
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
] as const;

const CANONICAL = new Map<unknown, string>(METHODS.map((m) => [m, m]));

/** The method name to record: the canonical MCP name, or `_OTHER` for anything else. */
export function methodAttribute(method: unknown): string {
  return CANONICAL.get(method) ?? VALUE_OTHER;
}

/** All MCP method names this package knows (for docs and tests). */
export const MCP_METHODS: readonly string[] = Object.freeze([...METHODS]);
