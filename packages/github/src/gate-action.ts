import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import {
  applySupabaseBaseline,
  buildReport,
  connectServer,
  describeConnectionString,
  finalizeFindings,
  inputError,
  introspect,
  isEnabled,
  loadConfig,
  openEmbedded,
  planFromReport,
  ruleCatalogue,
  rulesForGate,
  type Db,
  type GateName,
  type Inventory,
  type ReportTarget,
} from '@platform-kit/core';
import { runAction, type ActionOutcome } from './run-action.js';
import type { ActionInputs } from './inputs.js';

/**
 * The three database gates of §2.1–2.3 (rls-coverage, function-security, extensions-schema) are
 * the same action with a different rule set: load the target (a live database from `database-url`,
 * else the migrations replayed into the embedded database), run the gate's rules, and report.
 */
export function runGateAction(gate: GateName, title: string): Promise<ActionOutcome> {
  return runAction({
    name: gate,
    title,
    execute: async (inputs) => {
      const { config } = loadConfig({
        explicitPath: inputs.config || undefined,
        cwd: inputs.workingDirectory,
        knownRuleIds: ruleCatalogue().map((meta) => meta.id),
      });
      const { inventory, target } = await loadTarget(inputs);
      const produced = rulesForGate(gate)
        .filter((rule) => isEnabled(rule.meta, config))
        .map((rule) => ({ meta: rule.meta, findings: rule.check({ inventory, config }) }));
      const report = buildReport({ command: gate, target, findings: finalizeFindings(produced, config) });
      const plan = planFromReport(report, { catalogue: ruleCatalogue() });
      return { report, remediationSql: plan.fixed.length > 0 ? plan.sql : undefined };
    },
  });
}

// INTERIM until the engine's loadInventory lands: server introspection, or a plain replay.
async function loadTarget(inputs: ActionInputs): Promise<{ inventory: Inventory; target: ReportTarget }> {
  if (inputs.databaseUrl) {
    const db = await connectServer(inputs.databaseUrl);
    try {
      return { inventory: await introspect(db), target: { kind: 'database', description: describeConnectionString(inputs.databaseUrl) } };
    } finally {
      await db.close();
    }
  }
  const dir = inputs.migrationsPath;
  const display = path.relative(inputs.workingDirectory, dir) || '.';
  if (!existsSync(dir) || !statSync(dir).isDirectory()) {
    throw inputError(`migrations-path ${display} is not a directory`, undefined, 'set migrations-path, or database-url to scan a live database');
  }
  const db: Db = await openEmbedded({ extensions: ['pgcrypto', 'uuid-ossp'] });
  try {
    await applySupabaseBaseline(db);
    for (const file of readdirSync(dir).filter((f) => /^[0-9]+_.*\.sql$/.test(f)).sort()) {
      await db.exec(readFileSync(path.join(dir, file), 'utf8'));
    }
    return { inventory: await introspect(db), target: { kind: 'migrations', description: display } };
  } finally {
    await db.close();
  }
}
