import type { InventoryRule } from '../types.js';
import { enableRowLevelSecurity } from '../../remediation/sql.js';
import { apiColumnGranteesOf, apiGranteesOf, isExposed, listOf, tableLabel, tableRef } from './shared.js';

/** Name parts that mark a column as sensitive, alone or as two adjacent parts (api_key, card_number). */
const SENSITIVE_WORDS = new Set(['password', 'passwd', 'passphrase', 'secret', 'token', 'ssn', 'apikey', 'pin', 'cvv', 'cvc', 'iban', 'otp', 'totp']);
const SENSITIVE_PAIRS = new Set([
  'api_key',
  'access_key',
  'private_key',
  'secret_key',
  'signing_key',
  'credit_card',
  'card_number',
  'account_number',
  'routing_number',
  'tax_id',
  'social_security',
  'passport_number',
  'driver_license',
  'drivers_license',
  'bank_account',
  'security_answer',
  'security_code',
]);

/** Splits snake_case and camelCase into lowercase words. */
function wordsOf(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
}

/** Whether a column name looks like it holds a secret or personal identifier. */
export function isSensitiveColumnName(name: string): boolean {
  const words = wordsOf(name);
  if (words.some((w) => SENSITIVE_WORDS.has(w))) return true;
  for (let i = 0; i + 1 < words.length; i += 1) if (SENSITIVE_PAIRS.has(`${words[i]}_${words[i + 1]}`)) return true;
  return false;
}

export const sensitiveColumnsExposed: InventoryRule = {
  meta: {
    id: 'sensitive-columns-exposed',
    title: 'Sensitive columns on a table without RLS readable by the API roles',
    severity: 'error',
    category: 'security',
    constitution: ['2.1', '2.4'],
    rationale:
      'Columns named like passwords, secrets, tokens, keys or national identifiers on a table without row level ' +
      'security, readable by anon or authenticated, are served to anyone with the anon key. Enable RLS, or keep such ' +
      'values out of exposed schemas (Supabase Vault for secrets).',
    equivalents: { supabaseAdvisor: '0023_sensitive_columns_exposed' },
    fixable: true,
    examples: {
      bad: 'create table public.integrations (id uuid primary key, api_key text);\ngrant select on public.integrations to anon;',
      good: 'create table public.integrations (id uuid primary key, api_key text);\nalter table public.integrations enable row level security;',
    },
  },
  check({ inventory, config }) {
    return inventory.tables
      .filter((t) => isExposed(config, t.schema) && !t.rlsEnabled)
      .flatMap((t) => {
        const tableGrantees = apiGranteesOf(inventory, t.schema, t.name);
        const exposed = t.columns
          .filter((c) => isSensitiveColumnName(c.name))
          .filter((c) => tableGrantees.length > 0 || apiColumnGranteesOf(inventory, t.schema, t.name, c.name).length > 0)
          .map((c) => c.name)
          .sort();
        if (exposed.length === 0) return [];
        const grantees = [...new Set([...tableGrantees, ...exposed.flatMap((c) => apiColumnGranteesOf(inventory, t.schema, t.name, c))])].sort();
        return [
          {
            object: tableRef(t),
            message:
              `Table ${tableLabel(t)} has sensitive ${exposed.length === 1 ? 'column' : 'columns'} ${listOf(exposed)}, no row level security, and is readable by ${listOf(grantees)}. ` +
              'Enable RLS with policies, or move the values out of the exposed schema (e.g. Supabase Vault).',
            location: t.location,
            remediation: { sql: enableRowLevelSecurity(t.schema, t.name) },
          },
        ];
      });
  },
};
