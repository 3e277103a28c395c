import type { Attributes } from '@opentelemetry/api';
import { BoundedValues } from '../bounded-values.js';
import { ATTR_ERROR_TYPE } from '../semconv.js';
import type { TrapKind } from './trap-kind.js';
import { ATTR_MCP_OTEL_WASM_EXPORT_NAME, ATTR_MCP_OTEL_WASM_MODULE_NAME, ATTR_MCP_OTEL_WASM_TRAP_KIND } from './wasm-names.js';

/** The members of a `WebAssembly.Memory` read here. */
export interface MemoryLike {
  readonly buffer: ArrayBuffer | SharedArrayBuffer;
  grow(delta: number): number;
}

/** Export names recorded as they are per module name; later ones are `_OTHER`. */
const MAX_EXPORT_NAMES = 100;

/** The attributes of one exported function, frozen once. */
export class ExportAttributes {
  readonly call: Attributes;
  private readonly failures = new Map<string, Attributes>();
  private readonly traps = new Map<string, Attributes>();

  constructor(private readonly base: Attributes) {
    this.call = Object.freeze({ ...base });
  }

  failed(errorType: string): Attributes {
    let attributes = this.failures.get(errorType);
    if (attributes === undefined) {
      attributes = Object.freeze({ ...this.base, [ATTR_ERROR_TYPE]: errorType });
      this.failures.set(errorType, attributes);
    }
    return attributes;
  }

  trap(kind: TrapKind): Attributes {
    let attributes = this.traps.get(kind);
    if (attributes === undefined) {
      attributes = Object.freeze({ ...this.base, [ATTR_MCP_OTEL_WASM_TRAP_KIND]: kind });
      this.traps.set(kind, attributes);
    }
    return attributes;
  }
}

/**
 * What every instance compiled under one module name shares: attribute sets, the live instance
 * count, memory growth events and weak references to the linear memories (for their size at
 * collection; a memory is never kept alive by this).
 */
export class WasmModuleCells {
  readonly base: Attributes;
  moduleSize: number | undefined;
  liveInstances = 0;
  grows = 0;
  private readonly memories = new Set<WeakRef<MemoryLike>>();
  private readonly exportNames = new BoundedValues(MAX_EXPORT_NAMES);
  private readonly exports = new Map<string, ExportAttributes>();
  private readonly loadFailures = new Map<string, Attributes>();

  constructor(readonly name: string) {
    this.base = Object.freeze({ [ATTR_MCP_OTEL_WASM_MODULE_NAME]: name });
  }

  exportAttributes(exportName: string): ExportAttributes {
    const name = this.exportNames.admit(exportName);
    let attributes = this.exports.get(name);
    if (attributes === undefined) {
      attributes = new ExportAttributes({ ...this.base, [ATTR_MCP_OTEL_WASM_EXPORT_NAME]: name });
      this.exports.set(name, attributes);
    }
    return attributes;
  }

  /** Attributes of a failed compile or instantiate. */
  loadFailed(errorType: string): Attributes {
    let attributes = this.loadFailures.get(errorType);
    if (attributes === undefined) {
      attributes = Object.freeze({ ...this.base, [ATTR_ERROR_TYPE]: errorType });
      this.loadFailures.set(errorType, attributes);
    }
    return attributes;
  }

  watchMemory(memory: MemoryLike): void {
    for (const ref of this.memories) if (ref.deref() === memory) return;
    this.memories.add(new WeakRef(memory));
  }

  /** Bytes of the linear memories still alive, or `undefined` when there are none. */
  memoryBytes(): number | undefined {
    let total: number | undefined;
    for (const ref of this.memories) {
      const memory = ref.deref();
      if (memory === undefined) {
        this.memories.delete(ref);
        continue;
      }
      total = (total ?? 0) + memory.buffer.byteLength;
    }
    return total;
  }
}
