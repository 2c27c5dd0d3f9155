import { beforeAll, describe, expect, it } from 'vitest';
import { loadParser, parseSqlFile } from '../../../src/parser/parse.js';
import { securityRules } from '../../../src/rules/security/index.js';
import { ruleCatalogue } from '../../../src/rules/registry.js';
import { CATEGORIES, SEVERITIES } from '../../../src/rules/types.js';
import { GATES } from '../../../src/engine/gates.js';

beforeAll(async () => {
  await loadParser();
});

describe('security rule metadata', () => {
  it.each(securityRules.map((r) => [r.meta.id, r] as const))('%s has complete metadata and parsable examples', (_id, rule) => {
    const { meta } = rule;
    expect(meta.id).toMatch(/^[a-z]+(-[a-z]+)*$/);
    expect(meta.title.length).toBeGreaterThan(10);
    expect(SEVERITIES).toContain(meta.severity);
    expect(CATEGORIES).toContain(meta.category);
    expect(meta.constitution.length).toBeGreaterThan(0);
    for (const section of meta.constitution) expect(section).toMatch(/^\d+\.\d+$/);
    expect(meta.rationale.length).toBeGreaterThan(80);
    if (meta.equivalents?.supabaseAdvisor) expect(meta.equivalents.supabaseAdvisor).toMatch(/^00\d\d_[a-z_]+$/);
    expect(() => parseSqlFile(meta.examples!.bad)).not.toThrow();
    expect(() => parseSqlFile(meta.examples!.good)).not.toThrow();
  });

  it('ids are unique in the whole catalogue', () => {
    const ids = ruleCatalogue().map((m) => m.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('every security rule belongs to one of the three CI gates', () => {
    const gated = new Set<string>([...GATES['rls-coverage'], ...GATES['function-security'], ...GATES['extensions-schema']]);
    expect(securityRules.map((r) => r.meta.id).filter((id) => !gated.has(id))).toEqual([]);
  });
});
