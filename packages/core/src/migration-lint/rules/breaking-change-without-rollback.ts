import { checkOnce } from '../run-rule.js';
import type { MigrationFinding, MigrationRule, ParsedMigration, SqlComment } from '../types.js';
import { changeColumnType } from './change-column-type.js';
import { dropColumn } from './drop-column.js';
import { dropTable } from './drop-table.js';
import { renameColumn } from './rename-column.js';
import { renameTable } from './rename-table.js';

/** The changes §8.2 calls breaking: they lose data or break deployed clients. */
const BREAKING = [dropTable, dropColumn, renameTable, renameColumn, changeColumnType];

/** A `-- rollback: ...` line comment or a `/* rollback: ... *\/` block comment (found by the scanner). */
export function isRollbackComment(comment: SqlComment): boolean {
  const body = comment.text.startsWith('--') ? comment.text.slice(2) : comment.text.slice(2, -2);
  return /^\s*rollback\s*:/i.test(body);
}

function hasRollbackPlan(file: ParsedMigration, form: 'comment' | 'file' | 'either'): boolean {
  const comment = form !== 'file' && file.comments.some(isRollbackComment);
  const paired = form !== 'comment' && file.findRollbackFile() !== undefined;
  return comment || paired;
}

/** §8.2: a breaking change ships with the way back. */
export const breakingChangeWithoutRollback: MigrationRule = {
  meta: {
    id: 'breaking-change-without-rollback',
    title: 'Breaking change without a rollback plan',
    severity: 'error',
    category: 'governance',
    constitution: ['8.2'],
    rationale:
      'A migration that drops or renames a table or column, or changes a column type, needs a documented way back (§8.2). Write it in the file as a `-- rollback:` comment (or a `/* rollback: ... */` block holding the SQL), or as a paired file with the same name in `supabase/rollbacks/` (`migrationLint.rollback`). The paired file must not live in supabase/migrations, where the Supabase CLI would apply it.',
    fixable: false,
    examples: {
      bad: 'ALTER TABLE public.orders RENAME COLUMN total TO amount;',
      good: '/* rollback:\n   ALTER TABLE public.orders RENAME COLUMN amount TO total;\n*/\nALTER TABLE public.orders RENAME COLUMN total TO amount;',
    },
  },
  check(file, context) {
    const rollback = context.config.migrationLint.rollback;
    const first = BREAKING.flatMap((rule) => checkOnce(rule, file, context)).sort(
      (a, b) => (a.statement?.ordinal ?? 0) - (b.statement?.ordinal ?? 0),
    )[0];
    if (!first || hasRollbackPlan(file, rollback.form)) return [];
    const where =
      rollback.form === 'comment'
        ? 'a `-- rollback:` comment in the file'
        : rollback.form === 'file'
          ? `a paired file ${rollback.directory}/${file.name} (relative to the migrations folder)`
          : `a \`-- rollback:\` comment in the file or a paired file ${rollback.directory}/${file.name}`;
    const finding: MigrationFinding = {
      ...(first.statement ? { statement: first.statement } : {}),
      object: first.object,
      message: `${file.name} makes a breaking change (${first.message.split(':')[0]}) without a rollback plan: add ${where} (§8.2)`,
    };
    return [finding];
  },
};
