/**
 * Whether an `Accept-Encoding` header admits gzip: a `gzip` (or `*`) coding whose `q` is not 0.
 * Prometheus sends `Accept-Encoding: gzip` on every scrape; curl sends none unless asked.
 */
export function acceptsGzip(header: string | string[] | undefined): boolean {
  if (header === undefined) return false;
  const codings = (Array.isArray(header) ? header.join(',') : header).split(',').map(parseCoding);
  // A coding named outright decides for itself; `*` only speaks for codings not named (RFC 9110 12.5.3).
  const named = codings.filter((coding) => coding.name === 'gzip' || coding.name === 'x-gzip');
  if (named.length > 0) return named.some((coding) => coding.q > 0);
  return codings.some((coding) => coding.name === '*' && coding.q > 0);
}

function parseCoding(coding: string): { name: string; q: number } {
  const [name = '', ...params] = coding.split(';').map((part) => part.trim().toLowerCase());
  const q = params.find((param) => param.startsWith('q='));
  const value = q === undefined ? 1 : Number(q.slice(2));
  return { name, q: Number.isFinite(value) ? value : 0 };
}
