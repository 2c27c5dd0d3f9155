import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultConfig } from '../../src/config/schema.js';
import { rulesForGate } from '../../src/engine/gates.js';
import { scan } from '../../src/engine/scan.js';
import { parserLoaded } from '../../src/parser/parse.js';
import { baselineDatabase, inventoryOf } from '../helpers/fixtures.js';
import { hasServer, type TestDatabase } from '../helpers/database.js';

/**
 * scan({ parser: 'on-demand' }) (what the gate actions use): the parser's WebAssembly is compiled
 * only when a rule asks for it, and the findings are the same as with the parser loaded up front.
 * The tests run in order in this file's own process: nothing else has loaded the parser before.
 */
const CLEAN = 'create table public.notes (id bigint primary key, body text);';
const DEFINER = `${CLEAN}
create function public.elevate(p_id bigint) returns text language sql security definer as $$ select body from public.notes where id = p_id $$;`;

let dir: string;
const files: Record<'clean' | 'definer', string> = { clean: '', definer: '' };

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'pk-parser-on-demand-'));
  const [clean, definer] = await Promise.all([inventoryOf(CLEAN), inventoryOf(DEFINER)]);
  files.clean = path.join(dir, 'clean.json');
  files.definer = path.join(dir, 'definer.json');
  writeFileSync(files.clean, JSON.stringify(clean));
  writeFileSync(files.definer, JSON.stringify(definer));
}, 120_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

const gateScan = (file: string, parser: 'on-demand' | 'before-rules') =>
  scan({ command: 'function-security', rules: rulesForGate('function-security'), target: { inventoryFile: file }, config: defaultConfig(), parser });

describe("scan with parser: 'on-demand'", () => {
  it('a clean function-security scan never loads the parser', async () => {
    const report = await gateScan(files.clean, 'on-demand');
    expect(report.findings).toEqual([]);
    expect(parserLoaded()).toBe(false);
  });

  // The policy rules read the server's own trees of the policy expressions (parser/catalog-trees.ts).
  it.runIf(hasServer())('a clean rls-coverage scan of a live database never loads the parser either', async () => {
    let database: TestDatabase | undefined;
    try {
      database = await baselineDatabase('on_demand_rls');
      await database.db.exec(`${CLEAN}
        alter table public.notes enable row level security;
        create table public.members (note_id bigint, user_id uuid);
        alter table public.members enable row level security;
        create policy members_self on public.members for select to authenticated using (user_id = (select auth.uid()));
        create policy notes_owner on public.notes for select to authenticated
          using (exists (select 1 from public.members m where m.note_id = notes.id and m.user_id = (select auth.uid())));`);
      const report = await scan({
        command: 'rls-coverage',
        rules: rulesForGate('rls-coverage'),
        target: { databaseUrl: database.url },
        config: defaultConfig(),
        parser: 'on-demand',
      });
      expect(report.findings.filter((f) => f.severity === 'error' || f.severity === 'warning').map((f) => f.rule)).toEqual([]);
      expect(parserLoaded()).toBe(false);
    } finally {
      await database?.drop();
    }
  });

  it('loads it when a fix needs it, and finds exactly what a scan with the parser preloaded finds', async () => {
    const onDemand = await gateScan(files.definer, 'on-demand');
    expect(parserLoaded()).toBe(true);
    const preloaded = await gateScan(files.definer, 'before-rules');
    expect(onDemand.findings.map((f) => f.rule)).toContain('security-definer-search-path');
    expect(onDemand.findings.some((f) => f.remediation?.sql.includes('SET search_path'))).toBe(true);
    expect(onDemand.findings).toEqual(preloaded.findings);
  });
});
