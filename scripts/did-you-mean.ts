/** "Did you mean …?" for a mistyped name: the closest known names by edit distance. */

/** Levenshtein distance (insertions, deletions and substitutions of one character each). */
export function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitute = previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1);
      current.push(Math.min(previous[j] + 1, current[j - 1] + 1, substitute));
    }
    previous = current;
  }
  return previous[b.length];
}

/**
 * The known names close enough to `given` to be what was meant (case ignored), closest first: at
 * most 2 edits, and at most a third of the name's length.
 */
export function closestNames(given: string, known: readonly string[], max = 3): string[] {
  const wanted = given.toLowerCase();
  const limit = Math.min(2, Math.max(1, Math.floor(wanted.length / 3)));
  return known
    .map((name) => ({ name, distance: editDistance(wanted, name.toLowerCase()) }))
    .filter((c) => c.distance <= limit)
    .sort((a, b) => a.distance - b.distance || a.name.localeCompare(b.name))
    .slice(0, max)
    .map((c) => c.name);
}
