import type { ParsedStatement } from '../../parser/parse.js';
import { bodyOf, tableFromNames, namesOf, tableOf, type TableName, statementsOf } from '../ast.js';
import type { MigrationFinding, MigrationRule } from '../types.js';
import { droppedIfExists, onTableKey, tableFinding } from './shared.js';

function unreplaceableCreate(statement: ParsedStatement): { what: string; object: TableName; table?: string; location?: number } | undefined {
  const fn = bodyOf(statement, 'CreateFunctionStmt');
  if (fn && !fn.replace) return { what: fn.is_procedure ? 'CREATE PROCEDURE' : 'CREATE FUNCTION', object: tableFromNames(namesOf(fn.funcname)) };
  const view = bodyOf(statement, 'ViewStmt');
  if (view && !view.replace) return { what: 'CREATE VIEW', object: tableOf(view.view), location: view.view?.location };
  const trigger = bodyOf(statement, 'CreateTrigStmt');
  if (trigger && !trigger.replace && !trigger.isconstraint) {
    const table = tableOf(trigger.relation);
    return { what: 'CREATE TRIGGER', object: { schema: table.schema, name: trigger.trigname ?? '' }, table: table.name, location: trigger.relation?.location };
  }
  return undefined;
}

/** §1.4: functions, views and triggers are replaced, not created once. */
export const createWithoutOrReplace: MigrationRule = {
  meta: {
    id: 'create-without-or-replace',
    title: 'CREATE FUNCTION, VIEW or TRIGGER without OR REPLACE',
    severity: 'error',
    category: 'idempotency',
    constitution: ['1.4'],
    rationale:
      'A CREATE FUNCTION (or PROCEDURE, VIEW, TRIGGER) without OR REPLACE fails when the migration runs a second time (§1.4). OR REPLACE also makes the migration the place where the current definition lives. CREATE OR REPLACE TRIGGER needs PostgreSQL 14; a CREATE TRIGGER preceded in the same file by `DROP TRIGGER IF EXISTS <name> ON <table>` (the form in Supabase\'s own guides, and the only one before PostgreSQL 14) is idempotent too and is not reported.',
    fixable: false,
    examples: {
      bad: 'CREATE FUNCTION public.touch_updated_at() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN NEW.updated_at := now(); RETURN NEW; END $$;',
      good: 'CREATE OR REPLACE FUNCTION public.touch_updated_at() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN NEW.updated_at := now(); RETURN NEW; END $$;',
    },
  },
  check(file) {
    const findings: MigrationFinding[] = [];
    /** Triggers dropped with IF EXISTS earlier in the file (onTableKey keys). */
    const droppedTriggers = new Set<string>();
    for (const statement of statementsOf(file, 'DropStmt', 'CreateFunctionStmt', 'ViewStmt', 'CreateTrigStmt')) {
      for (const key of droppedIfExists(statement, 'OBJECT_TRIGGER')) droppedTriggers.add(key);
      const create = unreplaceableCreate(statement);
      if (!create) continue;
      if (create.table !== undefined && droppedTriggers.has(onTableKey({ schema: create.object.schema, name: create.table }, create.object.name))) continue;
      const advice = create.table !== undefined ? `: use CREATE OR REPLACE TRIGGER (PostgreSQL 14+), or put DROP TRIGGER IF EXISTS ${create.object.name} ON ${create.object.schema}.${create.table} before it` : '';
      const finding = tableFinding(statement, create.object, `${create.what} without OR REPLACE fails when the migration runs again (§1.4)${advice}`, create.location);
      if (create.table) finding.object.table = create.table;
      findings.push(finding);
    }
    return findings;
  },
};
