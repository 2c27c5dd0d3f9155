import { createTwoFilesPatch, FILE_HEADERS_ONLY } from 'diff';

/** Above this many changed raw lines a line-by-line diff costs more than it helps: the file is replaced whole. */
export const PATCH_EDIT_BUDGET = 5000;

/**
 * The unified diff that turns `current` (undefined: the file does not exist) into `synced`, with
 * `a/` and `b/` prefixes so `git apply` accepts it. When the two are too different for the line
 * diff's budget (or the drift was already settled as too large), one hunk replaces the whole file,
 * which costs linear time.
 */
export function suggestedPatch(file: string, current: string | undefined, synced: string, tryLineDiff: boolean): string {
  const oldName = current === undefined ? '/dev/null' : `a/${file}`;
  const newName = `b/${file}`;
  if (tryLineDiff) {
    const patch = createTwoFilesPatch(oldName, newName, current ?? '', synced, undefined, undefined, {
      context: 3,
      maxEditLength: PATCH_EDIT_BUDGET,
      headerOptions: FILE_HEADERS_ONLY,
    });
    if (patch !== undefined) return patch;
  }
  return wholeFilePatch(oldName, newName, current ?? '', synced);
}

export function wholeFilePatch(oldName: string, newName: string, oldText: string, newText: string): string {
  const side = (text: string, sign: '-' | '+') => {
    if (text === '') return { count: 0, body: '' };
    const endsWithNewline = text.endsWith('\n');
    const lines = (endsWithNewline ? text.slice(0, -1) : text).split('\n');
    const body = lines.map((line) => `${sign}${line}\n`).join('') + (endsWithNewline ? '' : '\\ No newline at end of file\n');
    return { count: lines.length, body };
  };
  const before = side(oldText, '-');
  const after = side(newText, '+');
  const range = (count: number) => `${count === 0 ? 0 : 1},${count}`;
  return `--- ${oldName}\n+++ ${newName}\n@@ -${range(before.count)} +${range(after.count)} @@\n${before.body}${after.body}`;
}
