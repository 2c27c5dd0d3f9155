/** Names close to a mistyped one (edit distance ≤ 2 or a prefix), closest first. */
export function closestNames(input: string, candidates: readonly string[]): string[] {
  return candidates
    .map((name) => ({ name, distance: name.startsWith(input) && input.length >= 2 ? 1 : levenshtein(input, name) }))
    .filter((c) => c.distance <= Math.max(2, Math.floor(input.length / 4)))
    .sort((a, b) => a.distance - b.distance || a.name.localeCompare(b.name))
    .map((c) => c.name);
}

function levenshtein(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i += 1) {
    let previous = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j += 1) {
      const saved = row[j];
      row[j] = Math.min(row[j] + 1, row[j - 1] + 1, previous + (a[i - 1] === b[j - 1] ? 0 : 1));
      previous = saved;
    }
  }
  return row[b.length];
}
