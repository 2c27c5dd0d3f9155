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
    // `supabase db diff` writes one GRANT per privilege (seven per new table): one finding per object
    // and file, at the first grant, naming every privilege, says the same with less noise.
    const byObject = new Map<string, { finding: MigrationFinding; privileges: Set<string>; defaults: boolean }>();
    for (const statement of statementsOf(file, 'GrantStmt', 'AlterDefaultPrivilegesStmt')) {
      const found = grantsToAnon(statement);
      if (!found) continue;
      const privileges = (found.grant.privileges ?? []).map((p) => nodeBody(p, 'AccessPriv')?.priv_name?.toUpperCase()).filter((p): p is string => Boolean(p));
      for (const object of objectNames(found.grant)) {
        const key = `${found.defaults}|${object.schema}.${object.name}`;
        const seen = byObject.get(key);
        if (seen) {
          for (const privilege of privileges.length > 0 ? privileges : ['ALL']) seen.privileges.add(privilege);
          continue;
        }
        byObject.set(key, {
          finding: { statement, byteLocation: found.location, object, message: '' },
          privileges: new Set(privileges.length > 0 ? privileges : ['ALL']),
          defaults: found.defaults,
        });
      }
    }
    return [...byObject.values()].map(({ finding, privileges, defaults }) => ({
      ...finding,
      message: `${defaults ? 'default privileges grant' : 'grants'} ${[...privileges].join(', ')} on ${finding.object.schema}.${finding.object.name} to anon: anyone with the public API key gets it, and only RLS policies stand in between; grant to authenticated instead, or keep the grant and check the policies (to shut anon out, REVOKE ... FROM anon: Supabase's default privileges grant it on new tables in public)`,
    }));
  },
};
