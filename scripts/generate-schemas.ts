/**
 * Generates the JSON Schemas committed under schema/ from the zod schemas, the single source:
 *   schema/report.schema.json       the JSON output contract (ReportSchema)
 *   schema/platform-kit.schema.json .platform-kit.yml, for editors (`$schema:` or yaml-language-server)
 * Run: npx tsx scripts/generate-schemas.ts   (a test fails when the committed files are stale)
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { ReportSchema } from '../packages/core/src/report/report.js';
import { ConfigSchema } from '../packages/core/src/config/schema.js';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** File name (relative to the repository root) → content. */
export function renderSchemas(): Record<string, string> {
  const report = {
    title: 'Platform Kit report',
    description: 'The JSON output of every platform-kit command and action (--format json). See docs/json-output.md.',
    ...z.toJSONSchema(ReportSchema, { target: 'draft-7', io: 'output' }),
  };
  // Input mode: keys with defaults are optional, which is what a person writing the file needs.
  const config = {
    title: 'Platform Kit configuration (.platform-kit.yml)',
    description: 'Every key is optional; see docs/rules/ for rule ids.',
    ...z.toJSONSchema(ConfigSchema, { target: 'draft-7', io: 'input' }),
  };
  return {
    'schema/report.schema.json': `${JSON.stringify(report, null, 2)}\n`,
    'schema/platform-kit.schema.json': `${JSON.stringify(config, null, 2)}\n`,
  };
}

function writeAll(): void {
  for (const [file, content] of Object.entries(renderSchemas())) {
    const target = path.join(REPO_ROOT, file);
    mkdirSync(path.dirname(target), { recursive: true });
    writeFileSync(target, content);
    console.log(`wrote ${file}`);
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) writeAll();
