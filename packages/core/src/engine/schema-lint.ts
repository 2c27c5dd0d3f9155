import type { ResolvedConfig } from '../config/schema.js';
import { connectServer, describeDriverError } from '../db/server.js';
import { usageError, PlatformKitError } from '../errors.js';
import { finalizeFindings, isEnabled } from './finalize.js';
import { inventoryCounts, runInventoryRules } from './scan.js';
import { loadInventory, type LoadInventoryOptions, type ScanTarget } from './target.js';
import { loadParser } from '../parser/parse.js';
import { buildReport, type Report } from '../report/report.js';
import { findSlowQueries, slowQueryMeta, type SlowQuery } from '../slow-queries/index.js';
import { schemaRules } from '../rules/schema/index.js';
import { schemaLintSettings } from '../rules/schema/scope.js';

/**
 * The schema-lint gate (§5.1–5.3, §6.1, §6.2): the schema rule family on an inventory from any
 * target (live database, saved inventory, migrations replay; findings carry the replay's file and
 * line), plus, only when asked (`slowQueries` here, `--slow-queries`, or
 * `schemaLint.slowQueries.enabled`) and only on a live database, the slow statements of
 * pg_stat_statements with their plans (in the report's `details.slowQueries`).
 */
export interface SchemaLintInput {
  target: ScanTarget;
  config: ResolvedConfig;
  /** Overrides `schemaLint.slowQueries.enabled` when set. */
  slowQueries?: boolean;
  options?: LoadInventoryOptions;
}

export const SCHEMA_LINT_COMMAND = 'schema-lint';

export async function schemaLint(input: SchemaLintInput): Promise<Report> {
  const settings = schemaLintSettings(input.config).slowQueries;
  const wanted = (input.slowQueries ?? settings.enabled) && isEnabled(slowQueryMeta, input.config);
  // Asked for on this run: an error without a database. Enabled in the config only: the same config
  // also serves pull-request runs on migrations, so there it is skipped with a notice.
  if (wanted && !input.target.databaseUrl && input.slowQueries === true) {
    throw usageError('slow queries need a live database: give --database-url (or DATABASE_URL), or turn slow queries off');
  }
  const slowQueriesOn = wanted && Boolean(input.target.databaseUrl);
  await loadParser(); // policy and index rules read expressions with the PostgreSQL parser
  const loaded = await loadInventory(input.target, input.options);
  const findings = runInventoryRules(schemaRules, loaded.inventory, input.config);
  const notices = [...loaded.notices];
  if (wanted && !slowQueriesOn) {
    notices.push({ message: 'slow queries skipped: schemaLint.slowQueries.enabled needs a live database target (--database-url)' });
  }
  let slow: SlowQuery[] | undefined;
  if (slowQueriesOn && input.target.databaseUrl) {
    const url = input.target.databaseUrl;
    const db = await connectServer(url, { connectTimeoutMs: input.options?.connectTimeoutMs ?? 10_000 });
    try {
      const result = await findSlowQueries(db, loaded.inventory, settings);
      findings.push(...finalizeFindings([{ meta: slowQueryMeta, findings: result.findings }], input.config));
      notices.push(...result.notices);
      slow = result.queries;
    } catch (error) {
      if (error instanceof PlatformKitError) throw error;
      throw describeDriverError(error, url, 'query');
    } finally {
      await db.close();
    }
  }
  return buildReport({
    command: SCHEMA_LINT_COMMAND,
    target: loaded.target,
    findings,
    notices,
    details: {
      inventory: inventoryCounts(loaded.inventory),
      server: loaded.inventory.server.version,
      ...(slow ? { slowQueries: slow } : {}),
    },
  });
}
