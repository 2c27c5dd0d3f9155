import { display, nodeBody } from '../ast.js';
import type { MigrationFinding, MigrationRule } from '../types.js';
import { commandsOnExistingTables, tableFinding } from './shared.js';

/** A validated FOREIGN KEY or CHECK added to a table with rows scans it while blocking writes. */
export const constraintWithoutNotValid: MigrationRule = {
  meta: {
    id: 'constraint-without-not-valid',
    title: 'Foreign key or check constraint added without NOT VALID',
    severity: 'warning',
    category: 'migration-safety',
    constitution: ['8.2'],
    rationale:
      'Adding a FOREIGN KEY or CHECK constraint to an existing table scans every row while holding a lock that blocks writes (a foreign key locks the referenced table too). Add it NOT VALID (instant), then VALIDATE CONSTRAINT in a later migration: validation takes a lock that lets reads and writes go on.',
    equivalents: { squawk: 'constraint-missing-not-valid' },
    fixable: false,
    examples: {
      bad: 'ALTER TABLE public.orders ADD CONSTRAINT orders_customer_fk FOREIGN KEY (customer_id) REFERENCES public.customers (id);',
      good: 'ALTER TABLE public.orders ADD CONSTRAINT orders_customer_fk FOREIGN KEY (customer_id) REFERENCES public.customers (id) NOT VALID;',
    },
  },
  check(file, context) {
    const findings: MigrationFinding[] = [];
    for (const { statement, table, command } of commandsOnExistingTables(file, context)) {
      const constraint = command.subtype === 'AT_AddConstraint' ? nodeBody(command.def, 'Constraint') : undefined;
      if (!constraint || constraint.skip_validation) continue;
      if (constraint.contype !== 'CONSTR_FOREIGN' && constraint.contype !== 'CONSTR_CHECK') continue;
      const kind = constraint.contype === 'CONSTR_FOREIGN' ? 'foreign key' : 'check constraint';
      findings.push(
        tableFinding(
          statement,
          table,
          `${kind} ${constraint.conname ?? ''} on ${display(table)} is validated while writes are blocked: add it NOT VALID, then VALIDATE CONSTRAINT in a later migration`.replace('  ', ' '),
          constraint.location,
          constraint.conname,
        ),
      );
    }
    return findings;
  },
};
