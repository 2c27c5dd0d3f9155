import { z } from 'zod';
import { isMap, isSeq, LineCounter, parseDocument } from 'yaml';
import { readFileSync } from 'node:fs';
import { configError, inputError } from '../errors.js';

/**
 * The project registry (`platform-kit.projects.yml`) the nightly run reads: one entry per Supabase
 * project. A broken entry (a typo in a key, a bad secret name, a duplicate id) is reported with
 * its id and line and left out; the other entries are still scanned. Only a file that cannot be
 * read as a registry at all is an error of its own.
 *
 *   projects:
 *     - id: shop
 *       urlSecret: SHOP_DATABASE_URL      # name of the GitHub secret holding the connection URL
 *       exposedSchemas: [public, api]
 *       owners: ['@acme/shop-team']
 */
export const RegistryProjectSchema = z
  .object({
    id: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/, 'an id is letters, digits, ".", "_" or "-" (at most 100), starting with a letter or digit'),
    /** GitHub secret names: letters, digits and underscores, not starting with a digit or GITHUB_. */
    urlSecret: z
      .string()
      .regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'a secret name is letters, digits and underscores, not starting with a digit')
      .refine((name) => !/^GITHUB_/i.test(name), 'secret names cannot start with GITHUB_'),
    exposedSchemas: z.array(z.string().min(1)).min(1).default(['public']),
    owners: z.array(z.string().min(1)).default([]),
    /** Migrations folder in the project's repository, for verified remediation plans. */
    migrationsPath: z.string().min(1).optional(),
  })
  .strict();
export type RegistryProject = z.infer<typeof RegistryProjectSchema>;

export interface RegistryEntryError {
  /** The entry's id when it has one, else "entry N" (1-based). */
  entry: string;
  line?: number;
  message: string;
}

export interface ProjectRegistry {
  projects: RegistryProject[];
  errors: RegistryEntryError[];
}

/**
 * The registry file's text. A missing file or a folder is an input error naming `display` (how the
 * user gave the path), with `hint` saying how to pass another.
 */
export function readRegistryText(file: string, display: string, hint: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EISDIR') throw inputError(`registry ${display} is a folder, not a file`, undefined, hint);
    throw inputError(`registry ${display} not found`, undefined, hint);
  }
}

export function parseProjectRegistry(text: string, file = 'platform-kit.projects.yml'): ProjectRegistry {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false });
  if (doc.errors.length > 0) {
    const first = doc.errors[0]!;
    // prettyErrors is off, so linePos is unset: the line counter places the error, as for the config.
    const pos = first.linePos?.[0] ?? lineCounter.linePos(first.pos[0]);
    throw configError(`${file} is not valid YAML: ${first.message.split('\n')[0]}`, { file, line: pos?.line, column: pos?.col });
  }
  const root = doc.contents;
  const projectsNode = isMap(root) ? root.get('projects', true) : undefined;
  if (!isSeq(projectsNode)) {
    throw configError(`${file} must have a top-level "projects:" list`, { file, line: 1 }, 'see docs for the registry format');
  }
  const unknownTop = isMap(root) ? root.items.map((p) => String((p.key as { value?: unknown })?.value ?? p.key)).filter((k) => k !== 'projects') : [];
  const errors: RegistryEntryError[] = unknownTop.map((k) => ({ entry: k, line: 1, message: `unknown top-level key "${k}" (only "projects" is allowed)` }));
  const projects: RegistryProject[] = [];
  const seen = new Map<string, number | undefined>();
  projectsNode.items.forEach((node, index) => {
    const range = (node as { range?: [number, number, number] } | null)?.range;
    const line = range ? lineCounter.linePos(range[0]).line : undefined;
    const raw = (node as { toJSON?: () => unknown })?.toJSON?.() ?? node;
    const rawId = raw && typeof raw === 'object' && typeof (raw as { id?: unknown }).id === 'string' ? (raw as { id: string }).id : undefined;
    const entry = rawId ?? `entry ${index + 1}`;
    const parsed = RegistryProjectSchema.safeParse(raw);
    if (!parsed.success) {
      // An unknown key first: a typo ("urlSecrte") explains the "missing urlSecret" that follows it.
      const issues = [...parsed.error.issues].sort((a, b) => Number(b.code === 'unrecognized_keys') - Number(a.code === 'unrecognized_keys'));
      const message = issues
        .map((issue) => {
          const where = issue.path.length ? `${issue.path.join('.')}: ` : '';
          const keys = issue.code === 'unrecognized_keys' ? ` (allowed: id, urlSecret, exposedSchemas, owners, migrationsPath)` : '';
          return `${where}${issue.message}${keys}`;
        })
        .join('; ');
      errors.push({ entry, line, message });
      return;
    }
    if (seen.has(parsed.data.id)) {
      errors.push({ entry, line, message: `duplicate project id (first at line ${seen.get(parsed.data.id) ?? '?'})` });
      return;
    }
    seen.set(parsed.data.id, line);
    projects.push(parsed.data);
  });
  return { projects, errors };
}

/** GitHub runs at most 256 jobs per matrix. */
export const MATRIX_LIMIT = 256;

export interface MatrixPlan {
  /**
   * Each batch is one matrix (`include` list) of at most 256 projects. `migrationsPath` is there
   * only when the registry sets it: the scan step passes it as `remediation-migrations`, and an
   * absent key reads as '' there, which skips the remediation plan.
   */
  batches: { include: { project: string; urlSecret: string; exposedSchemas: string; owners: string; migrationsPath?: string }[] }[];
  total: number;
}

/**
 * Splits the projects into matrices of at most `batchSize` jobs. The workflow has `maxBatches`
 * batch jobs; more projects than that is an error that says how to raise it, never a silent skip.
 */
export function planMatrix(projects: readonly RegistryProject[], options: { batchSize?: number; maxBatches?: number } = {}): MatrixPlan {
  const size = Math.min(options.batchSize ?? MATRIX_LIMIT, MATRIX_LIMIT);
  const maxBatches = options.maxBatches ?? Number.POSITIVE_INFINITY;
  const sorted = [...projects].sort((a, b) => a.id.localeCompare(b.id));
  const batches: MatrixPlan['batches'] = [];
  for (let i = 0; i < sorted.length; i += size) {
    batches.push({
      include: sorted.slice(i, i + size).map((p) => ({
        project: p.id,
        urlSecret: p.urlSecret,
        exposedSchemas: p.exposedSchemas.join(','),
        owners: p.owners.join(','),
        ...(p.migrationsPath ? { migrationsPath: p.migrationsPath } : {}),
      })),
    });
  }
  if (batches.length > maxBatches) {
    throw configError(
      `${projects.length} projects need ${batches.length} matrix batches of ${size}, but the workflow has ${maxBatches}`,
      undefined,
      'add batch jobs to the nightly workflow, or split the registry',
    );
  }
  return { batches, total: sorted.length };
}
