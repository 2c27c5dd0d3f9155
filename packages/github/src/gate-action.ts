import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { inputError, loadConfigLazily, loadParser, planFromReport, ruleMetas, rulesForGate, scan, type CatalogPrefetch, type GateName } from '@platform-kit/core/scan';
import { canRelaunchWithBaselineWasm, RelaunchRequested } from './relaunch.js';
import { runAction, type ActionOutcome } from './run-action.js';

/**
 * The three database gates of §2.1–2.3 (rls-coverage, function-security, extensions-schema) are
 * one action with a different rule set, and the twins of the CLI commands of the same names: load
 * the target (a live database from `database-url`, else the migrations replayed into the embedded
 * database), run the gate's rules (engine/gates.ts), report, and attach the remediation plan.
 * `prefetched`: the catalog read gate-entry.ts started for `database-url` before this module loaded.
 */
export function runGateAction(gate: GateName, title: string, prefetched?: CatalogPrefetch): Promise<ActionOutcome> {
  return runAction({
    name: gate,
    title,
    execute: async (inputs) => {
      const root = inputs.workingDirectory;
      const { config } = await loadConfigLazily({
        explicitPath: inputs.config || undefined,
        cwd: root,
        // Lookups only: unsorted (sorting with localeCompare starts ICU's collator, ~15 ms of a cold start).
        knownRuleIds: ruleMetas().map((meta) => meta.id),
      });
      if (!inputs.databaseUrl) requireDirectory(inputs.migrationsPath, root);
      // The parser loads on demand: the gates parse to build fixes, and rls-coverage's policy rules
      // read the server's own trees of the policy expressions (core's parser/catalog-trees.ts) on a
      // database, so a clean run never compiles the parser's WebAssembly. A migrations replay
      // parses the files anyway. On Node 22+ a bundle that needs the parser starts again under
      // --liftoff-only instead (relaunch.ts): nothing but masks has been printed yet.
      const parser = () => (inputs.databaseUrl && canRelaunchWithBaselineWasm(`${gate}.js`) ? Promise.reject(new RelaunchRequested()) : loadParser());
      const report = await scan({
        command: gate,
        rules: rulesForGate(gate),
        target: inputs.databaseUrl ? { databaseUrl: inputs.databaseUrl, prefetched } : { migrationsDir: inputs.migrationsPath },
        config,
        options: { root },
        parser: 'on-demand',
        loadParser: parser,
      });
      // The remediation plan re-reads fix SQL with the parser.
      if (report.findings.length > 0) await parser();
      const plan = planFromReport(report, { catalogue: ruleMetas() });
      return { report, remediationSql: plan.fixed.length > 0 ? plan.sql : undefined };
    },
  });
}

/** The replay needs the folder; say which input to change, relative to where the user wrote it. */
function requireDirectory(dir: string, root: string): void {
  if (existsSync(dir) && statSync(dir).isDirectory()) return;
  const shown = path.relative(root, dir) || '.';
  throw inputError(
    `migrations-path ${shown} is not a directory (looked in ${path.relative(process.env.GITHUB_WORKSPACE || process.cwd(), dir) || '.'})`,
    undefined,
    'set migrations-path (relative to working-directory), or database-url to check a live database',
  );
}
