import type { InventoryRule } from '../types.js';
import { changedFields, changedObjects, describeRow, refOf } from './compare.js';

/** §1.2: an object whose definition changed since the last scan, with the fields that moved. */
export const driftObjectChanged: InventoryRule = {
  meta: {
    id: 'drift-object-changed',
    title: 'Object definition changed since the previous scan',
    severity: 'info',
    category: 'drift',
    constitution: ['1.2', '4.2'],
    rationale:
      'The definition hash of an object (columns, options, function body, policy expression, privileges) differs from the ' +
      'previous scan. The security-relevant changes have rules of their own with a higher severity; this one keeps the full picture.',
    fixable: false,
    examples: {
      bad: '-- previous scan: public.orders without column note\nalter table public.orders add column note text; -- in the dashboard',
      good: '-- the column added by a migration, so the repository and the database agree',
    },
  },
  check({ inventory, previous }) {
    if (!previous) return [];
    return changedObjects(previous, inventory).map((pair) => {
      const fields = changedFields(pair);
      return {
        object: refOf(pair.after),
        message: `${describeRow(pair.after)} changed since the previous scan${fields.length ? ` (${fields.join(', ')})` : ''}.`,
      };
    });
  },
};
