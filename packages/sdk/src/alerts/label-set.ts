/** Label sets of alerts: stable keys, and Alertmanager's fingerprint. */

/** Alert labels: Prometheus label names to values. */
export type Labels = Record<string, string>;

/** The label names, sorted (Go's byte order, as Prometheus and Alertmanager sort them). */
export function sortedNames(labels: Labels): string[] {
  return Object.keys(labels).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/** Labels in sorted order, as a new object (payloads print them that way, like Alertmanager). */
export function sortLabels(labels: Labels): Labels {
  const sorted: Labels = {};
  for (const name of sortedNames(labels)) sorted[name] = labels[name]!;
  return sorted;
}

const OFFSET = 0xcbf29ce484222325n;
const PRIME = 0x100000001b3n;
const MASK = 0xffffffffffffffffn;
const encoder = new TextEncoder();

/**
 * Alertmanager's fingerprint of a label set (`model.LabelSet.Fingerprint`): FNV-1a 64 over the
 * sorted names and values, each followed by the byte 0xff, as 16 hex digits. Equal label sets have
 * equal fingerprints, so it also keys the alerts of a rule.
 */
export function fingerprint(labels: Labels): string {
  let hash = OFFSET;
  const add = (byte: number) => {
    hash = ((hash ^ BigInt(byte)) * PRIME) & MASK;
  };
  for (const name of sortedNames(labels)) {
    for (const byte of encoder.encode(name)) add(byte);
    add(0xff);
    for (const byte of encoder.encode(labels[name] ?? '')) add(byte);
    add(0xff);
  }
  return hash.toString(16).padStart(16, '0');
}

/** Whether every label of `subset` has the same value in `labels`. */
export function matchesAll(labels: Labels, subset: Labels): boolean {
  for (const [name, value] of Object.entries(subset)) if (labels[name] !== value) return false;
  return true;
}
