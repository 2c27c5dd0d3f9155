import type { DocSyncConfig } from '../../config/sections/doc-sync.js';
import type { FileRule } from '../shared/file-rule.js';
import type { TextFileResult } from '../shared/read-text.js';
import type { BlockProblem } from './blocks.js';
import type { Drift } from './metric.js';

export interface DocFile {
  /** Relative to the root, forward slashes. */
  path: string;
  /** The tool name masked by the metric and used in titles: the base name without extension. */
  tool: string;
  read: TextFileResult;
  /** Unbalanced or nested tool-specific markers. */
  blockProblems: BlockProblem[];
  /** Set for every compared file (not for the canonical one). */
  comparison?: {
    drift: Drift;
    failing: boolean;
    /** What --fix writes. */
    synced: string;
    /** Unified diff from the current content to `synced`; undefined when the file is already byte-identical. */
    patch?: string;
    /** First line of the file the patch changes. */
    firstChangedLine: number;
  };
}

export interface DocSyncContext {
  config: DocSyncConfig;
  /** The resolved canonical file, when one exists (auto) or was configured. */
  canonical?: DocFile;
  /** How the canonical file was chosen, for messages. */
  canonicalReason: string;
  /** The other files, in config order. A configured canonical that is missing is listed here too. */
  files: DocFile[];
}

export type DocSyncRule = FileRule<DocSyncContext>;
