import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import {
  connectServer,
  describeConnectionString,
  inputError,
  introspect,
  InventorySchema,
  loadConfig,
  ruleCatalogue,
  type Inventory,
  type Notice,
  type ReportTarget,
  type ResolvedConfig,
} from '@platform-kit/core';
// INTERIM: the engine's loadInventory (packages/core/src/engine/target.ts) replaces this deep import when it lands.
import { replayMigrations } from '../../core/src/replay/replay.js';
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

export interface LoadedTarget {
  inventory: Inventory;
  target: ReportTarget;
  notices: Notice[];
}

type Values = Record<string, string | boolean | string[] | undefined>;

/** Loads the inventory the target options point at, and saves it when asked. */
export async function loadTarget(values: Values, context: CommandContext): Promise<LoadedTarget> {
  const loaded = await loadInventoryFor(values, context);
  const save = values['save-inventory'];
  if (typeof save === 'string') writeFileAtomic(path.resolve(context.cwd, save), `${JSON.stringify(loaded.inventory, null, 2)}\n`);
  return loaded;
}

async function loadInventoryFor(values: Values, context: CommandContext): Promise<LoadedTarget> {
  const inventoryFile = values.inventory;
  if (typeof inventoryFile === 'string') return { ...readInventory(inventoryFile, context.cwd), notices: [] };

  const url = values['database-url'];
  if (typeof url === 'string' && url.length > 0) {
    context.addSecret(url);
    const db = await connectServer(url);
    try {
      return { inventory: await introspect(db), target: { kind: 'database', description: describeConnectionString(url) }, notices: [] };
    } finally {
      await db.close();
    }
  }

  const dir = String(values.migrations ?? 'supabase/migrations');
  const full = path.resolve(context.cwd, dir);
  if (!existsSync(full) || !statSync(full).isDirectory()) {
    throw inputError(`migrations folder ${dir} not found`, undefined, 'pass --migrations DIR, --database-url URL or --inventory FILE');
  }
  const result = await replayMigrations(full, { root: context.cwd });
  return { inventory: result.inventory, target: { kind: 'migrations', description: displayPath(full, context.cwd) }, notices: result.notices };
}

/** A saved inventory, validated at the boundary: a bad file names itself and the first problem. */
export function readInventory(file: string, cwd: string): { inventory: Inventory; target: ReportTarget } {
  const full = path.resolve(cwd, file);
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(full, 'utf8'));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw inputError(code === 'ENOENT' ? `inventory file ${file} not found` : `cannot read inventory ${file}: ${code ?? (error as Error).message}`);
  }
  const parsed = InventorySchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw inputError(`${file} is not a platform-kit inventory: ${issue.path.join('.') || '(root)'}: ${issue.message}`, { file });
  }
  return { inventory: parsed.data, target: { kind: 'inventory', description: displayPath(full, cwd) } };
}

/** The configuration a command runs with: --config, else .platform-kit.yml in the working folder, else defaults. */
export function loadCommandConfig(context: CommandContext): ResolvedConfig {
  return loadConfig({ explicitPath: context.common.config, cwd: context.cwd, knownRuleIds: ruleCatalogue().map((r) => r.id) }).config;
}

function displayPath(full: string, cwd: string): string {
  const relative = path.relative(cwd, full);
  return (relative && !relative.startsWith('..') ? relative : full).split(path.sep).join('/');
}
