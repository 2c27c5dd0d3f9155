import { describe, expect, it } from 'vitest';
import { defaultConfig } from '../../src/config/schema.js';
import { parseConfigText } from '../../src/config/load.js';

describe('migrationLint config section', () => {
  it('has a default for every key', () => {
    expect(defaultConfig().migrationLint).toEqual({
      rollback: { form: 'either', directory: '../rollbacks' },
      assumeInTransaction: true,
      requireLockTimeout: true,
      extensionsSchema: 'extensions',
      exclude: [],
    });
  });

  it('fills defaults inside a partly given section', () => {
    const config = parseConfigText('migrationLint:\n  rollback:\n    form: file\n', '.platform-kit.yml');
    expect(config.migrationLint.rollback).toEqual({ form: 'file', directory: '../rollbacks' });
    expect(config.migrationLint.assumeInTransaction).toBe(true);
  });

  function positionOfError(yaml: string) {
    try {
      parseConfigText(yaml, '.platform-kit.yml');
    } catch (error) {
      return { kind: (error as { kind?: string }).kind, ...(error as { position?: object }).position };
    }
    throw new Error('expected a config error');
  }

  it('rejects an unknown rollback form and an unknown key with the file and line', () => {
    expect(positionOfError('migrationLint:\n  rollback:\n    form: down-file\n')).toMatchObject({ kind: 'config', file: '.platform-kit.yml', line: 3 });
    expect(positionOfError('migrationLint:\n  assumeInTransactions: false\n')).toMatchObject({ kind: 'config', file: '.platform-kit.yml', line: 2 });
  });
});
