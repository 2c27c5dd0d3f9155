/**
 * File-based governance (§1.3, §1.5, §3.1, §3.3): spec-enforce and doc-sync. No database. Their
 * rules are listed in the shared catalogue (rules/registry.ts).
 */
export * from './spec-enforce/index.js';
export * from './doc-sync/index.js';
export { changedFilesSince } from './shared/git.js';
export { resolveRoot } from './shared/root.js';
export { rebaseLocations } from './shared/rebase.js';
export { specStatusMarkdown, docSyncMarkdown } from './shared/summary.js';
