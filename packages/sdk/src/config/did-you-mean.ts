/**
 * Optimal-string-alignment distance (Levenshtein plus adjacent transpositions, so `prot` -> `port`
 * costs 1, not 2).
 */
export function editDistance(a: string, b: string): number {
  // Rows of the DP table; only three are needed at a time.
  let beforePrevious: number[] = [];
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, beforePrevious[j - 2]! + 1);
      current.push(best);
    }
    beforePrevious = previous;
    previous = current;
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
    // The distance is at least the length difference: skip the quadratic table for hopeless pairs
    // (a hostile 1 MB key against every known key).
    if (Math.abs(folded.length - foldedCandidate.length) > allowed) continue;
    const distance = editDistance(folded, foldedCandidate);
    if (distance <= allowed && distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  if (best !== undefined || folded.length < 2) return best;
  const extensions = candidates.filter((_, index) => foldedCandidates[index]!.startsWith(folded));
  return extensions.length === 1 ? extensions[0] : undefined;
}
