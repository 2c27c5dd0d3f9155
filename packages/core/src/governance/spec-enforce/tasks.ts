import type { MarkdownLine } from '../shared/markdown.js';

/**
 * The checklist grammar of tasks.md (GitHub task lists, spec-kit conventions):
 *
 *   - [ ] T001 [P] [US1] Create `src/models/user.ts`
 *   - [x] Write the README
 *
 * A list item (`-`, `*`, `+` or `1.`) whose content starts with `[ ]`, `[x]` or `[X]` and a
 * description; optionally a task id (T followed by digits), then any `[P]` (can run in parallel)
 * and story labels (`[US1]`). Lines inside fenced code blocks are examples, not tasks.
 */
export interface Task {
  line: number;
  done: boolean;
  id?: string;
  parallel: boolean;
  stories: string[];
  description: string;
  /** Backticked spans that look like repository paths. */
  paths: string[];
}

export interface ChecklistProblem {
  line: number;
  text: string;
  message: string;
}

export interface Checklist {
  tasks: Task[];
  problems: ChecklistProblem[];
  total: number;
  done: number;
}

const VALID = /^[ \t]*(?:[-*+]|\d{1,9}[.)])[ \t]{1,4}\[([ xX])\](?:[ \t]+(.*))?$/;
/** Something that tries to be a checkbox item: a list marker then a short bracket that is not a link. */
const ATTEMPT = /^[ \t]*(?:[-*+]|\d{1,9}[.)])[ \t]*\[([^\]]{0,3})\](?!\()/;
const BARE_CHECKBOX = /^[ \t]*\[([ xX]?)\](?:[ \t]|$)/;
const TASK_ID = /^(T\d+)(?=[ \t]|$)/;
const TAG = /^\[(P|US\d+)\](?=[ \t]|$)/;

export function parseChecklist(lines: readonly MarkdownLine[]): Checklist {
  const tasks: Task[] = [];
  const problems: ChecklistProblem[] = [];
  const idLines = new Map<string, number>();
  for (const { number, text, inCode } of lines) {
    if (inCode) continue;
    const valid = text.match(VALID);
    if (valid) {
      const rest = (valid[2] ?? '').trim();
      const parsed = parseTaskText(rest);
      if (!parsed.description) {
        problems.push({ line: number, text, message: 'checkbox without a task description' });
        continue;
      }
      if (parsed.id) {
        const first = idLines.get(parsed.id);
        if (first !== undefined) {
          problems.push({ line: number, text, message: `duplicate task id ${parsed.id} (first used on line ${first})` });
        } else idLines.set(parsed.id, number);
      }
      tasks.push({ line: number, done: valid[1] !== ' ', ...parsed });
      continue;
    }
    const attempt = text.match(ATTEMPT);
    if (attempt) {
      problems.push({ line: number, text, message: describeAttempt(text, attempt[1]) });
      continue;
    }
    if (BARE_CHECKBOX.test(text)) {
      problems.push({ line: number, text, message: 'checkbox without a list marker: write "- [ ] description"' });
    }
  }
  const done = tasks.filter((t) => t.done).length;
  return { tasks, problems, total: tasks.length, done };
}

function parseTaskText(rest: string): Omit<Task, 'line' | 'done'> {
  let remaining = rest;
  let id: string | undefined;
  const idMatch = remaining.match(TASK_ID);
  if (idMatch) {
    id = idMatch[1];
    remaining = remaining.slice(idMatch[0].length).trimStart();
  }
  let parallel = false;
  const stories: string[] = [];
  for (let tag = remaining.match(TAG); tag; tag = remaining.match(TAG)) {
    if (tag[1] === 'P') parallel = true;
    else stories.push(tag[1]);
    remaining = remaining.slice(tag[0].length).trimStart();
  }
  return { ...(id ? { id } : {}), parallel, stories, description: remaining.trim(), paths: pathsIn(remaining) };
}

function describeAttempt(text: string, inside: string): string {
  if (!/^[ \t]*(?:[-*+]|\d{1,9}[.)])[ \t]/.test(text)) return 'malformed checkbox: put a space between the list marker and "[ ]"';
  if (inside === '') return 'malformed checkbox "[]": write "[ ]" (open) or "[x]" (done)';
  if (!/^[ xX]$/.test(inside)) return `malformed checkbox "[${inside}]": write "[ ]" (open) or "[x]" (done)`;
  return 'malformed checkbox: put a space between "]" and the description';
}

/** Extensions that mark a backticked span as a file name (`runs.main` or `e.g` are not files). */
const FILE_EXTENSIONS = new Set(
  (
    'md mdx txt rst adoc ts tsx mts cts js jsx mjs cjs json jsonc json5 yml yaml toml ini cfg conf env sql ' +
    'sh bash zsh ps1 py rb go rs java kt swift c h cc cpp hpp cs php html htm css scss svg png jpg jpeg gif webp ' +
    'drawio csv xml proto graphql gql tf hcl j2 njk hbs lock sarif diff patch wasm dockerfile'
  ).split(' '),
);
const BARE_FILE_NAMES = new Set(['Makefile', 'Dockerfile', 'LICENSE', 'README', 'CODEOWNERS', 'Procfile']);

/**
 * Backticked spans that name a file or folder: path characters only, and a last segment with a
 * known file extension (`src/index.ts`, `package.json`), a well-known bare file name (`Makefile`)
 * or a trailing slash (`docs/`). Not URLs, globs, options (`--x`), variables (`$X`), action
 * references (`actions/checkout`) or npm scopes (`@a/b`). A trailing `:line` is dropped.
 */
export function pathsIn(text: string): string[] {
  const out: string[] = [];
  for (const match of text.matchAll(/`([^`\n]+)`/g)) {
    const candidate = match[1].trim().replace(/:\d+(?::\d+)?$/, '');
    if (!/^[\w./-]+$/.test(candidate) || candidate.startsWith('-') || candidate.includes('//')) continue;
    const last = candidate.endsWith('/') ? '' : (candidate.split('/').pop() ?? '');
    const extension = /\.([A-Za-z][A-Za-z0-9]*)$/.exec(last)?.[1]?.toLowerCase();
    const isFolder = candidate.endsWith('/') && /[\w]/.test(candidate);
    const isFile = (extension !== undefined && FILE_EXTENSIONS.has(extension) && last.length > extension.length + 1) || BARE_FILE_NAMES.has(last);
    if ((isFolder || isFile) && !out.includes(candidate)) out.push(candidate);
  }
  return out;
}
