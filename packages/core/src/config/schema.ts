import { z } from 'zod';
import { SEVERITIES } from '../rules/types.js';
import { migrationLintConfigSchema } from './sections/migration-lint.js';
import { schemaLintConfigSchema } from './sections/schema-lint.js';
import { specEnforceConfigSchema } from './sections/spec-enforce.js';
import { docSyncConfigSchema } from './sections/doc-sync.js';
import { controlPlaneConfigSchema } from './sections/control-plane.js';

/**
 * `.platform-kit.yml`. Every key is optional with a documented default, so an empty file (or none)
 * is a valid configuration. Each feature owns its section in ./sections/. The JSON Schema for
 * editors (schema/platform-kit.schema.json) is generated from this zod schema.
 */
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date as YYYY-MM-DD');

export const ExemptionSchema = z
  .object({
    /** A rule id, or "*" for every rule. */
    rule: z.string().min(1),
    /** The object: "schema.name", "schema.table.name" for policies, columns and indexes; `*` matches any run of characters. */
    object: z.string().min(1),
    /** Why this is acceptable (§10.1). Required: an exemption without a reason is not an exemption. */
    justification: z.string().min(10, 'a justification of at least 10 characters is required (§10.1)'),
    /** After this date the exemption no longer applies and the finding comes back. */
    expires: isoDate.optional(),
    approvedBy: z.string().optional(),
  })
  .strict();
export type Exemption = z.infer<typeof ExemptionSchema>;

export const RuleSettingSchema = z.enum(['off', ...SEVERITIES]);

export const ConfigSchema = z
  .object({
    $schema: z.string().optional(),
    /** Schemas the Data API exposes (Supabase's `db.schemas`); tables there must have RLS (§2.1). */
    exposedSchemas: z.array(z.string().min(1)).default(['public']),
    tenancy: z
      .object({
        /** The tenant column (§5.1). */
        column: z.string().min(1).default('tenant_id'),
        /** The JWT claim policies must compare it with: auth.jwt() ->> '<claim>'. */
        claim: z.string().min(1).default('tenant_id'),
        /**
         * Which tables are tenant-scoped: "auto" (any table in an exposed schema with the tenant column),
         * or a list of "schema.table" patterns.
         */
        tables: z.union([z.literal('auto'), z.array(z.string().min(1))]).default('auto'),
      })
      .strict()
      .default({ column: 'tenant_id', claim: 'tenant_id', tables: 'auto' }),
    /** Tables that need created_by/updated_by and an audit trigger (§5.3): "schema.table" patterns. */
    criticalTables: z.array(z.string().min(1)).default([]),
    /** Per-rule severity override, or "off". */
    rules: z.record(z.string(), RuleSettingSchema).default({}),
    exemptions: z.array(ExemptionSchema).default([]),
    migrationLint: migrationLintConfigSchema.prefault({}),
    schemaLint: schemaLintConfigSchema.prefault({}),
    specEnforce: specEnforceConfigSchema.prefault({}),
    docSync: docSyncConfigSchema.prefault({}),
    controlPlane: controlPlaneConfigSchema.prefault({}),
  })
  .strict();

export type ResolvedConfig = z.infer<typeof ConfigSchema>;

/** The configuration used when no file is given. */
export function defaultConfig(): ResolvedConfig {
  return ConfigSchema.parse({}, { jitless: true });
}
