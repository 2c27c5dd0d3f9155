import { z } from 'zod';

/** The `specEnforce` section of .platform-kit.yml. Owned by the spec-enforce feature; every key has a default. */
export const specEnforceConfigSchema = z.object({}).strict();
