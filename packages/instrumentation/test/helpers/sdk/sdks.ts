import type { McpSdk } from './mcp-sdk.js';
import { SDK_V1 } from './sdk-v1.js';
import { SDK_V2 } from './sdk-v2.js';

/**
 * The scenario table's SDK axis: every MCP test runs once per SDK generation,
 * `describe.each(SDKS)('... (%s)', ...)`, and asserts the same metrics for both except where
 * {@link McpSdk.behaviour} names a difference in how the SDKs answer.
 */
export const SDKS: readonly [string, McpSdk][] = [
  [SDK_V1.name, SDK_V1],
  [SDK_V2.name, SDK_V2],
];
