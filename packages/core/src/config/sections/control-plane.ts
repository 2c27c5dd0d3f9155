import { z } from 'zod';

/** The `controlPlane` section of .platform-kit.yml. Owned by the control-plane feature; every key has a default. */
export const controlPlaneConfigSchema = z.object({}).strict();
