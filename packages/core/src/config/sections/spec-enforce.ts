import { z } from 'zod';

/**
 * The `specEnforce` section of .platform-kit.yml (constitution §3.1). Owned by the spec-enforce
 * feature; every key has a default. Documented in docs/spec-enforce.md.
 */

/** A required section: one heading name, or a list of names any one of which will do. */
const sectionRequirement = z.union([z.string().min(1), z.array(z.string().min(1)).min(1)]);

export const DEFAULT_SPEC_FILES = ['constitution.md', 'prd.md', 'plan.md', 'tasks.md'] as const;

/**
 * Headings each bundle file must carry. A heading names a section when the section's words
 * appear in it as whole words, case and numbering ignored ("## 1) Core Principles" names "Principles").
 */
export const DEFAULT_SPEC_SECTIONS: Record<string, (string | string[])[]> = {
  'constitution.md': [['Principles', 'Non-Negotiables', 'Rules'], ['Governance', 'Enforcement', 'Amendments']],
  'prd.md': [['Overview', 'Summary', 'Problem', 'Purpose', 'Goals'], 'Requirements', ['Success Criteria', 'Acceptance Criteria']],
  'plan.md': [['Architecture', 'Technical Context', 'Design', 'Approach'], ['Constitution Check', 'Compliance']],
  'tasks.md': [],
};

export const specEnforceConfigSchema = z
  .object({
    /** Folder that holds the bundles, relative to the root: a bundle is `<specDir>/<project>/`. */
    specDir: z.string().min(1).default('spec'),
    /** Projects that must have a bundle, by name (`<specDir>/<name>/`), whether or not the folder exists. */
    projects: z.array(z.string().min(1)).default([]),
    /**
     * Folder globs whose matches are significant projects (one glob segment per folder level, no `**`).
     * A match directly under specDir is a bundle itself (`spec/*`); any other match `x/<name>` needs
     * `<specDir>/<name>/` (`packages/*`).
     */
    discover: z.array(z.string().min(1)).default(['spec/*']),
    /** The files every bundle must have. */
    requiredFiles: z.array(z.string().min(1)).min(1).default([...DEFAULT_SPEC_FILES]),
    /** Required headings per file name; a file not listed here needs none. Replaces the defaults per file. */
    sections: z.record(z.string(), z.array(sectionRequirement)).default(DEFAULT_SPEC_SECTIONS),
    /** Pull-request mode: changed files matching a glob (picomatch) require a change in that bundle. */
    featurePaths: z.record(z.string(), z.string().min(1)).default({}),
    /** Pull-request labels that mark a (major) feature: such a PR must change a spec bundle. */
    featureLabels: z.array(z.string().min(1)).default(['feature', 'major-feature']),
    /** Check that backticked file paths named by done tasks exist. */
    checkTaskPaths: z.boolean().default(true),
    /** Bundle files larger than this are reported, not read. */
    maxFileBytes: z.number().int().positive().default(1024 * 1024),
  })
  .strict();

export type SpecEnforceConfig = z.infer<typeof specEnforceConfigSchema>;
