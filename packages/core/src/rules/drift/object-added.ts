import type { InventoryRule } from '../types.js';
import { addedObjects, describeRow, refOf } from './compare.js';

/** §1.2: observed state is the source of truth; anything that appeared since the last scan is reported. */
export const driftObjectAdded: InventoryRule = {
  meta: {
    id: 'drift-object-added',
    title: 'Object added since the previous scan',
    severity: 'info',
    category: 'drift',
    constitution: ['1.2', '4.2'],
    rationale:
      'The nightly scan compares what the database holds now with what the control plane recorded last time. ' +
      'An object that appeared without a reviewed migration is how hot-fixes made in the dashboard drift away from the repository.',
    fixable: false,
    examples: {
      bad: '-- previous scan: no public.tmp_export\ncreate table public.tmp_export (id int); -- made in the SQL editor',
      good: '-- the same table created by a migration in supabase/migrations, reviewed in a pull request',
    },
  },
  check({ inventory, previous }) {
    if (!previous) return [];
    return addedObjects(previous, inventory).map((row) => ({
      object: refOf(row),
      message: `${describeRow(row)} was added since the previous scan.`,
    }));
  },
};
