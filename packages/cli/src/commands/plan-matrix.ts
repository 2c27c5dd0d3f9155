import path from 'node:path';
import { parseProjectRegistry, planMatrix, readRegistryText, usageError } from '@platform-kit/core';
import type { CommandSpec } from '../command.js';

export const planMatrixCommand: CommandSpec = {
  name: 'plan-matrix',
  summary: 'Read the project registry and print the nightly scan matrix, in batches of at most 256 jobs',
  help: [
    'Prints JSON: { "batches": [ { "include": [ { "project", "urlSecret", "exposedSchemas", "owners",',
    '"migrationsPath" (when set) } ] } ], "total", "errors" }. A broken registry entry is listed in',
    '"errors" (with its id and line) and on stderr; the other projects are still planned.',
    '',
    'Example:',
    '  platform-kit plan-matrix --registry platform-kit.projects.yml --max-batches 4',
  ].join('\n'),
  options: {
    registry: { type: 'string', description: 'The project registry file', default: 'platform-kit.projects.yml' },
    'batch-size': { type: 'string', description: 'Jobs per matrix (at most 256)', default: '256' },
    'max-batches': { type: 'string', description: 'Batch jobs the workflow has (more projects is an error)' },
  },
  run: async ({ values }, context) => {
    const registryPath = String(values.registry ?? 'platform-kit.projects.yml');
    const text = readRegistryText(path.resolve(context.cwd, registryPath), registryPath, 'pass --registry FILE');
    const batchSize = Number(values['batch-size'] ?? 256);
    if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > 256) throw usageError('--batch-size must be an integer from 1 to 256');
    const maxBatches = values['max-batches'] === undefined ? undefined : Number(values['max-batches']);
    if (maxBatches !== undefined && (!Number.isInteger(maxBatches) || maxBatches < 1)) throw usageError('--max-batches must be a positive integer');
    const registry = parseProjectRegistry(text, registryPath);
    for (const e of registry.errors) context.stderr(`${registryPath}${e.line ? `:${e.line}` : ''}: project ${e.entry}: ${e.message}\n`);
    const plan = planMatrix(registry.projects, { batchSize, maxBatches });
    return { kind: 'done', exitCode: 0, text: `${JSON.stringify({ ...plan, errors: registry.errors }, null, 2)}\n` };
  },
};
