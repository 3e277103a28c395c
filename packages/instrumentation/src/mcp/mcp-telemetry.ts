import type { Histogram, Meter, MeterProvider } from '@opentelemetry/api';
import { PerProvider, ProviderBound } from '../provider-bound.js';
import {
  EXECUTE_TOOL_DURATION_BUCKETS,
  MCP_DURATION_BUCKETS,
  METRIC_GEN_AI_EXECUTE_TOOL_DURATION,
  METRIC_MCP_CLIENT_OPERATION_DURATION,
  METRIC_MCP_CLIENT_SESSION_DURATION,
  METRIC_MCP_SERVER_OPERATION_DURATION,
  METRIC_MCP_SERVER_SESSION_DURATION,
} from '../semconv.js';

/** Meter (instrumentation scope) of the MCP operation and session metrics. */
export const MCP_METER_NAME = '@mcp-otel/instrumentation/mcp';

export type McpInstruments = {
  readonly serverOperation: Histogram;
  readonly clientOperation: Histogram;
  readonly serverSession: Histogram;
  readonly clientSession: Histogram;
  /** `gen_ai.execute_tool.duration`, recorded only for servers that opted in. */
  readonly executeTool: Histogram;
};

function createInstruments(meter: Meter): McpInstruments {
  const histogram = (name: string, description: string): Histogram =>
    meter.createHistogram(name, { description, unit: 's', advice: { explicitBucketBoundaries: [...MCP_DURATION_BUCKETS] } });
  return {
    serverOperation: histogram(
      METRIC_MCP_SERVER_OPERATION_DURATION,
      'MCP request or notification duration as observed on the receiver from the time it was received until the result or ack is sent.',
    ),
    clientOperation: histogram(
      METRIC_MCP_CLIENT_OPERATION_DURATION,
      'The duration of the MCP request or notification as observed on the sender from the time it was sent until the response or ack is received.',
    ),
    serverSession: histogram(METRIC_MCP_SERVER_SESSION_DURATION, 'The duration of the MCP session as observed on the MCP server.'),
    clientSession: histogram(METRIC_MCP_CLIENT_SESSION_DURATION, 'The duration of the MCP session as observed on the MCP client.'),
    executeTool: meter.createHistogram(METRIC_GEN_AI_EXECUTE_TOOL_DURATION, {
      description: 'The duration of a single tool execution.',
      unit: 's',
      advice: { explicitBucketBoundaries: [...EXECUTE_TOOL_DURATION_BUCKETS] },
    }),
  };
}

/** The semantic-convention histograms, rebuilt when the global provider changes. */
export const mcpTelemetry = new PerProvider(
  (injected: MeterProvider | undefined) => new ProviderBound<McpInstruments>(injected, MCP_METER_NAME, createInstruments),
);
