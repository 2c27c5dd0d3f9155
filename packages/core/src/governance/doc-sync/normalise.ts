import { splitLines } from '../shared/read-text.js';
import { blockLineSet, findBlocks, type BlockMarkers } from './blocks.js';

/**
 * The comparable form of an agent instruction file, step by step as docs/doc-sync.md defines it:
 *   1. line endings normalised (CRLF and CR become LF), a final newline does not make a line;
 *   2. every well-formed tool-specific block removed, markers included;
 *   3. the title line removed: the first non-blank remaining line, if it is a level-1 ATX heading ("# ...");
 *   4. in every line, each tool name (whole word, any case) replaced by "<tool>";
 *   5. every run of whitespace collapsed to one space, leading and trailing whitespace removed;
 *   6. empty lines dropped.
 */
export interface NormaliseOptions {
  markers: BlockMarkers;
  /** Tool names to mask, e.g. ["CLAUDE", "GEMINI", "CODEX", "AGENTS"]. */
  toolNames: readonly string[];
}

export const TOOL_PLACEHOLDER = '<tool>';
const TITLE = /^ {0,3}#(?:[ \t]|$)/;

export function comparableLines(text: string, options: NormaliseOptions): string[] {
  const lines = splitLines(text);
  const inBlocks = blockLineSet(findBlocks(lines, options.markers).blocks);
  const kept = lines.filter((_, index) => !inBlocks.has(index));
  const title = titleIndex(kept);
  const toolPattern = toolNamePattern(options.toolNames);
  // The Unicode-aware pattern is slow per line; a plain substring test skips the lines without any name.
  const lowerNames = options.toolNames.map((name) => name.toLowerCase()).filter((name) => name !== '');
  const out: string[] = [];
  kept.forEach((line, index) => {
    if (index === title) return;
    const lower = line.toLowerCase();
    const masked = toolPattern && lowerNames.some((name) => lower.includes(name)) ? line.replace(toolPattern, TOOL_PLACEHOLDER) : line;
    // Most lines have single spaces only; replacing runs in those is wasted work on large files.
    const collapsed = (/[^\S ]| {2}/.test(masked) ? masked.replace(/\s+/g, ' ') : masked).trim();
    if (collapsed !== '') out.push(collapsed);
  });
  return out;
}

/** Index of the title line: the first non-blank line, when it is a level-1 ATX heading. */
export function titleIndex(lines: readonly string[]): number | undefined {
  const first = lines.findIndex((line) => line.trim() !== '');
  return first !== -1 && TITLE.test(lines[first]) ? first : undefined;
}

/** Tool names as whole words, any case; longest first so "CODEX" wins over a shorter overlapping name. */
export function toolNamePattern(names: readonly string[]): RegExp | undefined {
  const unique = [...new Set(names.filter((n) => n.trim() !== ''))].sort((a, b) => b.length - a.length || a.localeCompare(b));
  if (unique.length === 0) return undefined;
  const escaped = unique.map((name) => name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  return new RegExp(`(?<![\\p{L}\\p{N}_])(?:${escaped.join('|')})(?![\\p{L}\\p{N}_])`, 'giu');
}

/** The tool a file is for: its base name without extension ("docs/CLAUDE.md" → "CLAUDE"). */
export function toolNameOf(file: string): string {
  const base = file.split('/').pop() ?? file;
  const dot = base.lastIndexOf('.');
  return dot > 0 ? base.slice(0, dot) : base;
}
