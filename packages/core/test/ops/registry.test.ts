import { describe, expect, it } from 'vitest';
import { PlatformKitError } from '../../src/errors.js';
import { parseProjectRegistry, planMatrix, type RegistryProject } from '../../src/ops/registry.js';

describe('project registry', () => {
  it('reads valid entries with defaults', () => {
    const { projects, errors } = parseProjectRegistry(`projects:
  - id: shop
    urlSecret: SHOP_DATABASE_URL
    exposedSchemas: [public, api]
    owners: ['@acme/shop']
  - id: blog
    urlSecret: BLOG_DATABASE_URL
`);
    expect(errors).toEqual([]);
    expect(projects).toEqual([
      { id: 'shop', urlSecret: 'SHOP_DATABASE_URL', exposedSchemas: ['public', 'api'], owners: ['@acme/shop'] },
      { id: 'blog', urlSecret: 'BLOG_DATABASE_URL', exposedSchemas: ['public'], owners: [] },
    ]);
  });

  it('a typo, a bad secret name or a duplicate names its entry and line; the other entries survive', () => {
    const { projects, errors } = parseProjectRegistry(`projects:
  - id: shop
    urlSecret: SHOP_DATABASE_URL
  - id: typo
    urlSecrte: TYPO_URL
  - id: badsecret
    urlSecret: 9-not-a-secret
  - id: shop
    urlSecret: OTHER
  - urlSecret: NO_ID
  - id: fine
    urlSecret: FINE_URL
`);
    expect(projects.map((p) => p.id)).toEqual(['shop', 'fine']);
    expect(errors.map((e) => [e.entry, e.line])).toEqual([
      ['typo', 4],
      ['badsecret', 6],
      ['shop', 8],
      ['entry 5', 10],
    ]);
    expect(errors[0]!.message).toMatch(/urlSecrte/);
    expect(errors[1]!.message).toMatch(/urlSecret: a secret name/);
    expect(errors[2]!.message).toMatch(/duplicate project id \(first at line 2\)/);
    expect(errors[3]!.message).toMatch(/^id: /);
  });

  it('a file that is not a registry is a config error with file and line', () => {
    expect(() => parseProjectRegistry('projects: [unclosed', 'reg.yml')).toThrow(/reg\.yml is not valid YAML/);
    expect(() => parseProjectRegistry('project:\n  - id: x\n', 'reg.yml')).toThrow(/top-level "projects:" list/);
  });

  it('invalid YAML (a duplicate key) is located at its line and column', () => {
    let error: PlatformKitError | undefined;
    try {
      parseProjectRegistry('projects:\n  - id: a\n    urlSecret: A_URL\n    id: b\n', 'reg.yml');
    } catch (caught) {
      error = caught as PlatformKitError;
    }
    expect(error?.message).toMatch(/reg\.yml is not valid YAML: Map keys must be unique/);
    expect(error?.position).toEqual({ file: 'reg.yml', line: 4, column: 5 });
  });
});

describe('planMatrix', () => {
  const many = (n: number): RegistryProject[] =>
    Array.from({ length: n }, (_, i) => ({ id: `p${String(i).padStart(4, '0')}`, urlSecret: `S${i}`, exposedSchemas: ['public'], owners: [] }));

  it('keeps every matrix within GitHub\'s 256-job cap', () => {
    const plan = planMatrix(many(600));
    expect(plan.batches.map((b) => b.include.length)).toEqual([256, 256, 88]);
    expect(new Set(plan.batches.flatMap((b) => b.include.map((i) => i.project))).size).toBe(600);
    expect(planMatrix(many(256)).batches).toHaveLength(1);
    expect(planMatrix([]).batches).toEqual([]);
  });

  it('carries migrationsPath into the matrix entry only when the registry sets it', () => {
    const { projects, errors } = parseProjectRegistry(`projects:
  - id: shop
    urlSecret: SHOP_DATABASE_URL
    migrationsPath: apps/shop/supabase/migrations
  - id: blog
    urlSecret: BLOG_DATABASE_URL
`);
    expect(errors).toEqual([]);
    expect(planMatrix(projects).batches[0]!.include).toEqual([
      { project: 'blog', urlSecret: 'BLOG_DATABASE_URL', exposedSchemas: 'public', owners: '' },
      { project: 'shop', urlSecret: 'SHOP_DATABASE_URL', exposedSchemas: 'public', owners: '', migrationsPath: 'apps/shop/supabase/migrations' },
    ]);
  });

  it('refuses more projects than the workflow has batch jobs for, saying how to fix it', () => {
    expect(() => planMatrix(many(1025), { maxBatches: 4 })).toThrow(/need 5 matrix batches of 256, but the workflow has 4/);
  });
});
