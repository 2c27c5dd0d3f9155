/**
 * Writes the inputs/outputs tables of every actions/<name>/README.md from its action.yml, so the
 * README can never disagree with what the runner accepts. Only the block between the markers is
 * generated; prose around it is the action author's. A README that does not exist yet is created
 * with a short usage section.
 *
 *   npx tsx scripts/generate-action-readmes.ts [name...] # rewrite the tables (all actions, or the named ones)
 *   npx tsx scripts/generate-action-readmes.ts --check   # exit 1 and name the stale READMEs
 *
 * A test (packages/github/test/action-readmes.test.ts) runs the check.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

export const START_MARKER = '<!-- action-docs:start (generated from action.yml by scripts/generate-action-readmes.ts; do not edit) -->';
export const END_MARKER = '<!-- action-docs:end -->';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

interface ActionYaml {
  name: string;
  description: string;
  inputs?: Record<string, { description?: string; required?: boolean; default?: string | boolean | number }>;
  outputs?: Record<string, { description?: string }>;
}

const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ').trim();

export function renderTables(action: ActionYaml): string {
  const lines = [START_MARKER, '', '### Inputs', ''];
  const inputs = Object.entries(action.inputs ?? {});
  if (inputs.length === 0) lines.push('None.');
  else {
    lines.push('| Input | Description | Required | Default |', '| --- | --- | --- | --- |');
    for (const [name, input] of inputs) {
      const fallback = input.default === undefined || input.default === '' ? '' : `\`${cell(String(input.default))}\``;
      lines.push(`| \`${name}\` | ${cell(input.description ?? '')} | ${input.required ? 'yes' : 'no'} | ${fallback} |`);
    }
  }
  lines.push('', '### Outputs', '');
  const outputs = Object.entries(action.outputs ?? {});
  if (outputs.length === 0) lines.push('None.');
  else {
    lines.push('| Output | Description |', '| --- | --- |');
    for (const [name, output] of outputs) lines.push(`| \`${name}\` | ${cell(output.description ?? '')} |`);
  }
  lines.push('', END_MARKER);
  return lines.join('\n');
}

function newReadme(name: string, action: ActionYaml): string {
  return [
    `# ${action.name}`,
    '',
    action.description,
    '',
    '## Usage',
    '',
    '```yaml',
    `- uses: platform-kit/platform-kit/actions/${name}@v1`,
    '```',
    '',
    '## Reference',
    '',
    renderTables(action),
    '',
  ].join('\n');
}

/** The README text for an action: the existing one with its generated block replaced, or a new one. */
export function expectedReadme(actionDir: string): string {
  const action = parse(readFileSync(path.join(actionDir, 'action.yml'), 'utf8')) as ActionYaml;
  const readmePath = path.join(actionDir, 'README.md');
  if (!existsSync(readmePath)) return newReadme(path.basename(actionDir), action);
  const current = readFileSync(readmePath, 'utf8');
  const start = current.indexOf(START_MARKER);
  const end = current.indexOf(END_MARKER);
  if (start === -1 || end === -1 || end < start) {
    return `${current.replace(/\s*$/, '')}\n\n## Reference\n\n${renderTables(action)}\n`;
  }
  return current.slice(0, start) + renderTables(action) + current.slice(end + END_MARKER.length);
}

export function actionDirs(root = repoRoot): string[] {
  const dir = path.join(root, 'actions');
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((name) => existsSync(path.join(dir, name, 'action.yml')))
    .sort()
    .map((name) => path.join(dir, name));
}

/** Actions whose README differs from what action.yml generates. */
export function staleReadmes(root = repoRoot): string[] {
  return actionDirs(root).filter((dir) => {
    const readme = path.join(dir, 'README.md');
    return !existsSync(readme) || readFileSync(readme, 'utf8') !== expectedReadme(dir);
  });
}

const invokedDirectly = process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (invokedDirectly) {
  if (process.argv.includes('--check')) {
    const stale = staleReadmes();
    if (stale.length > 0) {
      console.error(`stale action README(s): ${stale.map((d) => path.relative(repoRoot, d)).join(', ')}`);
      console.error('run: npx tsx scripts/generate-action-readmes.ts');
      process.exit(1);
    }
    console.log('action READMEs are up to date');
  } else {
    const only = process.argv.slice(2).filter((a) => !a.startsWith('-'));
    for (const dir of actionDirs().filter((d) => only.length === 0 || only.includes(path.basename(d)))) {
      writeFileSync(path.join(dir, 'README.md'), expectedReadme(dir));
      console.log(`wrote ${path.relative(repoRoot, path.join(dir, 'README.md'))}`);
    }
  }
}
