import { statSync } from 'node:fs';
import path from 'node:path';
import type { SpecEnforceConfig } from '../../config/sections/spec-enforce.js';
import { headingsOf, markdownLines } from '../shared/markdown.js';
import { readTextFile, splitLines } from '../shared/read-text.js';
import type { SignificantProject } from './discover.js';
import { parseChecklist } from './tasks.js';
import type { Bundle, BundleFile } from './types.js';

/** Reads one project's bundle from disk: every required file, parsed when it is readable text. */
export function loadBundle(root: string, project: SignificantProject, config: SpecEnforceConfig): Bundle {
  const absoluteDir = path.join(root, project.dir);
  const exists = isDirectory(absoluteDir);
  const files: BundleFile[] = config.requiredFiles.map((name) => {
    const relative = `${project.dir}/${name}`;
    const read = exists ? readTextFile(path.join(absoluteDir, name), config.maxFileBytes) : ({ ok: false, problem: 'missing', detail: 'the bundle folder does not exist' } as const);
    if (!read.ok) return { name, path: relative, read };
    const lines = markdownLines(splitLines(read.text));
    return { name, path: relative, read, lines, headings: headingsOf(lines), empty: isEmptyMarkdown(read.text) };
  });
  const tasksFile = files.find((file) => file.name === 'tasks.md');
  const checklist = tasksFile?.lines && !tasksFile.empty ? parseChecklist(tasksFile.lines) : undefined;
  return { name: project.name, dir: project.dir, because: project.because, exists, files, ...(checklist ? { checklist } : {}) };
}

/** Whitespace and HTML comments only: a template nobody filled in. */
export function isEmptyMarkdown(text: string): boolean {
  return text.replace(/<!--[\s\S]*?(?:-->|$)/g, '').trim() === '';
}

function isDirectory(file: string): boolean {
  try {
    return statSync(file).isDirectory();
  } catch {
    return false;
  }
}
