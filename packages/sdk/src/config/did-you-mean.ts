/**
 * Optimal-string-alignment distance (Levenshtein plus adjacent transpositions, so `prot` -> `port`
 * costs 1, not 2). With `max`, stops as soon as the distance must exceed it and returns `max + 1`:
 * the minimum of a row never decreases, so one row above `max` settles it. A file may hold 100k
 * unknown keys, each compared with every known key.
 */
export function editDistance(a: string, b: string, max = Infinity): number {
  // Rows of the DP table; only three are needed at a time, reused.
  let beforePrevious = new Array<number>(b.length + 1).fill(0);
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  let current = new Array<number>(b.length + 1).fill(0);
  for (let i = 1; i <= a.length; i++) {
    current[0] = i;
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, beforePrevious[j - 2]! + 1);
      current[j] = best;
      if (best < rowMin) rowMin = best;
    }
    if (rowMin > max) return max + 1;
    [beforePrevious, previous, current] = [previous, current, beforePrevious];
  }
  return previous[b.length]!;
}

/** Folded candidate lists, computed once per list: one file may ask about 100k unknown keys. */
const foldedLists = new WeakMap<readonly string[], readonly string[]>();

function foldedOf(candidates: readonly string[]): readonly string[] {
  let folded = foldedLists.get(candidates);
  if (folded === undefined) foldedLists.set(candidates, (folded = candidates.map(fold)));
  return folded;
}

const counts = new Int32Array(256);

/**
 * How many characters of `a` and `b` have no partner in the other (multiset difference). An edit
 * changes this by at most 2 (a transposition by 0), so the edit distance is at least half of it.
 */
function unsharedCharacters(a: string, b: string): number {
  for (let index = 0; index < b.length; index++) counts[b.charCodeAt(index) & 255]!++;
  let shared = 0;
  for (let index = 0; index < a.length; index++) {
    const code = a.charCodeAt(index) & 255;
    if (counts[code]! > 0) {
      counts[code]!--;
      shared++;
    }
  }
  for (let index = 0; index < b.length; index++) counts[b.charCodeAt(index) & 255] = 0;
  return a.length + b.length - 2 * shared;
}

/** Case, `_`, `-` and spaces never count as typos: `service_name` is a near miss of `serviceName`. */
function fold(word: string): string {
  return word.toLowerCase().replace(/[-_\s]/g, '');
}

/**
 * The candidate closest to `word`, if it is close enough to be a likely typo: at most one edit per
 * three characters (and at least one), after folding case and separators. Failing that, the only
 * candidate that `word` (2+ characters) abbreviates: `gz` -> `gzip`.
 */
export function didYouMean(word: string, candidates: readonly string[]): string | undefined {
  const folded = fold(word);
  const foldedCandidates = foldedOf(candidates);
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const [index, candidate] of candidates.entries()) {
    if (candidate === word) continue;
    const foldedCandidate = foldedCandidates[index]!;
    const allowed = Math.max(1, Math.floor(Math.max(folded.length, foldedCandidate.length) / 3));
    // Cheap lower bounds first, so hopeless pairs (most of 100k unknown keys, or a 1 MB key) skip
    // the quadratic table: the length difference, and half the characters the two do not share.
    if (Math.abs(folded.length - foldedCandidate.length) > allowed) continue;
    if (unsharedCharacters(folded, foldedCandidate) > 2 * allowed) continue;
    const distance = editDistance(folded, foldedCandidate, allowed);
    if (distance <= allowed && distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  if (best !== undefined || folded.length < 2) return best;
  const extensions = candidates.filter((_, index) => foldedCandidates[index]!.startsWith(folded));
  return extensions.length === 1 ? extensions[0] : undefined;
}
