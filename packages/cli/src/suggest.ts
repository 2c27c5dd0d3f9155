import { editDistance } from '@platform-kit/core';

/** Names close to a mistyped one (edit distance ≤ 2 or a prefix), closest first. */
export function closestNames(input: string, candidates: readonly string[]): string[] {
  return candidates
    .map((name) => ({ name, distance: name.startsWith(input) && input.length >= 2 ? 1 : editDistance(input, name) }))
    .filter((c) => c.distance <= Math.max(2, Math.floor(input.length / 4)))
    .sort((a, b) => a.distance - b.distance || a.name.localeCompare(b.name))
    .map((c) => c.name);
}
