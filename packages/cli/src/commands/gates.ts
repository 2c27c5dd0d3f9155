import { loadParser, rulesForGate, scanWithInventory, type GateName, type Report } from '@platform-kit/core';
import type { CommandContext, CommandSpec } from '../command.js';
import { loadCommandConfig, saveInventory, TARGET_HELP, TARGET_OPTIONS, targetOf } from '../target.js';
import { HISTORY_HELP, HISTORY_OPTIONS, withHistory } from './introspect.js';

type Values = Record<string, string | boolean | string[] | undefined>;

/**
 * Runs one gate's rules (engine/gates.ts) on the target and returns its report. `scan` is the gate
 * with every security rule; the three CI gates of §2.1–2.3 are subsets.
 */
export async function runGate(gate: GateName, values: Values, context: CommandContext): Promise<Report> {
  const config = loadCommandConfig(context);
  // Policy rules read parsed expressions; the replay loads the parser, a saved inventory or a live database do not.
  await loadParser();
  const { report, inventory } = await scanWithInventory({
    command: gate,
    rules: rulesForGate(gate),
    target: targetOf(values, context),
    config,
    options: { root: context.cwd },
  });
  saveInventory(values, inventory, context);
  // scan records its history (control plane or .platform-kit/ops) and adds drift findings.
  return gate === 'scan' ? withHistory(report, inventory, values, context) : report;
}

function gateCommand(gate: GateName, summary: string, help: string): CommandSpec {
  return {
    name: gate,
    summary,
    help: `${help}\n\n${TARGET_HELP}${gate === 'scan' ? `\n\n${HISTORY_HELP}` : ''}`,
    options: gate === 'scan' ? { ...TARGET_OPTIONS, ...HISTORY_OPTIONS } : TARGET_OPTIONS,
    run: async ({ values }, context) => ({ kind: 'report', report: await runGate(gate, values, context) }),
  };
}

export const scanCommand = gateCommand(
  'scan',
  'Scan a database or a migrations folder with every security rule',
  [
    'Examples:',
    '  platform-kit scan                                  # replays ./supabase/migrations into an embedded PostgreSQL',
    '  platform-kit scan --database-url "$DATABASE_URL" --format sarif --output scan.sarif',
    '  platform-kit scan --save-inventory inv.json && platform-kit scan --inventory inv.json --format json',
  ].join('\n'),
);

export const rlsCoverageCommand = gateCommand(
  'rls-coverage',
  'CI gate §2.1/§5.1: row level security coverage, allow-all and tenant policies, storage policies',
  'The twin of the rls-coverage action: same rules, options and JSON output.',
);

export const functionSecurityCommand = gateCommand(
  'function-security',
  'CI gate §2.2: SECURITY DEFINER functions and views, fixed search_path, EXECUTE grants',
  'The twin of the function-security action: same rules, options and JSON output.',
);

export const extensionsSchemaCommand = gateCommand(
  'extensions-schema',
  'CI gate §2.3: extensions installed outside public',
  'The twin of the extensions-schema action: same rules, options and JSON output.',
);
