import { registerCatalogue } from '../rules/registry.js';
import { slowQueryMeta } from './meta.js';

/** §6.1 slow queries (opt-in, live database only). Importing this module adds the rule to the catalogue. */
registerCatalogue([slowQueryMeta]);

export { slowQueryMeta } from './meta.js';
export { findSlowQueries, explainStatement, type SlowQuery, type SlowQueryResult, type Explained } from './collect.js';
export { suggestIndexes, seqScansOf, filterColumns, type PlanNode, type IndexSuggestion } from './plan-advice.js';
