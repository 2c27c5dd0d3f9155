import { z } from 'zod';

/**
 * The `controlPlane` section of .platform-kit.yml. Owned by the control-plane feature; every key
 * has a default. The control-plane URL is a secret and never lives here: it comes from
 * `--control-plane-url` or the PK_CONTROL_PLANE_URL environment variable.
 */
export const controlPlaneConfigSchema = z
  .object({
    /**
     * Whether `scan` records its history so the next scan shows drift: "auto" records to the control
     * plane when a URL is given, and locally when the local history directory already exists (created
     * by `scan --history` or `ops migrate --local`); "on" always records; "off" never does.
     */
    history: z.enum(['auto', 'on', 'off']).default('auto'),
    /** Where scans are kept without a control plane: an embedded PostgreSQL data directory. */
    dataDir: z.string().min(1).default('.platform-kit/ops'),
    /** The project id scans are recorded under; empty means the name of the directory the command runs in. */
    project: z
      .string()
      .regex(/^([A-Za-z0-9][A-Za-z0-9._-]{0,99})?$/, 'a project id is letters, digits, ".", "_" or "-" (at most 100)')
      .default(''),
    alerts: z
      .object({
        /** Environment variable holding the Mattermost/Slack-compatible webhook URL (a secret). */
        webhookUrlEnv: z.string().min(1).default('PK_ALERT_WEBHOOK_URL'),
        /** Delivery attempts before an alert goes to ops.alert_dead_letters. */
        maxAttempts: z.number().int().min(1).max(50).default(6),
      })
      .strict()
      .prefault({}),
  })
  .strict();

export type ControlPlaneConfig = z.infer<typeof controlPlaneConfigSchema>;
