import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import Ajv4 from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { formatSarif, FINGERPRINT_KEY, artifactUri } from '../../src/report/format/sarif.js';
import { SAMPLE_CATALOGUE, sampleReport } from './sample-report.js';

// The SARIF 2.1.0 JSON schema (final, "rtm.5") as shipped by Microsoft's @microsoft/jest-sarif package.
const require = createRequire(import.meta.url);
const schemaPath = require.resolve('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json', { paths: [process.cwd()] });
const ajv = new Ajv4({ allErrors: true, strict: false, unicodeRegExp: false });
addFormats(ajv);
const validate = ajv.compile(JSON.parse(readFileSync(schemaPath, 'utf8')));

function sarifOf(options: Parameters<typeof formatSarif>[1] = {}) {
  return JSON.parse(formatSarif(sampleReport(), { catalogue: SAMPLE_CATALOGUE, ...options }));
}

describe('sarif format', () => {
  it('validates against the SARIF 2.1.0 schema', () => {
    for (const options of [{}, { docsBaseUrl: 'https://example.com/docs/rules/' }, { fallbackUri: '.platform-kit.yml' }]) {
      const log = sarifOf(options);
      const ok = validate(log);
      expect(validate.errors ?? [], JSON.stringify(validate.errors?.slice(0, 3))).toEqual([]);
      expect(ok).toBe(true);
    }
  });

  it('has a validator that rejects what is not SARIF', () => {
    const log = sarifOf();
    delete log.version;
    expect(validate(log)).toBe(false);
    const badLevel = sarifOf();
    badLevel.runs[0].results[0].level = 'fatal';
    expect(validate(badLevel)).toBe(false);
  });

  it('describes each catalogue rule, plus rules only seen in results', () => {
    const driver = sarifOf({ docsBaseUrl: 'https://example.com/docs/rules/' }).runs[0].tool.driver;
    const ids = driver.rules.map((r: { id: string }) => r.id);
    expect(ids).toEqual(['function-search-path-mutable', 'rls-disabled-in-exposed-schema', 'rule-not-in-catalogue']);
    const rls = driver.rules[1];
    expect(rls.shortDescription.text).toBe('RLS disabled on a table in an exposed schema');
    expect(rls.fullDescription.text).toContain('Data API');
    expect(rls.helpUri).toBe('https://example.com/docs/rules/rls-disabled-in-exposed-schema.md');
    expect(rls.defaultConfiguration.level).toBe('error');
    expect(rls.properties['security-severity']).toBe('8.0');
  });

  it('maps results: level, relative location, fingerprint, logical location, suppression; no fixes', () => {
    const results = sarifOf().runs[0].results;
    const report = sampleReport();
    expect(results).toHaveLength(report.findings.length);
    const at = (name: string) => report.findings.findIndex((f) => f.object.name === name);
    const first = results[at('todos')];
    expect(first.ruleId).toBe('rls-disabled-in-exposed-schema');
    expect(first.level).toBe('error');
    expect(first.partialFingerprints[FINGERPRINT_KEY]).toBe(report.findings[at('todos')].fingerprint);
    expect(first.locations[0].physicalLocation.artifactLocation.uri).toBe('supabase/migrations/20240101000000_init.sql');
    expect(first.locations[0].physicalLocation.region).toEqual({ startLine: 12 });
    const hostile = results[report.findings.findIndex((f) => f.location?.file.includes('weird'))];
    expect(hostile.locations[0].physicalLocation.artifactLocation.uri).toBe('supabase/migrations/20240102000000_weird%20name.sql');
    expect(hostile.locations[0].physicalLocation.region).toEqual({ startLine: 3, startColumn: 5 });
    const unlocated = results.find((r: { ruleId: string }) => r.ruleId === 'function-search-path-mutable');
    expect(unlocated.level).toBe('warning');
    expect(unlocated.locations[0].physicalLocation).toBeUndefined();
    expect(unlocated.locations[0].logicalLocations[0]).toEqual({ name: 'touch', fullyQualifiedName: 'public.touch', kind: 'function' });
    expect(results.find((r: { ruleId: string }) => r.ruleId === 'rule-not-in-catalogue').level).toBe('note');
    expect(results.filter((r: { suppressions?: unknown }) => r.suppressions)).toHaveLength(1);
    expect(results.some((r: { fixes?: unknown }) => r.fixes)).toBe(false);
    for (const r of results) expect(r.ruleIndex).toBe(sarifOf().runs[0].tool.driver.rules.findIndex((d: { id: string }) => d.id === r.ruleId));
  });

  it('gives unlocated findings a file when asked, for code scanning', () => {
    const unlocated = sarifOf({ fallbackUri: '.platform-kit.yml' }).runs[0].results.find((r: { ruleId: string }) => r.ruleId === 'function-search-path-mutable');
    expect(unlocated.locations[0].physicalLocation.artifactLocation.uri).toBe('.platform-kit.yml');
  });

  it('makes absolute paths relative to the source root', () => {
    expect(artifactUri('/repo/supabase/migrations/a b.sql', '/repo')).toBe('supabase/migrations/a%20b.sql');
    expect(artifactUri('./x/y.sql')).toBe('x/y.sql');
  });
});
