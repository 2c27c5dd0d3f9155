import { splitLines } from '../shared/read-text.js';
import { findBlocks, blockLineSet, type BlockMarkers } from './blocks.js';
import { titleIndex } from './normalise.js';

/**
 * What --fix writes to a file: the canonical file's text with
 *   - the title line replaced by the file's own title (or, for a file without one, the canonical
 *     title with the canonical tool name swapped for the file's, matching case),
 *   - the n-th tool-specific block's content replaced by the file's own n-th block (empty when the
 *     file has fewer), and the file's extra blocks appended at the end, so no tool-specific text is lost,
 *   - LF line endings and exactly one final newline.
 * It depends only on the canonical text and the file's title and blocks, so running it again on its
 * own output gives the same bytes, and the result has zero drift from the canonical file.
 */
export interface SyncOptions {
  markers: BlockMarkers;
  canonicalTool: string;
  fileTool: string;
}

export function syncedText(canonicalText: string, fileText: string | undefined, options: SyncOptions): string {
  const canonical = splitLines(canonicalText);
  const canonicalBlocks = findBlocks(canonical, options.markers).blocks;
  const canonicalTitle = titleOutsideBlocks(canonical, blockLineSet(canonicalBlocks));

  const own = fileText === undefined ? [] : splitLines(fileText);
  const ownBlocks = findBlocks(own, options.markers).blocks;
  const ownTitleIndex = titleOutsideBlocks(own, blockLineSet(ownBlocks));
  const ownTitle = ownTitleIndex === undefined ? undefined : own[ownTitleIndex];

  const out: string[] = [];
  if (canonicalTitle === undefined && ownTitle !== undefined) out.push(ownTitle, '');
  let blockIndex = 0;
  for (let i = 0; i < canonical.length; i += 1) {
    const block = canonicalBlocks[blockIndex];
    if (block && i === block.start) {
      out.push(canonical[block.start], ...(ownBlocks[blockIndex]?.content ?? []), canonical[block.end]);
      i = block.end;
      blockIndex += 1;
      continue;
    }
    if (i === canonicalTitle) {
      out.push(ownTitle ?? swapToolName(canonical[i], options.canonicalTool, options.fileTool));
      continue;
    }
    out.push(canonical[i]);
  }
  for (const extra of ownBlocks.slice(canonicalBlocks.length)) {
    out.push('', options.markers.start, ...extra.content, options.markers.end);
  }
  while (out.length > 0 && out[out.length - 1].trim() === '') out.pop();
  return `${out.join('\n')}\n`;
}

function titleOutsideBlocks(lines: readonly string[], inBlocks: Set<number>): number | undefined {
  const visible = lines.map((line, index) => ({ line, index })).filter(({ index }) => !inBlocks.has(index));
  const title = titleIndex(visible.map((v) => v.line));
  return title === undefined ? undefined : visible[title].index;
}

/** Replaces a tool name (whole word, any case) by another, keeping the case style of each occurrence. */
export function swapToolName(line: string, from: string, to: string): string {
  if (!from || from.toLowerCase() === to.toLowerCase()) return line;
  const pattern = new RegExp(`(?<![\\p{L}\\p{N}_])${from.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\p{L}\\p{N}_])`, 'giu');
  return line.replace(pattern, (found) => {
    if (found === found.toUpperCase()) return to.toUpperCase();
    if (found === found.toLowerCase()) return to.toLowerCase();
    return to.charAt(0).toUpperCase() + to.slice(1).toLowerCase();
  });
}
