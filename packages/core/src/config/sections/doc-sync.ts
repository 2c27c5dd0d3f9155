import { z } from 'zod';

/** The `docSync` section of .platform-kit.yml. Owned by the doc-sync feature; every key has a default. */
export const docSyncConfigSchema = z.object({}).strict();
