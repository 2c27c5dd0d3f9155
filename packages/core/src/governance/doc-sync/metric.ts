import { diffArrays } from 'diff';

/**
 * drift = (added + removed) / max(1, canonicalLines + fileLines), over the comparable lines
 * (normalise.ts), where added and removed are the lines outside a longest common subsequence of the
 * two line lists (the Myers diff). 0 means in sync; 1 means nothing in common.
 */
export interface Drift {
  added: number;
  removed: number;
  canonicalLines: number;
  fileLines: number;
  drift: number;
  /**
   * False when the figure is a lower bound already above the threshold (the lines no order can
   * match, or the diff's edit budget ran out); `added` and `removed` are then 0 (not counted).
   */
  exact: boolean;
}

/** The smallest edit budget: below it the diff is always run to the end, so small files get exact numbers. */
export const MIN_EDIT_BUDGET = 1000;

export function measureDrift(canonical: string[], file: string[], threshold: number): Drift {
  const total = canonical.length + file.length;
  const denominator = Math.max(1, total);
  // Past floor(threshold × total) + 1 edits the file fails whatever the exact figure is: stop there
  // (with a floor for small files) so two unrelated megabyte files cannot make the diff quadratic.
  const budget = Math.max(MIN_EDIT_BUDGET, Math.floor(threshold * total) + 1);
  const lowerBound = multisetDifference(canonical, file);
  if (lowerBound > budget) return inexact(lowerBound, canonical.length, file.length, denominator);
  // Common leading and trailing lines are in every longest common subsequence: only the middle is diffed.
  let start = 0;
  while (start < canonical.length && start < file.length && canonical[start] === file[start]) start += 1;
  let end = 0;
  while (end < canonical.length - start && end < file.length - start && canonical[canonical.length - 1 - end] === file[file.length - 1 - end]) end += 1;
  const changes = diffArrays(canonical.slice(start, canonical.length - end), file.slice(start, file.length - end), { maxEditLength: budget });
  if (!changes) return inexact(budget, canonical.length, file.length, denominator);
  let added = 0;
  let removed = 0;
  for (const change of changes) {
    if (change.added) added += change.count;
    else if (change.removed) removed += change.count;
  }
  return { added, removed, canonicalLines: canonical.length, fileLines: file.length, drift: (added + removed) / denominator, exact: true };
}

function inexact(edits: number, canonicalLines: number, fileLines: number, denominator: number): Drift {
  return { added: 0, removed: 0, canonicalLines, fileLines, drift: Math.min(1, edits / denominator), exact: false };
}

/**
 * Lines that cannot be matched whatever the order: for each distinct line, the difference of its
 * counts in the two lists. A lower bound of added + removed, computed in linear time, that settles
 * unrelated files without running the diff at all.
 */
export function multisetDifference(a: readonly string[], b: readonly string[]): number {
  const counts = new Map<string, number>();
  for (const line of a) counts.set(line, (counts.get(line) ?? 0) + 1);
  for (const line of b) counts.set(line, (counts.get(line) ?? 0) - 1);
  let difference = 0;
  for (const count of counts.values()) difference += Math.abs(count);
  return difference;
}
