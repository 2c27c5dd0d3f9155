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
  /** False when the diff gave up at its edit budget: `drift` is then a lower bound, already above the threshold. */
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
  const changes = diffArrays(canonical, file, { maxEditLength: budget });
  if (!changes) {
    return { added: budget, removed: 0, canonicalLines: canonical.length, fileLines: file.length, drift: budget / denominator, exact: false };
  }
  let added = 0;
  let removed = 0;
  for (const change of changes) {
    if (change.added) added += change.count;
    else if (change.removed) removed += change.count;
  }
  return { added, removed, canonicalLines: canonical.length, fileLines: file.length, drift: (added + removed) / denominator, exact: true };
}
