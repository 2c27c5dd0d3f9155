import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { applyPatch } from 'diff';
import { afterEach, describe, expect, it } from 'vitest';
import { runDocSync, writeDiffArtifact } from '../../src/governance/doc-sync/index.js';
import { comparableLines } from '../../src/governance/doc-sync/normalise.js';
import { findBlocks } from '../../src/governance/doc-sync/blocks.js';
import { measureDrift, multisetDifference } from '../../src/governance/doc-sync/metric.js';
import { suggestedPatch, wholeFilePatch } from '../../src/governance/doc-sync/patch.js';
import { docSyncRules } from '../../src/governance/doc-sync/rules/index.js';
import { loadConfig } from '../../src/config/load.js';
import { ruleCatalogue } from '../../src/rules/registry.js';
import { PlatformKitError } from '../../src/errors.js';
import { ReportSchema } from '../../src/report/report.js';
import '../../src/governance/index.js';
import { cleanup, configWith, tempTree } from './helpers.js';

const roots: string[] = [];
function tree(files: Record<string, string | Uint8Array>): string {
  const root = tempTree(files);
  roots.push(root);
  return root;
}
afterEach(() => roots.splice(0).forEach(cleanup));

const markers = { start: '<!-- tool-specific:start -->', end: '<!-- tool-specific:end -->' };
const TOOLS = ['CLAUDE', 'GEMINI', 'CODEX', 'AGENTS'];
const body = (n: number) => Array.from({ length: n }, (_, i) => `Rule ${i + 1}: keep it simple.`);

type DocFileDetail = { file: string; status: string; drift?: number; added?: number; removed?: number; comparedLines?: number; failing?: boolean; patch?: string };
function sync(root: string, config = configWith(), fix = false) {
  const result = runDocSync({ root, config, fix });
  ReportSchema.parse(result.report);
  return { ...result, files: result.report.details?.files as DocFileDetail[] };
}

describe('doc-sync catalogue', () => {
  it('registers every rule as governance §3.3 in the catalogue', () => {
    const ids = new Set(ruleCatalogue().map((m) => m.id));
    for (const rule of docSyncRules) {
      expect(ids.has(rule.meta.id)).toBe(true);
      expect(rule.meta.category).toBe('governance');
      expect(rule.meta.constitution).toContain('3.3');
    }
  });
});

describe('doc-sync normalisation (docs/doc-sync.md, steps 1-6)', () => {
  it('normalises line endings and whitespace, drops the title, blank lines and blocks, masks tool names', () => {
    const text = [
      '# CLAUDE.md — for Claude',
      '',
      '  Use   pnpm\t here. ',
      markers.start,
      'Claude only.',
      markers.end,
      'Claude, Gemini and codex read CLAUDE.md; claudeish is a word.',
      '',
      '# Second H1 stays',
    ].join('\r\n');
    expect(comparableLines(text, { markers, toolNames: TOOLS })).toEqual([
      'Use pnpm here.',
      '<tool>, <tool> and <tool> read <tool>.md; claudeish is a word.',
      '# Second H1 stays',
    ]);
  });

  it('keeps an unterminated block as ordinary text', () => {
    expect(comparableLines(`a\n${markers.start}\nb\n`, { markers, toolNames: [] })).toEqual(['a', markers.start, 'b']);
  });

  it('a start marker inside an open block belongs to that block, and is reported', () => {
    const lines = ['a', markers.start, 'x', `  ${markers.start}`, 'y', markers.end, 'b'];
    expect(comparableLines(lines.join('\n'), { markers, toolNames: [] })).toEqual(['a', 'b']);
    expect(findBlocks(lines, markers).problems).toEqual([{ line: 4, message: 'a tool-specific block starts inside the one opened on line 2' }]);
    expect(findBlocks([markers.end], markers).problems[0].message).toBe(`"${markers.end}" without a matching "${markers.start}"`);
  });
});

describe('doc-sync drift metric on known inputs', () => {
  it('is (added + removed) / (canonical lines + file lines)', () => {
    const canonical = body(10);
    expect(measureDrift(canonical, canonical, 0.1)).toEqual({ added: 0, removed: 0, canonicalLines: 10, fileLines: 10, drift: 0, exact: true });
    const oneChanged = [...canonical];
    oneChanged[4] = 'Rule 5: changed.';
    expect(measureDrift(canonical, oneChanged, 0.1)).toMatchObject({ added: 1, removed: 1, drift: 0.1 });
    const twoChanged = [...oneChanged];
    twoChanged[7] = 'Rule 8: changed.';
    expect(measureDrift(canonical, twoChanged, 0.1)).toMatchObject({ added: 2, removed: 2, drift: 0.2 });
    expect(measureDrift(canonical, [...canonical, 'extra'], 0.1)).toMatchObject({ added: 1, removed: 0, drift: 1 / 21 });
    expect(measureDrift(canonical, [], 0.1)).toMatchObject({ added: 0, removed: 10, drift: 1 });
    expect(measureDrift([], [], 0.1)).toMatchObject({ drift: 0 });
  });

  it('settles unrelated large files by the multiset lower bound, without the diff', () => {
    const a = Array.from({ length: 20000 }, (_, i) => `a ${i}`);
    const b = Array.from({ length: 20000 }, (_, i) => `b ${i}`);
    expect(multisetDifference(a, b)).toBe(40000);
    expect(multisetDifference(['x', 'x', 'y'], ['x', 'z'])).toBe(3);
    expect(measureDrift(a, b, 0.1)).toEqual({ added: 0, removed: 0, canonicalLines: 20000, fileLines: 20000, drift: 1, exact: false });
  });

  it('stops at its edit budget when the same lines are reordered, and reports budget / total', () => {
    const a = Array.from({ length: 3000 }, (_, i) => `line ${i}`);
    const reversed = [...a].reverse();
    expect(multisetDifference(a, reversed)).toBe(0);
    // budget = max(1000, floor(0.1 × 6000) + 1) = 1000
    expect(measureDrift(a, reversed, 0.1)).toEqual({ added: 0, removed: 0, canonicalLines: 3000, fileLines: 3000, drift: 1000 / 6000, exact: false });
  });

  it('fails strictly above the threshold: 10% passes, 20% fails, with exact figures in the report', () => {
    const canonical = ['# AGENTS.md', '', ...body(10)].join('\n') + '\n';
    const one = body(10);
    one[4] = 'Rule 5: changed.';
    const two = [...one];
    two[7] = 'Rule 8: changed.';
    const root = tree({
      'AGENTS.md': canonical,
      'CLAUDE.md': ['# CLAUDE.md', '', ...one].join('\n') + '\n',
      'GEMINI.md': ['# GEMINI.md', '', ...two].join('\n') + '\n',
      'CODEX.md': ['# CODEX.md', '', ...body(10)].join('\r\n') + '\r\n',
    });
    const { report, files, patches } = sync(root);
    expect(report.details?.canonical).toBe('AGENTS.md');
    expect(files.map(({ file, status, drift, added, removed, comparedLines, failing }) => ({ file, status, drift, added, removed, comparedLines, failing }))).toEqual([
      { file: 'CLAUDE.md', status: 'in-sync', drift: 0.1, added: 1, removed: 1, comparedLines: 20, failing: false },
      { file: 'GEMINI.md', status: 'drifting', drift: 0.2, added: 2, removed: 2, comparedLines: 20, failing: true },
      { file: 'CODEX.md', status: 'in-sync', drift: 0, added: 0, removed: 0, comparedLines: 20, failing: false },
    ]);
    expect(report.findings).toHaveLength(1);
    expect(report.findings[0]).toMatchObject({ rule: 'doc-sync-drift', location: { file: 'GEMINI.md', line: 4 } });
    expect(report.findings[0].message).toBe(
      'GEMINI.md drifts 20.0% from AGENTS.md (threshold 10.0%; 2 lines added, 2 removed over 20 compared lines): apply the suggested diff or run platform-kit doc-sync --fix',
    );
    // Suggestions for every file whose bytes differ from the synced text (CODEX.md: CRLF line endings).
    expect(patches.map((p) => p.file)).toEqual(['CLAUDE.md', 'GEMINI.md', 'CODEX.md']);
    const gemini = readFileSync(path.join(root, 'GEMINI.md'), 'utf8');
    expect(applyPatch(gemini, patches[1].patch)).toBe(['# GEMINI.md', '', ...body(10)].join('\n') + '\n');
  });

  it('honours a configured threshold and file set', () => {
    const root = tree({ 'a/ONE.md': ['x', 'y', 'z', 'w'].join('\n'), 'TWO.md': ['x', 'y', 'z', 'v'].join('\n') });
    const loose = configWith({ docSync: { files: ['a/ONE.md', 'TWO.md'], threshold: 0.25 } });
    expect(sync(root, loose).report.findings).toEqual([]);
    const strict = configWith({ docSync: { files: ['a/ONE.md', 'TWO.md'], threshold: 0.2 } });
    expect(sync(root, strict).report.findings.map((f) => f.rule)).toEqual(['doc-sync-drift']);
  });
});

describe('doc-sync suggested patches', () => {
  it('a whole-file patch applies, with or without a final newline on either side', () => {
    for (const [before, after] of [
      ['a\nb\n', 'c\n'],
      ['a\nb', 'c\nd\n'],
      ['', 'new\n'],
    ]) {
      expect(applyPatch(before, wholeFilePatch('a/X.md', 'b/X.md', before, after))).toBe(after);
    }
    expect(wholeFilePatch('/dev/null', 'b/X.md', '', 'x\n')).toBe('--- /dev/null\n+++ b/X.md\n@@ -0,0 +1,1 @@\n+x\n');
  });

  it('falls back to the whole-file patch when the drift is not exact', () => {
    expect(suggestedPatch('X.md', 'a\n', 'b\n', false)).toBe('--- a/X.md\n+++ b/X.md\n@@ -1,1 +1,1 @@\n-a\n+b\n');
    expect(suggestedPatch('X.md', 'a\nb\nc\n', 'a\nB\nc\n', true)).toContain('@@ -1,3 +1,3 @@\n a\n-b\n+B\n c\n');
  });
});

describe('doc-sync --fix', () => {
  const canonical = ['# AGENTS.md — shared instructions', '', 'Use pnpm.', markers.start, 'Only for the canonical tool.', markers.end, 'Run the tests.', ''].join('\n');

  it('writes the canonical text, keeping titles and tool-specific blocks; a second run writes the same bytes; drift is then zero', () => {
    const root = tree({
      'AGENTS.md': canonical,
      'CLAUDE.md': ['# CLAUDE.md — Claude Code', '', 'Use npm.', markers.start, 'Claude: use the Edit tool.', markers.end, 'Old rule.', markers.start, 'Claude extra.', markers.end, ''].join('\n'),
      'GEMINI.md': 'Use yarn.\r\n',
    });
    const first = sync(root, configWith(), true);
    expect(first.written).toEqual(['CLAUDE.md', 'GEMINI.md', 'CODEX.md']);
    const bytes = Object.fromEntries(['CLAUDE.md', 'GEMINI.md', 'CODEX.md'].map((f) => [f, readFileSync(path.join(root, f))]));
    expect(bytes['CLAUDE.md'].toString()).toBe(
      ['# CLAUDE.md — Claude Code', '', 'Use pnpm.', markers.start, 'Claude: use the Edit tool.', markers.end, 'Run the tests.', '', markers.start, 'Claude extra.', markers.end, ''].join('\n'),
    );
    // No title of its own: the canonical title with the tool name swapped; an empty block where the file had none.
    expect(bytes['GEMINI.md'].toString()).toBe(['# GEMINI.md — shared instructions', '', 'Use pnpm.', markers.start, markers.end, 'Run the tests.', ''].join('\n'));
    expect(bytes['CODEX.md'].toString()).toBe(bytes['GEMINI.md'].toString().replace('GEMINI', 'CODEX'));
    expect(first.report.findings).toEqual([]);
    expect(first.files.every((f) => f.drift === 0)).toBe(true);

    const second = sync(root, configWith(), true);
    expect(second.written).toEqual([]);
    for (const [file, content] of Object.entries(bytes)) expect(readFileSync(path.join(root, file)).equals(content)).toBe(true);
    expect(sync(root).patches).toEqual([]);
  });

  it('leaves a file with unbalanced markers alone and says why', () => {
    const broken = `# CLAUDE.md\n${markers.start}\nmine\n`;
    const root = tree({ 'AGENTS.md': canonical, 'CLAUDE.md': broken, 'GEMINI.md': canonical, 'CODEX.md': canonical });
    const { report, written } = sync(root, configWith(), true);
    expect(written).not.toContain('CLAUDE.md');
    expect(readFileSync(path.join(root, 'CLAUDE.md'), 'utf8')).toBe(broken);
    expect(report.findings.map((f) => `${f.rule} ${f.location?.file}:${f.location?.line}`)).toContain('doc-sync-malformed-block CLAUDE.md:2');
    expect(report.notices.map((n) => n.message)).toContain('CLAUDE.md not fixed: repair its tool-specific block markers first');
  });

  it('writes the diff artifact atomically', () => {
    const root = tree({ 'AGENTS.md': canonical, 'CLAUDE.md': '# CLAUDE.md\nUse npm.\n', 'GEMINI.md': canonical, 'CODEX.md': canonical });
    const { patches } = sync(root);
    const artifact = path.join(root, 'out', 'doc-sync.diff');
    writeDiffArtifact(artifact, patches);
    const text = readFileSync(artifact, 'utf8');
    expect(text).toContain('--- a/CLAUDE.md\n+++ b/CLAUDE.md\n');
    expect(text).toContain('+Use pnpm.\n');
  });
});

describe('doc-sync canonical file', () => {
  it('auto: AGENTS.md when it exists, else the first existing file', () => {
    const same = '# T\n\nsame\n';
    expect(sync(tree({ 'AGENTS.md': same, 'CLAUDE.md': same, 'GEMINI.md': same, 'CODEX.md': same })).report.details?.canonical).toBe('AGENTS.md');
    expect(sync(tree({ 'GEMINI.md': same, 'CODEX.md': same, 'CLAUDE.md': same })).report.details?.canonical).toBe('CLAUDE.md');
    expect(sync(tree({ 'CODEX.md': same, 'GEMINI.md': same })).report.details?.canonical).toBe('GEMINI.md');
  });

  it('a configured canonical file that is missing is a finding naming it', () => {
    const root = tree({ 'CLAUDE.md': 'x\n', 'GEMINI.md': 'x\n', 'CODEX.md': 'x\n' });
    const { report } = sync(root, configWith({ docSync: { canonical: 'AGENTS.md' } }));
    expect(report.findings.map((f) => f.message)).toEqual(['AGENTS.md is missing: create it (platform-kit doc-sync --fix writes it from the canonical file)']);
    expect(report.notices[0].message).toContain('AGENTS.md (docSync.canonical) does not exist');
  });

  it('rejects a canonical file that is neither AGENTS.md nor one of the files (config error at its line)', () => {
    let error: unknown;
    try {
      loadConfig({ explicitPath: 'cfg.yml', cwd: tree({ 'cfg.yml': 'docSync:\n  canonical: README.md\n' }) });
    } catch (caught) {
      error = caught;
    }
    expect((error as PlatformKitError).kind).toBe('config');
    expect((error as PlatformKitError).position).toEqual({ file: 'cfg.yml', line: 2 });
  });
});

describe('doc-sync bad input', () => {
  it('names missing, binary, non-UTF-8 and oversized files; compares the rest', () => {
    const root = tree({
      'AGENTS.md': '# A\n\nshared\n',
      'CLAUDE.md': new Uint8Array([0x23, 0x00, 0x41]),
      'GEMINI.md': new Uint8Array([0x23, 0x20, 0xc3, 0x28]),
      'CODEX.md': `# CODEX\n${'x'.repeat(5000)}\n`,
      'EXTRA.md': '# EXTRA\n\nshared\n',
    });
    const config = configWith({ docSync: { files: ['CLAUDE.md', 'GEMINI.md', 'CODEX.md', 'EXTRA.md', 'MISSING.md'], maxFileBytes: 4096 } });
    const { report, files } = sync(root, config);
    expect(report.findings.map((f) => f.message).sort()).toEqual([
      'CLAUDE.md cannot be compared: a binary file (NUL byte at offset 1), expected UTF-8 text',
      expect.stringMatching(/^CODEX\.md cannot be compared: 5009 bytes, over the limit of 4096 bytes/),
      'GEMINI.md cannot be compared: not valid UTF-8 (first invalid byte 0xc3 on line 1); save it as UTF-8',
      'MISSING.md is missing: create it (platform-kit doc-sync --fix writes it from the canonical file)',
    ]);
    expect(files.map((f) => `${f.file}:${f.status}`)).toEqual(['CLAUDE.md:binary', 'GEMINI.md:not-utf8', 'CODEX.md:too-large', 'EXTRA.md:in-sync', 'MISSING.md:missing']);
  });

  it('an unreadable canonical file stops the comparison with a finding naming it', () => {
    const root = tree({ 'AGENTS.md': new Uint8Array([0, 1, 2]), 'CLAUDE.md': 'x\n', 'GEMINI.md': 'x\n', 'CODEX.md': 'x\n' });
    const { report } = sync(root);
    expect(report.findings.map((f) => f.message)).toEqual(['AGENTS.md cannot be compared: a binary file (NUL byte at offset 0), expected UTF-8 text (it is the canonical file: nothing was compared)']);
  });

  it('no file at all: one finding per missing file', () => {
    const { report } = sync(tree({}));
    expect(report.findings.map((f) => f.object.name).sort()).toEqual(['CLAUDE.md', 'CODEX.md', 'GEMINI.md']);
  });

  it('a root that does not exist is an input error (exit 2)', () => {
    expect(() => runDocSync({ root: '/nonexistent/pk-doc-root', config: configWith() })).toThrow(PlatformKitError);
    try {
      runDocSync({ root: '/nonexistent/pk-doc-root', config: configWith() });
    } catch (error) {
      expect((error as PlatformKitError).exitCode).toBe(2);
    }
  });
});

describe("this repository's agent instruction files", () => {
  it('are in sync with AGENTS.md under the repository configuration', () => {
    const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');
    const { config } = loadConfig({ cwd: repoRoot });
    const result = runDocSync({ root: repoRoot, config });
    expect(result.report.findings).toEqual([]);
    expect(result.report.details?.canonical).toBe('AGENTS.md');
    expect((result.report.details?.files as DocFileDetail[]).map((f) => [f.file, f.drift])).toEqual([
      ['CLAUDE.md', 0],
      ['GEMINI.md', 0],
      ['CODEX.md', 0],
    ]);
    expect(result.patches).toEqual([]);
  });
});

