import type { Attributes } from '@opentelemetry/api';
import { BoundedValues } from '../bounded-values.js';
import { ATTR_MCP_OTEL_MESSAGE_KIND, ATTR_MCP_OTEL_TRANSPORT_TYPE } from '../mcp-otel-names.js';
import { ATTR_ERROR_TYPE, ATTR_MCP_METHOD_NAME, ATTR_NETWORK_IO_DIRECTION, ATTR_NETWORK_PROTOCOL_NAME, ATTR_NETWORK_TRANSPORT } from '../semconv.js';
import { METHOD_COUNT, METHOD_NAMES } from '../mcp/mcp-methods.js';
import { KIND_COUNT, KIND_NAMES } from './message-kind.js';
import type { TransportProfile } from './transport-profile.js';

/** Direction indexes: a message or request the local side received, or transmitted. */
export const DIR_RECEIVE = 0;
export const DIR_TRANSMIT = 1;
export type Direction = 0 | 1;
const DIRECTION_NAMES = ['receive', 'transmit'] as const;

/** In-flight requests of one method in one direction, with its frozen attributes. */
export type RequestCell = { count: number; readonly attributes: Attributes };

/**
 * Plain-number counters for every transport sharing one profile (type, network.transport,
 * network.protocol.name). The hot path only increments numbers in arrays; observable instruments read
 * them at collection, so a message costs no attribute hashing. All attribute objects are frozen once.
 */
export class TransportCells {
  readonly base: Readonly<Attributes>;
  /** Cumulative message counts, index `direction * KIND_COUNT + kind`. */
  readonly messages = new Float64Array(2 * KIND_COUNT);
  readonly messageAttributes: readonly Attributes[];
  readonly sizeAttributes: readonly Attributes[];
  activeConnections = 0;
  /** In-flight cells by direction, then by method index; filled on first use. */
  private readonly requests: [(RequestCell | undefined)[], (RequestCell | undefined)[]] = [new Array<RequestCell | undefined>(METHOD_COUNT).fill(undefined), new Array<RequestCell | undefined>(METHOD_COUNT).fill(undefined)];
  private readonly errors = new Map<string, { count: number; readonly attributes: Attributes }>();
  private readonly errorTypes = new BoundedValues(64);

  constructor(profile: TransportProfile) {
    const base: Attributes = { [ATTR_MCP_OTEL_TRANSPORT_TYPE]: profile.type };
    if (profile.networkTransport !== undefined) base[ATTR_NETWORK_TRANSPORT] = profile.networkTransport;
    if (profile.protocolName !== undefined) base[ATTR_NETWORK_PROTOCOL_NAME] = profile.protocolName;
    this.base = Object.freeze(base);
    const messageAttributes: Attributes[] = [];
    for (let d = 0; d < 2; d++) {
      for (let k = 0; k < KIND_COUNT; k++) {
        messageAttributes.push(Object.freeze({ ...base, [ATTR_NETWORK_IO_DIRECTION]: DIRECTION_NAMES[d], [ATTR_MCP_OTEL_MESSAGE_KIND]: KIND_NAMES[k] }));
      }
    }
    this.messageAttributes = messageAttributes;
    this.sizeAttributes = DIRECTION_NAMES.map((d) => Object.freeze({ ...base, [ATTR_NETWORK_IO_DIRECTION]: d }));
  }

  countMessage(direction: Direction, kind: number): void {
    const i = direction * KIND_COUNT + kind;
    this.messages[i] = (this.messages[i] ?? 0) + 1;
  }

  /** The in-flight cell for the method at `methodIndex` (see `methodIndex()`) in `direction`. */
  requestCell(direction: Direction, methodIndex: number): RequestCell {
    const cells = this.requests[direction];
    let cell = cells[methodIndex];
    if (cell === undefined) {
      const method = METHOD_NAMES[methodIndex] as string;
      cell = { count: 0, attributes: Object.freeze({ ...this.base, [ATTR_NETWORK_IO_DIRECTION]: DIRECTION_NAMES[direction], [ATTR_MCP_METHOD_NAME]: method }) };
      cells[methodIndex] = cell;
    }
    return cell;
  }

  countError(errorType: string): void {
    const type = this.errorTypes.admit(errorType);
    let cell = this.errors.get(type);
    if (cell === undefined) {
      cell = { count: 0, attributes: Object.freeze({ ...this.base, [ATTR_ERROR_TYPE]: type }) };
      this.errors.set(type, cell);
    }
    cell.count++;
  }

  /** Feeds every cell to the observer callbacks at collection time. */
  observe(out: CellObserver): void {
    for (let i = 0; i < this.messages.length; i++) {
      const count = this.messages[i] ?? 0;
      if (count > 0) out.messages(count, this.messageAttributes[i] as Attributes);
    }
    out.activeConnections(this.activeConnections, this.base);
    for (const cells of this.requests) for (const cell of cells) if (cell !== undefined) out.activeRequests(cell.count, cell.attributes);
    for (const cell of this.errors.values()) out.errors(cell.count, cell.attributes);
  }
}

export type CellObserver = {
  messages(value: number, attributes: Attributes): void;
  activeConnections(value: number, attributes: Attributes): void;
  activeRequests(value: number, attributes: Attributes): void;
  errors(value: number, attributes: Attributes): void;
};
