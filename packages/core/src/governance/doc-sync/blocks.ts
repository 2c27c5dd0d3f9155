/**
 * Tool-specific blocks: lines between a start and an end marker, each marker alone on its line
 * (surrounding whitespace allowed). They hold what only one tool should read; the drift metric
 * ignores them and --fix keeps each file's own.
 */
export interface BlockMarkers {
  start: string;
  end: string;
}

export interface Block {
  /** 0-based index of the start marker line. */
  start: number;
  /** 0-based index of the end marker line. */
  end: number;
  /** The lines between the markers. */
  content: string[];
}

export interface BlockProblem {
  /** 1-based. */
  line: number;
  message: string;
}

export function findBlocks(lines: readonly string[], markers: BlockMarkers): { blocks: Block[]; problems: BlockProblem[] } {
  const blocks: Block[] = [];
  const problems: BlockProblem[] = [];
  let open: number | undefined;
  lines.forEach((line, index) => {
    const trimmed = line.trim();
    if (trimmed === markers.start) {
      if (open !== undefined) {
        problems.push({ line: index + 1, message: `a tool-specific block starts inside the one opened on line ${open + 1}` });
        return;
      }
      open = index;
    } else if (trimmed === markers.end) {
      if (open === undefined) {
        problems.push({ line: index + 1, message: `"${markers.end}" without a matching "${markers.start}"` });
        return;
      }
      blocks.push({ start: open, end: index, content: lines.slice(open + 1, index) });
      open = undefined;
    }
  });
  if (open !== undefined) problems.push({ line: open + 1, message: `tool-specific block opened here is never closed with "${markers.end}"` });
  return { blocks, problems };
}

/** Indexes of the lines inside blocks, markers included. */
export function blockLineSet(blocks: readonly Block[]): Set<number> {
  const set = new Set<number>();
  for (const block of blocks) for (let i = block.start; i <= block.end; i += 1) set.add(i);
  return set;
}
