import type { GrantStmt, Node } from '@pgsql/types';
import type { ParsedStatement } from '../../parser/parse.js';
import { bodyOf, DEFAULT_SCHEMA, namesOf, nodeBody, tableOf, statementsOf } from '../ast.js';
import type { MigrationFinding, MigrationRule } from '../types.js';

function objectNames(grant: GrantStmt): { schema: string; name: string }[] {
  if (grant.targtype === 'ACL_TARGET_ALL_IN_SCHEMA' || grant.targtype === 'ACL_TARGET_DEFAULTS') {
    return [{ schema: namesOf(grant.objects).join(',') || DEFAULT_SCHEMA, name: '*' }];
  }
  return (grant.objects ?? []).map((object: Node) => {
    const relation = nodeBody(object, 'RangeVar');
    if (relation) return tableOf(relation);
    const fn = nodeBody(object, 'ObjectWithArgs');
    if (fn) {
      const names = namesOf(fn.objname);
      return { schema: names.length > 1 ? names[0] : DEFAULT_SCHEMA, name: names[names.length - 1] ?? '' };
    }
    const name = nodeBody(object, 'String')?.sval ?? '';
    return { schema: name, name };
  });
}

function grantsToAnon(statement: ParsedStatement): { grant: GrantStmt; location?: number; defaults: boolean } | undefined {
  const direct = bodyOf(statement, 'GrantStmt');
  const defaults = bodyOf(statement, 'AlterDefaultPrivilegesStmt')?.action;
  const grant = direct ?? defaults;
  if (!grant?.is_grant) return undefined;
  const anon = (grant.grantees ?? []).map((g) => nodeBody(g, 'RoleSpec')).find((r) => r?.rolename === 'anon');
  return anon ? { grant, location: anon.location, defaults: !direct } : undefined;
}

/** Anything granted to anon is readable (or writable) by anyone holding the public anon key. */
export const grantToAnon: MigrationRule = {
  meta: {
    id: 'grant-to-anon',
    title: 'GRANT to anon',
    severity: 'warning',
    category: 'security',
    constitution: ['2.1', '2.2'],
    rationale:
      "The anon role is what the public API key logs in as: whatever it is granted, anyone on the internet has, limited only by RLS policies. Grant to authenticated (or a narrower role) unless the object is public by design, and say so in a suppression's reason.",
    fixable: false,
    examples: {
      bad: 'GRANT SELECT, INSERT ON public.orders TO anon;',
      good: 'GRANT SELECT, INSERT ON public.orders TO authenticated;',
    },
  },
  check(file) {
    const findings: MigrationFinding[] = [];
    for (const statement of statementsOf(file, 'GrantStmt', 'AlterDefaultPrivilegesStmt')) {
      const found = grantsToAnon(statement);
      if (!found) continue;
      const privileges = (found.grant.privileges ?? []).map((p) => nodeBody(p, 'AccessPriv')?.priv_name?.toUpperCase()).filter(Boolean);
      const what = privileges.length > 0 ? privileges.join(', ') : 'ALL';
      for (const object of objectNames(found.grant)) {
        findings.push({
          statement,
          byteLocation: found.location,
          object,
          message: `${found.defaults ? 'default privileges grant' : 'grants'} ${what} on ${object.schema}.${object.name} to anon: anyone with the public API key gets it (only RLS stands in between)`,
        });
      }
    }
    return findings;
  },
};
