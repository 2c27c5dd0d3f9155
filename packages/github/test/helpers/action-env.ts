import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/**
 * Runs an action in this process the way the runner would: INPUT_* variables, and GITHUB_OUTPUT,
 * GITHUB_STEP_SUMMARY, GITHUB_EVENT_PATH and RUNNER_TEMP pointing at fresh temporary files.
 * Captures what the action writes to stdout (workflow commands), restores the environment and
 * process.exitCode afterwards.
 */
export interface ActionRunOptions {
  /** Input values by kebab-case name, as in the step's `with:`. */
  inputs?: Record<string, string>;
  /** The event payload written to GITHUB_EVENT_PATH. */
  event?: unknown;
  /** Extra environment (GITHUB_API_URL, GITHUB_REPOSITORY, GITHUB_WORKSPACE ...). */
  env?: Record<string, string>;
}

export interface WorkflowCommand {
  command: string;
  properties: Record<string, string>;
  message: string;
}

export interface ActionRun<T> {
  result: T;
  exitCode: number;
  stdout: string;
  outputs: Record<string, string>;
  summary: string;
  commands: WorkflowCommand[];
  annotations: WorkflowCommand[];
  /** Every file the step left in RUNNER_TEMP, concatenated (to search for secrets). */
  tempFilesText: string;
  tempDir: string;
}

export function parseOutputFile(text: string): Record<string, string> {
  const outputs: Record<string, string> = {};
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i += 1) {
    const match = /^([^<]+)<<(.+)$/.exec(lines[i]);
    if (!match) continue;
    const [, name, delimiter] = match;
    const value: string[] = [];
    for (i += 1; i < lines.length && lines[i] !== delimiter; i += 1) value.push(lines[i]);
    outputs[name] = value.join('\n');
  }
  return outputs;
}

const unescapeData = (s: string) => s.replace(/%0D/g, '\r').replace(/%0A/g, '\n').replace(/%25/g, '%');
const unescapeProperty = (s: string) => unescapeData(s).replace(/%3A/g, ':').replace(/%2C/g, ',');

export function parseCommands(stdout: string): WorkflowCommand[] {
  const commands: WorkflowCommand[] = [];
  for (const line of stdout.split(/\r?\n/)) {
    const match = /^::([a-z-]+)(?: ([^:]*))?::(.*)$/.exec(line);
    if (!match) continue;
    const properties: Record<string, string> = {};
    for (const pair of (match[2] ?? '').split(',').filter(Boolean)) {
      const eq = pair.indexOf('=');
      properties[pair.slice(0, eq)] = unescapeProperty(pair.slice(eq + 1));
    }
    commands.push({ command: match[1], properties, message: unescapeData(match[3]) });
  }
  return commands;
}

function readTree(dir: string): string {
  if (!existsSync(dir)) return '';
  const parts: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    parts.push(entry.isDirectory() ? readTree(full) : readFileSync(full, 'utf8'));
  }
  return parts.join('\n');
}

/** Environment variables a previous in-process run (or the test runner itself) may have left. */
function clearActionEnv(): void {
  for (const key of Object.keys(process.env)) {
    if (key.startsWith('INPUT_')) delete process.env[key];
  }
}

export async function runInProcess<T>(run: () => Promise<T>, options: ActionRunOptions = {}): Promise<ActionRun<T>> {
  const tempDir = mkdtempSync(path.join(os.tmpdir(), 'pk-action-'));
  const runnerTemp = path.join(tempDir, 'runner-temp');
  mkdirSync(runnerTemp);
  const files = {
    GITHUB_OUTPUT: path.join(tempDir, 'output'),
    GITHUB_STEP_SUMMARY: path.join(tempDir, 'summary.md'),
    GITHUB_EVENT_PATH: path.join(tempDir, 'event.json'),
  };
  for (const file of Object.values(files)) writeFileSync(file, '');
  writeFileSync(files.GITHUB_EVENT_PATH, JSON.stringify(options.event ?? {}));

  const savedEnv = { ...process.env };
  const savedExitCode = process.exitCode;
  clearActionEnv();
  Object.assign(process.env, files, { RUNNER_TEMP: runnerTemp, GITHUB_WORKSPACE: process.cwd() }, options.env ?? {});
  for (const [name, value] of Object.entries(options.inputs ?? {})) {
    process.env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] = value;
  }

  let stdout = '';
  const originalWrite = process.stdout.write.bind(process.stdout);
  process.stdout.write = ((chunk: string | Uint8Array, ...rest: unknown[]) => {
    stdout += typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
    const callback = rest.find((r) => typeof r === 'function') as (() => void) | undefined;
    callback?.();
    return true;
  }) as typeof process.stdout.write;

  let result: T;
  let exitCode: number;
  try {
    process.exitCode = undefined;
    result = await run();
    exitCode = Number(process.exitCode ?? 0);
  } finally {
    process.stdout.write = originalWrite;
    process.exitCode = savedExitCode;
    for (const key of Object.keys(process.env)) if (!(key in savedEnv)) delete process.env[key];
    Object.assign(process.env, savedEnv);
  }
  const commands = parseCommands(stdout);
  return {
    result,
    exitCode,
    stdout,
    outputs: parseOutputFile(readFileSync(files.GITHUB_OUTPUT, 'utf8')),
    summary: readFileSync(files.GITHUB_STEP_SUMMARY, 'utf8'),
    commands,
    annotations: commands.filter((c) => ['error', 'warning', 'notice'].includes(c.command)),
    tempFilesText: readTree(runnerTemp),
    tempDir,
  };
}

export function removeRun(run: { tempDir: string }): void {
  rmSync(run.tempDir, { recursive: true, force: true });
}
