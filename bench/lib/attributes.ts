/**
 * The attribute sets and histogram boundaries every implementation is measured with, so that all
 * rows of a comparison do exactly the same work.
 */

/** Attribute counts measured on the hot path. */
export type AttrCount = 0 | 2 | 5;
export const ATTR_COUNTS: readonly AttrCount[] = [0, 2, 5];

/**
 * Label names: MCP-like, written with underscores because prom-client only accepts Prometheus label
 * names (OTel would accept the dotted ones at the same cost).
 */
export const LABEL_NAMES: Readonly<Record<AttrCount, readonly string[]>> = {
  0: [],
  2: ['mcp_method_name', 'gen_ai_tool_name'],
  5: ['mcp_method_name', 'gen_ai_tool_name', 'gen_ai_operation_name', 'mcp_protocol_version', 'network_transport'],
};

/** A plain string-valued attribute record. */
export type Labels = Record<string, string>;

/**
 * A factory returning a FRESH object literal per call, as real call sites do
 * (`counter.add(1, { tool, status })`): nothing may cache by object identity. `undefined` for 0.
 * Values come from variables, so V8 cannot fold them into a constant.
 */
export function attributeFactory(count: AttrCount): () => Labels | undefined {
  const v = ['tools/call', 'get_weather', 'execute_tool', '2025-06-18', 'pipe'];
  const [a = '', b = '', c = '', d = '', e = ''] = v;
  switch (count) {
    case 0:
      return () => undefined;
    case 2:
      return () => ({ mcp_method_name: a, gen_ai_tool_name: b });
    case 5:
      return () => ({ mcp_method_name: a, gen_ai_tool_name: b, gen_ai_operation_name: c, mcp_protocol_version: d, network_transport: e });
  }
}

/** The same attribute values as one object built once (for bound handles / prom-client children). */
export function fixedAttributes(count: AttrCount): Labels {
  return attributeFactory(count)() ?? {};
}

/** 15 explicit bucket boundaries (OTel's default set), used by every histogram in the suite. */
export const BOUNDS_15: readonly number[] = [0, 5, 10, 25, 50, 75, 100, 250, 500, 750, 1000, 2500, 5000, 7500, 10000];

/** Values recorded into histograms, cycled so they spread over the buckets; power-of-two length. */
export const HISTOGRAM_VALUES: readonly number[] = Array.from({ length: 64 }, (_, i) => (i * 163) % 12000);
