import { z } from 'zod';

/**
 * The `docSync` section of .platform-kit.yml (constitution §1.5, §3.3). Owned by the doc-sync
 * feature; every key has a default. The drift metric is defined in docs/doc-sync.md.
 */
export const DEFAULT_DOC_SYNC_FILES = ['CLAUDE.md', 'GEMINI.md', 'CODEX.md'] as const;
export const AGENTS_FILE = 'AGENTS.md';

export const docSyncConfigSchema = z
  .object({
    /** Agent instruction files that must stay in sync, relative to the root. */
    files: z.array(z.string().min(1)).min(1).default([...DEFAULT_DOC_SYNC_FILES]),
    /**
     * The file the others are compared with and synced from: one of `files`, or AGENTS.md (the
     * cross-tool standard). "auto": AGENTS.md when it exists, otherwise the first of `files` that exists.
     */
    canonical: z.string().min(1).default('auto'),
    /** Drift above this share of changed lines fails (§3.3: 10%). */
    threshold: z.number().min(0).max(1).default(0.1),
    /** Markers around content that belongs to one tool only: ignored by the metric, kept by --fix. */
    toolSpecificBlocks: z
      .object({
        start: z.string().min(1).default('<!-- tool-specific:start -->'),
        end: z.string().min(1).default('<!-- tool-specific:end -->'),
      })
      .strict()
      .prefault({}),
    /** Files larger than this are reported, not diffed. */
    maxFileBytes: z.number().int().positive().default(1024 * 1024),
  })
  .strict()
  .superRefine((value, ctx) => {
    if (value.canonical !== 'auto' && value.canonical !== AGENTS_FILE && !value.files.includes(value.canonical)) {
      ctx.addIssue({
        code: 'custom',
        path: ['canonical'],
        message: `expected "auto", "${AGENTS_FILE}" or one of files (${value.files.join(', ')}), got "${value.canonical}"`,
      });
    }
  });

export type DocSyncConfig = z.infer<typeof docSyncConfigSchema>;
