import { z } from 'zod';

/** The `migrationLint` section of .platform-kit.yml. Owned by the migration-lint feature; every key has a default. */
export const migrationLintConfigSchema = z.object({}).strict();
