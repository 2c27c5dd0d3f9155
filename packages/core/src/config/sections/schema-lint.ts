import { z } from 'zod';

/** The `schemaLint` section of .platform-kit.yml. Owned by the schema-lint feature; every key has a default. */
export const schemaLintConfigSchema = z.object({}).strict();
