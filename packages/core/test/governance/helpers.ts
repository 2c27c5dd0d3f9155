import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ConfigSchema, type ResolvedConfig } from '../../src/config/schema.js';

/** A temporary folder filled with the given files (string or raw bytes); removed by `cleanup`. */
export function tempTree(files: Record<string, string | Uint8Array>): string {
  const root = mkdtempSync(path.join(os.tmpdir(), 'pk-governance-'));
  writeTree(root, files);
  return root;
}

export function writeTree(root: string, files: Record<string, string | Uint8Array>): void {
  for (const [file, content] of Object.entries(files)) {
    const absolute = path.join(root, file);
    mkdirSync(path.dirname(absolute), { recursive: true });
    writeFileSync(absolute, content);
  }
}

export function cleanup(root: string): void {
  rmSync(root, { recursive: true, force: true });
}

/** A resolved config from a partial one, through the real schema (defaults applied). */
export function configWith(partial: Record<string, unknown> = {}): ResolvedConfig {
  return ConfigSchema.parse(partial);
}

/** A complete, passing bundle for project `name`. */
export function goodBundle(name: string, tasks = '- [x] T001 Write the spec\n- [ ] T002 [P] [US1] Build it\n'): Record<string, string> {
  return {
    [`spec/${name}/constitution.md`]: '# Constitution\n\n## Core Principles\n\nSecurity first.\n\n## Governance\n\nAmendments need review.\n',
    [`spec/${name}/prd.md`]: '# PRD\n\n## Overview\n\nBilling.\n\n## Requirements\n\n- R1 invoices\n\n## Success criteria\n\nInvoices go out.\n',
    [`spec/${name}/plan.md`]: '# Plan\n\n## Architecture\n\nA worker.\n\n## Constitution Check\n\nAll good.\n',
    [`spec/${name}/tasks.md`]: `# Tasks\n\n${tasks}`,
  };
}
