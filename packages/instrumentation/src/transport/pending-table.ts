import type { JsonRpcId } from './message-kind.js';
import type { PendingRequest } from './session-hooks.js';

/** Above this many requests in flight the table switches from a linear array to a Map. */
const LINEAR_LIMIT = 16;

/**
 * Requests in flight by JSON-RPC id. Usually a handful at a time, so they sit in a small array scanned
 * linearly: unlike a Map that is filled and emptied on every request (each emptying delete shrinks and
 * reallocates its hash table), the array allocates nothing per request. Past `LINEAR_LIMIT` entries a
 * Map takes over.
 */
export class PendingTable {
  private readonly linear: PendingRequest[] = [];
  private overflow: Map<JsonRpcId, PendingRequest> | undefined;

  get size(): number {
    return this.linear.length + (this.overflow?.size ?? 0);
  }

  get(id: JsonRpcId): PendingRequest | undefined {
    const linear = this.linear;
    for (let i = 0; i < linear.length; i++) {
      const request = linear[i] as PendingRequest;
      if (request.id === id) return request;
    }
    return this.overflow?.get(id);
  }

  /** Adds a request whose id is not in the table (the caller removes a previous one first). */
  add(request: PendingRequest): void {
    if (this.linear.length < LINEAR_LIMIT) this.linear.push(request);
    else (this.overflow ??= new Map()).set(request.id, request);
  }

  /** Removes and returns the request with `id`, if there is one (one scan where get + delete take two). */
  take(id: JsonRpcId): PendingRequest | undefined {
    const linear = this.linear;
    for (let i = 0; i < linear.length; i++) {
      const request = linear[i] as PendingRequest;
      if (request.id !== id) continue;
      const last = linear.pop() as PendingRequest;
      if (i < linear.length) linear[i] = last;
      return request;
    }
    const overflow = this.overflow;
    if (overflow === undefined) return undefined;
    const request = overflow.get(id);
    if (request !== undefined) overflow.delete(id);
    return request;
  }

  delete(request: PendingRequest): void {
    const linear = this.linear;
    for (let i = 0; i < linear.length; i++) {
      if (linear[i] === request) {
        const last = linear.pop() as PendingRequest;
        if (i < linear.length) linear[i] = last;
        return;
      }
    }
    this.overflow?.delete(request.id);
  }

  /** Removes and returns the requests that started before `cutoff` (stale ones, see `inFlightTimeoutMs`). */
  takeStartedBefore(cutoff: number): PendingRequest[] {
    const stale: PendingRequest[] = [];
    const linear = this.linear;
    for (let i = linear.length - 1; i >= 0; i--) {
      const request = linear[i] as PendingRequest;
      if (request.start >= cutoff) continue;
      stale.push(request);
      const last = linear.pop() as PendingRequest;
      if (i < linear.length) linear[i] = last;
    }
    const overflow = this.overflow;
    if (overflow !== undefined) {
      for (const [id, request] of overflow) {
        if (request.start >= cutoff) continue;
        stale.push(request);
        overflow.delete(id);
      }
    }
    return stale;
  }

  /** Removes and returns every request (the transport closed). */
  drain(): PendingRequest[] {
    const all = this.linear.splice(0);
    if (this.overflow !== undefined) {
      all.push(...this.overflow.values());
      this.overflow = undefined;
    }
    return all;
  }
}
