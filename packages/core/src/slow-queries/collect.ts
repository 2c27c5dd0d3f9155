import type { Node } from '@pgsql/types';
import type { Db } from '../db/port.js';
import { quoteIdent } from '../db/port.js';
import { runtimeError } from '../errors.js';
import type { Inventory } from '../inventory/schema.js';
import type { SchemaLintConfig } from '../config/sections/schema-lint.js';
import { nodeType, parseSqlFile } from '../parser/parse.js';
import type { Notice } from '../report/report.js';
import type { RuleFinding } from '../rules/types.js';
import { suggestIndexes, type IndexSuggestion, type PlanNode } from './plan-advice.js';

/**
 * §6.1 on a live database: statements from pg_stat_statements whose mean execution time is above
 * the threshold, each with its plan and index suggestions.
 *
 * Plans. pg_stat_statements stores normalised text, constants replaced by $1, $2...: such a
 * statement cannot be EXPLAINed as it is. PostgreSQL 16 added `EXPLAIN (GENERIC_PLAN)`, but it
 * needs the statement sent over the simple query protocol (the extended protocol takes `$1` as a
 * bind parameter), which the database port does not promise (PGlite always binds). So on every
 * version the generic plan is obtained the way GENERIC_PLAN does it internally: PREPARE the
 * statement, force `plan_cache_mode = force_generic_plan`, and EXPLAIN EXECUTE it with NULLs; a
 * generic plan is built without looking at the values, so the NULLs cannot fold the filter away.
 * When the parameters' types cannot be inferred, the plan is reported as unavailable. Everything runs in a
 * READ ONLY transaction that is rolled back, with a statement timeout. EXPLAIN ANALYZE (which
 * executes the statement) only with `analyze: true`, only for a SELECT with no parameters and no
 * data-modifying part.
 */
export interface SlowQuery {
  queryId: string;
  query: string;
  calls: number;
  meanMs: number;
  totalMs: number;
  /** The plan (EXPLAIN FORMAT JSON's top node), or null with `planUnavailable` saying why. */
  plan: PlanNode | null;
  planUnavailable?: string;
  analyzed: boolean;
  suggestions: IndexSuggestion[];
}

export interface SlowQueryResult {
  findings: RuleFinding[];
  notices: Notice[];
  queries: SlowQuery[];
}

type Settings = SchemaLintConfig['slowQueries'];

const EXPLAINABLE = new Set(['SelectStmt', 'InsertStmt', 'UpdateStmt', 'DeleteStmt', 'MergeStmt']);
const DATA_MODIFYING = new Set(['InsertStmt', 'UpdateStmt', 'DeleteStmt', 'MergeStmt']);
const EXPLAIN_TIMEOUT_MS = 30_000;

interface StatRow {
  queryid: string;
  query: string;
  calls: string | number;
  mean_exec_time: number;
  total_exec_time: number;
}

export async function findSlowQueries(db: Db, inventory: Inventory, settings: Settings): Promise<SlowQueryResult> {
  if (db.kind !== 'server') throw runtimeError('slow queries need a live database: pg_stat_statements has no data in a migrations replay');
  const located = await db.query<{ schema: string }>(
    `select n.nspname as schema from pg_extension e join pg_namespace n on n.oid = e.extnamespace where e.extname = 'pg_stat_statements'`,
  );
  if (located.rows.length === 0) {
    throw runtimeError(
      'slow queries need the pg_stat_statements extension in this database (CREATE EXTENSION pg_stat_statements SCHEMA extensions; the server needs shared_preload_libraries = pg_stat_statements)',
    );
  }
  const view = `${quoteIdent(located.rows[0].schema)}.pg_stat_statements`;
  let stats: StatRow[];
  try {
    stats = (
      await db.query<StatRow>(
        `select queryid::text as queryid, query, calls, mean_exec_time, total_exec_time
           from ${view}
          where dbid = (select oid from pg_database where datname = current_database())
            and mean_exec_time > $1
          order by mean_exec_time desc, queryid
          limit $2`,
        [settings.thresholdMs, settings.limit],
      )
    ).rows;
  } catch (error) {
    throw runtimeError(`cannot read pg_stat_statements: ${(error as Error).message}`);
  }
  const queries: SlowQuery[] = [];
  const notices: Notice[] = [];
  for (const [ordinal, row] of stats.entries()) {
    const slow: SlowQuery = {
      queryId: row.queryid,
      query: row.query,
      calls: Number(row.calls),
      meanMs: Math.round(row.mean_exec_time * 100) / 100,
      totalMs: Math.round(row.total_exec_time * 100) / 100,
      plan: null,
      analyzed: false,
      suggestions: [],
    };
    const explained = await explainStatement(db, row.query, { analyze: settings.analyze, ordinal });
    if ('plan' in explained) {
      slow.plan = explained.plan;
      slow.analyzed = explained.analyzed;
      slow.suggestions = suggestIndexes(explained.plan, inventory, settings.largeTableRows);
    } else {
      slow.planUnavailable = explained.unavailable;
      notices.push({ message: `slow query ${row.queryid}: plan unavailable (${explained.unavailable})` });
    }
    queries.push(slow);
  }
  return { findings: queries.map((q) => findingOf(q, settings)), notices, queries };
}

function findingOf(q: SlowQuery, settings: Settings): RuleFinding {
  const text = q.query.replace(/\s+/g, ' ').trim();
  const shown = text.length > 160 ? `${text.slice(0, 157)}...` : text;
  const where = q.suggestions.map((s) => `${s.schema}.${s.table}.${s.column}`);
  const advice = q.plan
    ? where.length > 0
      ? ` The plan scans large tables sequentially filtering on unindexed ${where.join(', ')}.`
      : ' The plan shows no sequential scan an index would obviously fix.'
    : ` Plan unavailable: ${q.planUnavailable}.`;
  return {
    object: { kind: 'query', schema: 'pg_stat_statements', name: q.queryId, discriminator: q.queryId },
    message: `Statement ${q.queryId} takes ${q.meanMs} ms on average over ${q.calls} calls (threshold ${settings.thresholdMs} ms): ${shown}.${advice}`,
    ...(q.suggestions.length > 0 ? { remediation: { sql: q.suggestions.map((s) => s.sql).join('\n') } } : {}),
  };
}

export type Explained = { plan: PlanNode; analyzed: boolean } | { unavailable: string };

/** Plans one statement (see the module comment for how parameters and ANALYZE are handled). */
export async function explainStatement(
  db: Db,
  query: string,
  options: { analyze: boolean; ordinal?: number },
): Promise<Explained> {
  let node: Node;
  try {
    const statements = parseSqlFile(query);
    if (statements.length !== 1) return { unavailable: `expected one statement, found ${statements.length}` };
    node = statements[0].node;
  } catch (error) {
    return { unavailable: `the statement does not parse: ${(error as Error).message}` };
  }
  const type = nodeType(node);
  if (!EXPLAINABLE.has(type)) return { unavailable: `${type} cannot be EXPLAINed` };
  const params = maxParam(node);
  const analyze = options.analyze && params === 0 && type === 'SelectStmt' && !containsAny(node, DATA_MODIFYING);
  const body = query.trim().replace(/;$/, '');
  const rollback = new Error('rollback');
  const prepared = `platform_kit_slow_${options.ordinal ?? 0}`;
  let didPrepare = false;
  let result: Explained | undefined;
  try {
    await db.transaction(async (tx) => {
      await tx.exec(`SET TRANSACTION READ ONLY; SET LOCAL statement_timeout = ${EXPLAIN_TIMEOUT_MS}; SET LOCAL lock_timeout = 2000;`);
      const format = `FORMAT JSON, VERBOSE${analyze ? ', ANALYZE' : ''}`;
      let rows: { 'QUERY PLAN': unknown }[];
      if (params === 0) {
        rows = (await tx.query<{ 'QUERY PLAN': unknown }>(`EXPLAIN (${format}) ${body}\n`)).rows;
      } else {
        await tx.exec(`SET LOCAL plan_cache_mode = force_generic_plan;`);
        await tx.exec(`PREPARE ${prepared} AS ${body}\n;`);
        didPrepare = true;
        const nulls = Array.from({ length: params }, () => 'NULL').join(', ');
        rows = (await tx.query<{ 'QUERY PLAN': unknown }>(`EXPLAIN (${format}) EXECUTE ${prepared}(${nulls})`)).rows;
      }
      const raw = rows[0]?.['QUERY PLAN'];
      const parsed = (typeof raw === 'string' ? JSON.parse(raw) : raw) as { Plan: PlanNode }[];
      result = { plan: parsed[0].Plan, analyzed: analyze };
      throw rollback;
    });
  } catch (error) {
    // A prepared statement outlives the rolled-back transaction: drop it from the session.
    if (didPrepare) await db.exec(`DEALLOCATE ${prepared}`);
    if (error !== rollback) {
      const message = (error as Error).message;
      return { unavailable: params > 0 ? `parameterised statement could not be planned generically: ${message}` : message };
    }
  }
  return result ?? { unavailable: 'EXPLAIN returned no plan' };
}

/** The highest $n in the statement: how many parameters it takes. */
function maxParam(node: unknown): number {
  let max = 0;
  const walk = (value: unknown): void => {
    if (Array.isArray(value)) return value.forEach(walk);
    if (value === null || typeof value !== 'object') return;
    const record = value as Record<string, unknown>;
    if ('ParamRef' in record) max = Math.max(max, (record.ParamRef as { number?: number }).number ?? 0);
    Object.values(record).forEach(walk);
  };
  walk(node);
  return max;
}

function containsAny(node: unknown, types: Set<string>): boolean {
  if (Array.isArray(node)) return node.some((n) => containsAny(n, types));
  if (node === null || typeof node !== 'object') return false;
  return Object.entries(node).some(([key, value]) => types.has(key) || containsAny(value, types));
}
