import { registerCatalogue } from '../rules/registry.js';
import { specEnforceRules } from './spec-enforce/rules/index.js';
import { docSyncRules } from './doc-sync/rules/index.js';

/**
 * File-based governance (§1.3, §1.5, §3.1, §3.3): spec-enforce and doc-sync. No database. Their
 * rules join the catalogue on import, so `platform-kit rules`, the docs and SARIF list them.
 */
registerCatalogue([...specEnforceRules, ...docSyncRules].map((rule) => rule.meta));

export * from './spec-enforce/index.js';
export * from './doc-sync/index.js';
export { changedFilesSince } from './shared/git.js';
export { resolveRoot } from './shared/root.js';
export { rebaseLocations } from './shared/rebase.js';
export { specStatusMarkdown, docSyncMarkdown } from './shared/summary.js';
