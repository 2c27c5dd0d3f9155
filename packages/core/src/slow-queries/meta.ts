import type { RuleMeta } from '../rules/types.js';

/**
 * §6.1: the slow-query check. It is not an inventory rule (it reads pg_stat_statements on a live
 * database, and only when asked to), so its metadata joins the catalogue through registerCatalogue.
 */
export const slowQueryMeta: RuleMeta = {
  id: 'slow-query',
  title: 'Statement slower than the budget',
  severity: 'warning',
  category: 'performance',
  constitution: ['6.1', '6.2'],
  rationale:
    'Statements whose mean execution time in pg_stat_statements is above the threshold (§6.1: 1 s) are reported with their EXPLAIN plan and, ' +
    'where the plan scans a large table sequentially to filter on a column no index serves, the index that would serve it. ' +
    'Opt-in (`--slow-queries` or `schemaLint.slowQueries.enabled`) and live databases only; EXPLAIN ANALYZE runs only with `schemaLint.slowQueries.analyze`, ' +
    'only for SELECTs, in a READ ONLY transaction that is rolled back.',
  fixable: true,
};
