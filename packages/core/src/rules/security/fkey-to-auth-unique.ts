import type { InventoryRule } from '../types.js';
import { isUserSchema, listOf } from './shared.js';

/** Supabase may rebuild auth's unique constraints; only auth's primary keys are a stable target. */
export const fkeyToAuthUnique: InventoryRule = {
  meta: {
    id: 'fkey-to-auth-unique',
    title: 'Foreign key to auth through a unique non-primary key',
    severity: 'error',
    category: 'integrity',
    constitution: ['5.2'],
    rationale:
      'The auth schema belongs to Supabase, which may drop or rebuild its unique constraints and indexes during ' +
      'upgrades; a foreign key that depends on one blocks the upgrade or breaks with it. Reference auth.users(id), ' +
      'the primary key, instead.',
    equivalents: { supabaseAdvisor: '0021_fkey_to_auth_unique' },
    fixable: false,
    examples: {
      bad: 'create table public.profiles (email text references auth.users (email));',
      good: 'create table public.profiles (user_id uuid primary key references auth.users (id) on delete cascade);',
    },
  },
  check({ inventory }) {
    return inventory.foreignKeys
      .filter((fk) => isUserSchema(fk.schema) && fk.refSchema === 'auth' && fk.referencedKey === 'unique')
      .map((fk) => ({
        object: { kind: 'foreign_key' as const, schema: fk.schema, table: fk.table, name: fk.name },
        message:
          `Foreign key ${fk.name} on ${fk.schema}.${fk.table} (${listOf(fk.columns)}) references auth.${fk.refTable} (${listOf(fk.refColumns)}) through a unique constraint that Supabase may rebuild. ` +
          `Reference auth.${fk.refTable}'s primary key instead.`,
        location: fk.location,
      }));
  },
};
