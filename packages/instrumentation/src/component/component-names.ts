/**
 * Names of the component runtime metrics: hosts that load components (plugins, sandboxed tools,
 * WebAssembly components). No semantic convention covers them, so they are ours, under
 * `mcp_otel.component.`; see `docs/metrics.md`.
 *
 * @experimental
 * @module
 */

/** Histogram, `s`: duration of a component's `load`, `instantiate`, `invoke` and `unload`; its count is the count. */
export const METRIC_MCP_OTEL_COMPONENT_OPERATION_DURATION = 'mcp_otel.component.operation.duration';
/** UpDownCounter, `{component}`: components instantiated and not yet unloaded. */
export const METRIC_MCP_OTEL_COMPONENT_ACTIVE = 'mcp_otel.component.active';
/** Counter, `{call}`: calls a component made into the host (its imports), failures with `error.type`. */
export const METRIC_MCP_OTEL_COMPONENT_HOST_CALLS = 'mcp_otel.component.host_calls';

/** Name of the component; at most 100 per process, then `_OTHER`. */
export const ATTR_MCP_OTEL_COMPONENT_NAME = 'mcp_otel.component.name';
/** Lifecycle operation: `load`, `instantiate`, `invoke` or `unload`. */
export const ATTR_MCP_OTEL_COMPONENT_OPERATION = 'mcp_otel.component.operation';
/**
 * Function invoked (an export, `iface.fn` for an interface's) or host function called (an import,
 * `interface#fn`); at most 100 per component, then `_OTHER`.
 */
export const ATTR_MCP_OTEL_COMPONENT_FUNCTION_NAME = 'mcp_otel.component.function.name';

/** Explicit bucket boundaries (seconds) of `mcp_otel.component.operation.duration`. */
export const COMPONENT_DURATION_BUCKETS: readonly number[] = Object.freeze([
  0.000005, 0.00001, 0.000025, 0.00005, 0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10,
]);
