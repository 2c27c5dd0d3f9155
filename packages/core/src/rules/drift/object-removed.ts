import type { InventoryRule } from '../types.js';
import { describeRow, refOf, removedObjects } from './compare.js';

/** §1.2: a vanished object (a dropped policy, a revoked grant) is drift worth a look. */
export const driftObjectRemoved: InventoryRule = {
  meta: {
    id: 'drift-object-removed',
    title: 'Object removed since the previous scan',
    severity: 'warning',
    category: 'drift',
    constitution: ['1.2', '4.2'],
    rationale:
      'An object the previous scan saw is gone. Dropping a policy, a trigger or an index outside a migration weakens ' +
      'security or performance silently; the control plane keeps the object and the scan that first missed it.',
    fixable: false,
    examples: {
      bad: '-- previous scan: policy "members read" on public.projects\ndrop policy "members read" on public.projects;',
      good: '-- the policy is still there, or its removal came through a reviewed migration',
    },
  },
  check({ inventory, previous }) {
    if (!previous) return [];
    return removedObjects(previous, inventory).map((row) => ({
      object: refOf(row),
      message: `${describeRow(row)} was removed since the previous scan.`,
    }));
  },
};
