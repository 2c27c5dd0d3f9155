import { z } from 'zod';

/** The `migrationLint` section of .platform-kit.yml. Owned by the migration-lint feature; every key has a default. */
export const ROLLBACK_FORMS = ['comment', 'file', 'either'] as const;

export const migrationLintConfigSchema = z
  .object({
    /**
     * Where a breaking change's rollback plan lives (§8.2):
     * - "comment": a `-- rollback:` line comment (or a `/* rollback: ... *\/` block) in the migration itself;
     * - "file": a paired file `<rollback.directory>/<migration file name>`;
     * - "either" (default): any of the two.
     */
    rollback: z
      .object({
        form: z.enum(ROLLBACK_FORMS).default('either'),
        /** Folder of paired rollback files, relative to the migrations folder (default: supabase/rollbacks). */
        directory: z.string().min(1).default('../rollbacks'),
      })
      .strict()
      .default({ form: 'either', directory: '../rollbacks' }),
    /** Whether each migration file runs in one transaction (the Supabase CLI does): CONCURRENTLY then fails. */
    assumeInTransaction: z.boolean().default(true),
    /** Whether risky DDL needs a preceding `SET lock_timeout` in the same file. */
    requireLockTimeout: z.boolean().default(true),
    /** Schema extensions must be created in (§2.3). */
    extensionsSchema: z.string().min(1).default('extensions'),
    /** Migration files never linted (picomatch globs, matched against the path relative to the working directory). */
    exclude: z.array(z.string().min(1)).default([]),
  })
  .strict();
export type MigrationLintConfig = z.infer<typeof migrationLintConfigSchema>;
