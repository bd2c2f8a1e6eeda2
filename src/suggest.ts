/**
 * "Did you mean": the closest known word to a mistyped one, by edit distance (optimal string alignment: a swap of
 * two neighbours counts as one edit, as typing mistakes do).
 */

export function editDistance(a: string, b: string): number {
  const rows = a.length + 1;
  const cols = b.length + 1;
  const d: number[][] = Array.from({ length: rows }, (_, i) => Array.from({ length: cols }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i < rows; i++) {
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i]![j] = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i]![j] = Math.min(d[i]![j]!, d[i - 2]![j - 2]! + 1);
    }
  }
  return d[a.length]![b.length]!;
}

/** How many edits still count as a typo of a word this long: one for short words, two from six letters. */
export const typoBudget = (word: string) => (word.length <= 2 ? 0 : word.length <= 5 ? 1 : 2);

/**
 * The candidate a mistyped word most likely meant, or undefined when none is close: within the typo budget
 * (case-insensitive), or one of which it is a prefix of three letters or more (`--dep` for `--deploy`).
 */
export function closest(input: string, candidates: readonly string[]): string | undefined {
  const word = input.toLowerCase();
  let best: { candidate: string; distance: number } | undefined;
  for (const candidate of candidates) {
    const distance = editDistance(word, candidate.toLowerCase());
    if (distance <= typoBudget(candidate) && (!best || distance < best.distance)) best = { candidate, distance };
  }
  if (best) return best.candidate;
  return word.length >= 3 ? candidates.find((c) => c.toLowerCase().startsWith(word)) : undefined;
}
