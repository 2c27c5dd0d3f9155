import { existsSync } from 'node:fs';
import path from 'node:path';
import type { ResolvedConfig } from '../../config/schema.js';
import { AGENTS_FILE, type DocSyncConfig } from '../../config/sections/doc-sync.js';
import { finalizeFindings } from '../../engine/finalize.js';
import { buildReport, type Notice, type Report } from '../../report/report.js';
import { writeFileAtomic } from '../shared/atomic-write.js';
import { runFileRules } from '../shared/file-rule.js';
import { readTextFile, splitLines } from '../shared/read-text.js';
import { resolveRoot } from '../shared/root.js';
import { normaliseRelative } from '../spec-enforce/discover.js';
import { findBlocks } from './blocks.js';
import { measureDrift } from './metric.js';
import { comparableLines, toolNameOf } from './normalise.js';
import { suggestedPatch } from './patch.js';
import { docSyncRules } from './rules/index.js';
import { syncedText } from './sync.js';
import type { DocFile, DocSyncContext } from './types.js';

export interface DocSyncOptions {
  /** The repository root; relative to `cwd`. Default: `cwd`. */
  root?: string;
  cwd?: string;
  config: ResolvedConfig;
  /** Write the synced files (atomically), then report the state after the fix. */
  fix?: boolean;
  /**
   * The folder the suggested diffs' paths are relative to (default: root). The action gives the
   * repository checkout, so `git apply` works from the repository root whatever `root` is.
   */
  patchBase?: string;
  now?: Date;
}

export interface DocSyncPatch {
  file: string;
  /** Unified diff that brings the file in sync with the canonical one. */
  patch: string;
}

export interface DocSyncResult {
  report: Report;
  /** Suggested diffs, one per file whose content differs from what --fix would write. */
  patches: DocSyncPatch[];
  /** Files --fix wrote, relative to the root. */
  written: string[];
}

export const DOC_SYNC_COMMAND = 'doc-sync';

/**
 * doc-sync (§3.3, §1.5): compares every agent instruction file with the canonical one using the
 * drift metric of docs/doc-sync.md, suggests a unified diff per file, and with `fix` writes the
 * synced files deterministically.
 */
export function runDocSync(options: DocSyncOptions): DocSyncResult {
  const cwd = options.cwd ?? process.cwd();
  const root = resolveRoot(options.root, cwd);
  const config = options.config.docSync;
  const patchPrefix = diffPathPrefix(root, options.patchBase && path.resolve(cwd, options.patchBase));
  let context = analyse(root, config, patchPrefix);
  const written: string[] = [];
  const notices: Notice[] = [];
  if (options.fix) {
    for (const file of context.files) {
      const fixable = file.comparison && file.blockProblems.length === 0 && (file.read.ok || file.read.problem === 'missing');
      if (!fixable) {
        if (file.comparison && file.blockProblems.length > 0) notices.push({ message: `${file.path} not fixed: repair its tool-specific block markers first` });
        continue;
      }
      const current = file.read.ok ? file.read.text : undefined;
      if (current === file.comparison!.synced) continue;
      writeFileAtomic(path.join(root, file.path), file.comparison!.synced);
      written.push(file.path);
    }
    if (written.length > 0) context = analyse(root, config, patchPrefix);
    notices.push({ message: written.length > 0 ? `--fix wrote ${written.join(', ')} from ${context.canonical?.path}` : '--fix: nothing to write' });
  }
  return finish(context, root, options, notices, written);
}

function finish(context: DocSyncContext, root: string, options: DocSyncOptions, notices: Notice[], written: string[]): DocSyncResult {
  const config = context.config;
  const findings = finalizeFindings(runFileRules(docSyncRules, context), options.config, options.now);
  if (!context.canonical) {
    notices.push({ message: `no canonical file: ${context.canonicalReason}; nothing was compared` });
  }
  const patches: DocSyncPatch[] = context.files
    .filter((file) => file.comparison?.patch !== undefined)
    .map((file) => ({ file: file.path, patch: file.comparison!.patch! }));
  const report = buildReport({
    command: DOC_SYNC_COMMAND,
    target: { kind: 'files', description: root },
    findings,
    notices,
    details: {
      canonical: context.canonical?.path ?? null,
      canonicalReason: context.canonicalReason,
      threshold: config.threshold,
      files: context.files.map((file) => ({
        file: file.path,
        status: file.read.ok ? (file.comparison ? (file.comparison.failing ? 'drifting' : 'in-sync') : 'not-compared') : file.read.problem,
        ...(file.comparison && file.read.ok
          ? {
              drift: round(file.comparison.drift.drift),
              exact: file.comparison.drift.exact,
              added: file.comparison.drift.added,
              removed: file.comparison.drift.removed,
              comparedLines: file.comparison.drift.canonicalLines + file.comparison.drift.fileLines,
              failing: file.comparison.failing,
            }
          : {}),
        ...(file.comparison?.patch !== undefined ? { patch: file.comparison.patch } : {}),
      })),
      ...(options.fix ? { written } : {}),
    },
  });
  return { report, patches, written };
}

function round(value: number): number {
  return Math.round(value * 1e6) / 1e6;
}

/** root as seen from patchBase; empty when there is no base or root lies outside it (no `../` in a diff). */
function diffPathPrefix(root: string, base: string | undefined): string {
  if (!base) return '';
  const relative = path.relative(base, root);
  if (relative === '' || relative.startsWith('..') || path.isAbsolute(relative)) return '';
  return relative.split(path.sep).join('/');
}

/** Every configured file plus the canonical one, read and compared. Pure apart from reading files. */
function analyse(root: string, config: DocSyncConfig, patchPrefix: string): DocSyncContext {
  const members = [...new Set(config.files.map(normaliseRelative))];
  const { canonicalPath, reason } = chooseCanonical(root, config, members);
  const toolNames = [...new Set([...members, ...(canonicalPath ? [canonicalPath] : []), AGENTS_FILE].map(toolNameOf))];
  const load = (file: string): DocFile => {
    const read = readTextFile(path.join(root, file), config.maxFileBytes);
    const blockProblems = read.ok ? findBlocks(splitLines(read.text), config.toolSpecificBlocks).problems : [];
    return { path: file, tool: toolNameOf(file), read, blockProblems };
  };
  const canonical = canonicalPath ? load(canonicalPath) : undefined;
  const files = members.filter((file) => file !== canonicalPath).map(load);
  // A configured canonical file that is missing is reported like any other missing file.
  if (canonical && !canonical.read.ok && canonical.read.problem === 'missing') {
    return { config, canonical: undefined, canonicalReason: `${canonical.path} (${reason}) does not exist`, files: [canonical, ...files] };
  }
  if (canonical?.read.ok && canonical.blockProblems.length === 0) {
    const canonicalText = canonical.read.text;
    const normaliseOptions = { markers: config.toolSpecificBlocks, toolNames };
    const canonicalLines = comparableLines(canonicalText, normaliseOptions);
    for (const file of files) {
      if (!file.read.ok && file.read.problem !== 'missing') continue;
      const current = file.read.ok ? file.read.text : undefined;
      const drift = measureDrift(canonicalLines, current === undefined ? [] : comparableLines(current, normaliseOptions), config.threshold);
      // A missing file is reported as missing, not as drifting; it still gets its suggested content.
      const failing = current !== undefined && drift.drift > config.threshold;
      const synced = syncedText(canonicalText, current, { markers: config.toolSpecificBlocks, canonicalTool: canonical.tool, fileTool: file.tool });
      const comparison: NonNullable<DocFile['comparison']> = { drift, failing, synced, firstChangedLine: 1 };
      if (current !== synced) {
        comparison.patch = suggestedPatch(patchPrefix ? `${patchPrefix}/${file.path}` : file.path, current, synced, drift.exact);
        comparison.firstChangedLine = Math.max(1, Number(/^@@ -(\d+)/m.exec(comparison.patch)?.[1] ?? 1));
      }
      file.comparison = comparison;
    }
  }
  return { config, canonical, canonicalReason: reason, files };
}

function chooseCanonical(root: string, config: DocSyncConfig, members: string[]): { canonicalPath?: string; reason: string } {
  if (config.canonical !== 'auto') return { canonicalPath: normaliseRelative(config.canonical), reason: 'docSync.canonical' };
  if (existsSync(path.join(root, AGENTS_FILE))) return { canonicalPath: AGENTS_FILE, reason: `${AGENTS_FILE} exists (docSync.canonical: auto)` };
  const first = members.find((file) => existsSync(path.join(root, file)));
  if (first) return { canonicalPath: first, reason: `first existing of docSync.files (docSync.canonical: auto)` };
  return { reason: `none of ${[AGENTS_FILE, ...members].join(', ')} exists` };
}

/** The diff artifact: every suggested patch, in file order, as one file `git apply` / `patch -p1` accepts. */
export function renderDiffArtifact(patches: readonly DocSyncPatch[]): string {
  return patches.map((p) => p.patch).join('');
}

/** Writes the diff artifact atomically (an empty file when everything is in sync). */
export function writeDiffArtifact(file: string, patches: readonly DocSyncPatch[]): void {
  writeFileAtomic(file, renderDiffArtifact(patches));
}

export { docSyncRules } from './rules/index.js';
export { comparableLines, toolNameOf, TOOL_PLACEHOLDER } from './normalise.js';
export { measureDrift, type Drift } from './metric.js';
export { syncedText, swapToolName } from './sync.js';
export { findBlocks } from './blocks.js';
export type { DocFile, DocSyncContext, DocSyncRule } from './types.js';
