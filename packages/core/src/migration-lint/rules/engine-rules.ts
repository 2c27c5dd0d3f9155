import type { RuleMeta } from '../../rules/types.js';

/**
 * Findings the engine itself produces (a file it cannot read, a suppression it cannot honour).
 * They have metadata like every rule, so they appear in the catalogue, the docs and SARIF.
 */
export const syntaxError: RuleMeta = {
  id: 'syntax-error',
  title: 'Migration file does not parse',
  severity: 'error',
  category: 'migration-safety',
  constitution: ['8.2'],
  rationale:
    'PostgreSQL would reject this migration. The finding sits at the position the PostgreSQL parser reports, with its message; the other files are still linted.',
  fixable: false,
  examples: { bad: 'CREATE TABLE public.orders (id bigint PRIMARY KEY,);', good: 'CREATE TABLE IF NOT EXISTS public.orders (id bigint PRIMARY KEY);' },
};

export const unreadableFile: RuleMeta = {
  id: 'unreadable-file',
  title: 'Migration file is not UTF-8 text',
  severity: 'error',
  category: 'migration-safety',
  constitution: ['8.2'],
  rationale:
    'Migrations are read as UTF-8 by PostgreSQL and the Supabase CLI. A file in another encoding, or a binary file in the migrations folder, would fail or insert mangled text.',
  fixable: false,
};

export const suppressionWithoutReason: RuleMeta = {
  id: 'suppression-without-reason',
  title: 'Suppression comment without a reason',
  severity: 'warning',
  category: 'governance',
  constitution: ['10.1'],
  rationale:
    'A `-- platform-kit-ignore <rule-id>: <reason>` comment documents an accepted exception (§10.1). Without a reason it suppresses nothing and is reported itself.',
  fixable: false,
  examples: {
    bad: '-- platform-kit-ignore drop-table\nDROP TABLE public.legacy_events;',
    good: '-- platform-kit-ignore drop-table: emptied and archived to storage in 20240101000000_archive_events.sql\nDROP TABLE public.legacy_events;',
  },
};

export const suppressionUnknownRule: RuleMeta = {
  id: 'suppression-unknown-rule',
  title: 'Suppression comment names an unknown rule',
  severity: 'warning',
  category: 'governance',
  constitution: ['10.1'],
  rationale: 'A suppression that names no rule, or a rule id that does not exist (a typo), suppresses nothing while looking as if it did.',
  fixable: false,
  examples: {
    bad: '-- platform-kit-ignore drop-tabel: archived first\nDROP TABLE public.legacy_events;',
    good: '-- platform-kit-ignore drop-table: archived first\nDROP TABLE public.legacy_events;',
  },
};
