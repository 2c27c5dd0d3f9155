import type { SpecEnforceConfig } from '../../config/sections/spec-enforce.js';
import type { Heading, MarkdownLine } from '../shared/markdown.js';
import type { TextFileResult } from '../shared/read-text.js';
import type { FileRule } from '../shared/file-rule.js';
import type { Checklist } from './tasks.js';

export interface BundleFile {
  /** "tasks.md" */
  name: string;
  /** "spec/platform-kit/tasks.md", relative to the root. */
  path: string;
  read: TextFileResult;
  /** Present when the file was read. */
  lines?: MarkdownLine[];
  headings?: Heading[];
  /** No text besides whitespace and HTML comments. */
  empty?: boolean;
}

export interface Bundle {
  /** The project name: the folder name under specDir. */
  name: string;
  /** "spec/platform-kit", relative to the root. */
  dir: string;
  /** Why the project counts as significant (a config list, a discover glob). */
  because: string;
  exists: boolean;
  files: BundleFile[];
  /** Parsed tasks.md, when readable. */
  checklist?: Checklist;
}

/** Pull-request mode input: what the PR changes and which labels it carries. */
export interface PullRequestInput {
  /** Paths relative to the root, forward slashes. */
  changedFiles: string[];
  labels: string[];
}

export interface SpecContext {
  config: SpecEnforceConfig;
  bundles: Bundle[];
  /** Whether a path relative to the root exists (the one bit of I/O checks need; injected to keep them pure). */
  pathExists(relativePath: string): boolean;
  pullRequest?: PullRequestInput;
}

export type SpecRule = FileRule<SpecContext>;
