/** Where a structured layer of configuration came from: the object given in code, or a file. */
export type LayerSource = { kind: 'code' } | { kind: 'file'; file: string };

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

/** `["exporters", 1, "port"]` -> `exporters[1].port`; keys that are not identifiers are quoted. */
export function formatPath(segments: readonly PropertyKey[]): string {
  let text = '';
  for (const segment of segments) {
    if (typeof segment === 'number') text += `[${segment}]`;
    else if (typeof segment === 'string' && IDENTIFIER.test(segment)) text += text === '' ? segment : `.${segment}`;
    else text += `[${JSON.stringify(String(segment))}]`;
  }
  return text;
}

/**
 * The `ConfigIssue.path` of a location in a layer: `exporters[1].port` for the object given in
 * code (`config` for the object itself), `file /abs/x.yaml: exporters[1].port` for a file.
 */
export function layerPath(source: LayerSource, segments: readonly PropertyKey[]): string {
  const path = formatPath(segments);
  if (source.kind === 'code') return path === '' ? 'config' : path;
  return path === '' ? `file ${source.file}` : `file ${source.file}: ${path}`;
}

/** The `ConfigIssue.path` of an environment variable. */
export function envPath(name: string): string {
  return `env ${name}`;
}
