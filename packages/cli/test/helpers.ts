import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { main, type CliIo } from '../src/main.js';
import type { CommandSpec } from '../src/command.js';

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the CLI in-process, capturing what it writes. */
export async function runInProcess(
  argv: string[],
  options: { env?: NodeJS.ProcessEnv; cwd?: string; tty?: boolean; commands?: CommandSpec[] } = {},
): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const io: CliIo = {
    stdout: (text) => {
      stdout += text;
    },
    stderr: (text) => {
      stderr += text;
    },
    env: options.env ?? {},
    cwd: options.cwd ?? process.cwd(),
    stdoutIsTTY: options.tty ?? false,
  };
  const code = await main(argv, io, options.commands);
  return { code, stdout, stderr };
}

export function tempDir(label: string): string {
  return mkdtempSync(path.join(os.tmpdir(), `pk-cli-${label}-`));
}
