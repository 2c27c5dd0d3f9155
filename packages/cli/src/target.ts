import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { inputError, loadConfig, ruleCatalogue, type Inventory, type ResolvedConfig, type ScanTarget } from '@platform-kit/core';
import type { CommandContext, OptionSpec } from './command.js';
import { writeFileAtomic } from './io.js';

/** The target options shared by scan, fix and the gates: where the inventory comes from. */
export const TARGET_OPTIONS: Record<string, OptionSpec> = {
  'database-url': { type: 'string', description: 'Scan a live database (read-only); a secret, never printed', env: 'DATABASE_URL' },
  migrations: {
    type: 'string',
    description: 'Replay this migrations folder into the embedded database and scan it (used when no database URL is given)',
    default: 'supabase/migrations',
  },
  inventory: { type: 'string', description: 'Check a saved inventory (JSON from --save-inventory) instead; takes precedence' },
  'save-inventory': { type: 'string', description: 'Also write the inventory as JSON to FILE' },
};

export const TARGET_HELP = [
  'Target: --inventory FILE if given, else --database-url URL (or DATABASE_URL), else the migrations',
  'folder (--migrations, default ./supabase/migrations) replayed into an embedded PostgreSQL.',
].join('\n');

type Values = Record<string, string | boolean | string[] | undefined>;

/**
 * The one target the options name, for the engine's loadInventory: an explicit --inventory first
 * (so a DATABASE_URL left in the shell does not override it), then the database URL, then the
 * migrations folder, which must exist.
 */
export function targetOf(values: Values, context: CommandContext): ScanTarget {
  if (typeof values.inventory === 'string') return { inventoryFile: values.inventory };
  const url = values['database-url'];
  if (typeof url === 'string' && url.length > 0) {
    context.addSecret(url);
    return { databaseUrl: url };
  }
  const dir = String(values.migrations ?? 'supabase/migrations');
  const full = path.resolve(context.cwd, dir);
  if (!existsSync(full)) {
    throw inputError(`migrations folder ${dir} not found`, undefined, 'pass --migrations DIR, --database-url URL or --inventory FILE');
  }
  if (!statSync(full).isDirectory()) {
    throw inputError(`--migrations ${dir} is a file, not a folder`, undefined, 'pass the folder that holds the migrations, or --inventory FILE for a saved inventory');
  }
  return { migrationsDir: dir };
}

/** Writes the inventory when --save-inventory asks for it (atomically, like every output). */
export function saveInventory(values: Values, inventory: Inventory, context: CommandContext): void {
  const file = values['save-inventory'];
  if (typeof file === 'string') writeFileAtomic(path.resolve(context.cwd, file), `${JSON.stringify(inventory, null, 2)}\n`);
}

/** The configuration a command runs with: --config, else .platform-kit.yml in the working folder, else defaults. */
export function loadCommandConfig(context: CommandContext): ResolvedConfig {
  return loadConfig({ explicitPath: context.common.config, cwd: context.cwd, knownRuleIds: ruleCatalogue().map((r) => r.id) }).config;
}
