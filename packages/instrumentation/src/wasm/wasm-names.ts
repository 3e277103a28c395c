/**
 * Names of the WebAssembly metrics and attributes. No semantic convention covers WebAssembly
 * runtimes, so they are ours, under `mcp_otel.wasm.`; see `docs/metrics.md`.
 *
 * @experimental
 * @module
 */

/** Histogram, `s`: time `WebAssembly.compile` (or `compileStreaming`) took. */
export const METRIC_MCP_OTEL_WASM_COMPILE_DURATION = 'mcp_otel.wasm.compile.duration';
/** Histogram, `s`: time instantiating a compiled module took (imports linked, start function run). */
export const METRIC_MCP_OTEL_WASM_INSTANTIATE_DURATION = 'mcp_otel.wasm.instantiate.duration';
/** Gauge, `By`: size of the module's binary, as last compiled. */
export const METRIC_MCP_OTEL_WASM_MODULE_SIZE = 'mcp_otel.wasm.module.size';
/** Histogram, `s`: duration of calls into an exported function (its count is the call count). */
export const METRIC_MCP_OTEL_WASM_CALL_DURATION = 'mcp_otel.wasm.call.duration';
/** Counter, `{trap}`: calls that ended in a trap, by kind. */
export const METRIC_MCP_OTEL_WASM_TRAPS = 'mcp_otel.wasm.traps';
/** UpDownCounter, `{instance}`: instances created and not yet garbage collected. */
export const METRIC_MCP_OTEL_WASM_INSTANCES = 'mcp_otel.wasm.instances';
/** UpDownCounter, `By`: linear memory of the live instances (exported or imported memories). */
export const METRIC_MCP_OTEL_WASM_MEMORY_SIZE = 'mcp_otel.wasm.memory.size';
/** Counter, `{grow}`: times a linear memory was seen to grow. */
export const METRIC_MCP_OTEL_WASM_MEMORY_GROWS = 'mcp_otel.wasm.memory.grows';

/** The `name` given to `instrumentWasm`; at most 100 per process, then `_OTHER`. */
export const ATTR_MCP_OTEL_WASM_MODULE_NAME = 'mcp_otel.wasm.module.name';
/** Name of the exported function called; at most 100 per module name, then `_OTHER`. */
export const ATTR_MCP_OTEL_WASM_EXPORT_NAME = 'mcp_otel.wasm.export.name';
/** Kind of trap: `unreachable`, `memory_out_of_bounds`, `stack_overflow`, `integer_divide_by_zero`, `other`. */
export const ATTR_MCP_OTEL_WASM_TRAP_KIND = 'mcp_otel.wasm.trap.kind';

/** Explicit bucket boundaries (seconds) of `mcp_otel.wasm.call.duration`: calls take µs to s. */
export const WASM_CALL_DURATION_BUCKETS: readonly number[] = Object.freeze([
  0.000001, 0.0000025, 0.000005, 0.00001, 0.000025, 0.00005, 0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10,
]);
/** Explicit bucket boundaries (seconds) of the compile and instantiate durations. */
export const WASM_LOAD_DURATION_BUCKETS: readonly number[] = Object.freeze([0.0001, 0.0005, 0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10]);
