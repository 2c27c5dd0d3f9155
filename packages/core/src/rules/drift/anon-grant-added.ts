import { qualified } from '../../db/port.js';
import type { TableGrant } from '../../inventory/schema.js';
import type { InventoryRule } from '../types.js';
import { objectsOf, refOf } from './compare.js';

/** §1.1: the anonymous role gained privileges on a relation since the previous scan. */
export const driftAnonGrantAdded: InventoryRule = {
  meta: {
    id: 'drift-anon-grant-added',
    title: 'Privilege granted to anon since the previous scan',
    severity: 'error',
    category: 'drift',
    constitution: ['1.1', '1.2'],
    rationale:
      'The anon role is what every visitor with the public API key runs as. A new privilege for it — a new grant, or more ' +
      'privileges on an existing one — widens what the whole internet can do, and deserves to be caught the night it happens.',
    fixable: true,
    examples: {
      bad: 'grant select, insert on public.orders to anon;',
      good: 'revoke insert on public.orders from anon; -- anon keeps only what a reviewed migration granted',
    },
  },
  check({ inventory, previous }) {
    if (!previous) return [];
    const before = objectsOf(previous);
    return [...objectsOf(inventory).entries()].flatMap(([key, row]) => {
      if (row.kind !== 'table_grant') return [];
      const grant = row.attributes as unknown as TableGrant;
      if (grant.grantee !== 'anon') return [];
      const old = before.get(key)?.attributes as unknown as TableGrant | undefined;
      const added = grant.privileges.filter((p) => !(old?.privileges ?? []).includes(p)).sort();
      if (added.length === 0) return [];
      return [
        {
          object: refOf(row),
          message: `anon was granted ${added.join(', ')} on ${grant.schema}.${grant.table} since the previous scan.`,
          remediation: {
            // ON TABLE covers views, materialized views and foreign tables too; REVOKE of a missing privilege is a no-op.
            sql: `REVOKE ${added.join(', ')} ON TABLE ${qualified(grant.schema, grant.table)} FROM anon;`,
          },
        },
      ];
    });
  },
};
