/** §6.1 slow queries (opt-in, live database only); the rule's metadata is in the shared catalogue (rules/registry.ts). */
export { slowQueryMeta } from './meta.js';
export { findSlowQueries, explainStatement, type SlowQuery, type SlowQueryResult, type Explained } from './collect.js';
export { suggestIndexes, seqScansOf, filterColumns, type PlanNode, type IndexSuggestion } from './plan-advice.js';
