#!/usr/bin/env node
/**
 * Builds every action into ONE shared folder, `dist/` at the repository root:
 *
 *   dist/<action>.js       one ESM entry per actions/<action>/src/main.ts (action.yml: main: ../../dist/<action>.js)
 *   dist/chunk-<hash>.js   code shared between actions (core engine, reporting layer), stored once
 *   dist/migration-lint-worker.js  the worker thread migration-lint starts for large migration sets
 *   dist/*.wasm|.data|.tar.gz  the WebAssembly and data files PGlite and libpg-query load at run time
 *   dist/sql/              the repository's sql/ folder (readSql looks beside the bundle)
 *   dist/package.json      {"type":"module"}
 *
 * Why esbuild and not ncc: ncc 0.45 (measured here) cannot bundle PGlite or libpg-query. PGlite
 * finds its files with `new URL("./pglite.wasm", import.meta.url)` (contrib extensions with
 * "../<name>.tar.gz"), and libpg-query's Emscripten loader reads `__dirname + "/libpg-query.wasm"`
 * through `require("node:fs")`; ncc's asset relocation does not follow either in ESM output and
 * emits one copy of every asset per action. esbuild bundles the JavaScript, splits shared code into
 * chunks, and this script copies the assets itself: a plugin rewrites each
 * `new URL("<relative>", import.meta.url)` in a dependency to `./<basename>` and copies the file
 * beside the chunks, and a banner gives the CommonJS parts `require`, `__filename` and `__dirname`
 * (all chunks sit flat in dist/, so `__dirname` is dist/ and libpg-query finds its .wasm there).
 * Each asset is stored once for all actions: a previous attempt that committed one bundle folder per
 * action (20 MB each) was rejected for size.
 *
 * Reproducible byte for byte: no timestamps, content-hashed chunk names, sorted inputs, paths in
 * the output relative to the repository root, file copies that keep bytes only.
 * PGlite is loaded lazily (dynamic import in packages/core/src/db/embedded.ts), so it lands in its
 * own chunk and a run against `database-url` never reads it.
 *
 * Usage: node scripts/build-actions.mjs [--outdir DIR] [--metafile FILE]   (default: dist; the metafile,
 * esbuild's map of inputs and outputs, is written outside the output folder for tests and size reports)
 */
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import * as esbuild from 'esbuild';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

function parseArgs(argv) {
  const args = { outdir: path.join(repoRoot, 'dist'), metafile: undefined };
  for (let i = 0; i < argv.length; i += 1) {
    if (argv[i] === '--outdir') args.outdir = path.resolve(argv[++i]);
    else if (argv[i] === '--metafile') args.metafile = path.resolve(argv[++i]);
    else if (argv[i] === '--help') {
      console.log('usage: node scripts/build-actions.mjs [--outdir DIR] [--metafile FILE]');
      process.exit(0);
    } else {
      console.error(`unknown argument: ${argv[i]}`);
      process.exit(2);
    }
  }
  return args;
}

/** Every action with a src/main.ts, sorted (the entry order must not depend on the file system). */
export function actionEntries(root = repoRoot) {
  const actionsDir = path.join(root, 'actions');
  if (!existsSync(actionsDir)) return [];
  return readdirSync(actionsDir)
    .filter((name) => existsSync(path.join(actionsDir, name, 'src', 'main.ts')))
    .sort();
}

// Runs in every output file before anything else: gives bundled CommonJS code (libpg-query's
// Emscripten loader, pg) the module-scope names Node only defines for CommonJS files.
const BANNER = [
  "import { createRequire as __pkCreateRequire } from 'node:module';",
  "import { fileURLToPath as __pkFileURLToPath } from 'node:url';",
  "import { dirname as __pkDirname } from 'node:path';",
  'const require = __pkCreateRequire(import.meta.url);',
  'const __filename = __pkFileURLToPath(import.meta.url);',
  'const __dirname = __pkDirname(__filename);',
].join('\n');

const ENTRY_NAMESPACE = 'platform-kit-action-entry';

/**
 * Entries that are not actions: worker threads the engine starts by file name beside its own chunk
 * (packages/core/src/migration-lint/parallel.ts looks for `./migration-lint-worker.js`).
 */
export const WORKER_ENTRIES = { 'migration-lint-worker': 'packages/core/src/migration-lint/worker.ts' };

/**
 * Actions that parse SQL on every run against a database (index definitions, and policy
 * expressions beyond what the catalog's own trees give): on Node 22+ their entry starts the action
 * again under `node --liftoff-only` (see packages/github/src/relaunch.ts for the measured reason).
 * rls-coverage is not one of them: its rules read the server's policy trees
 * (packages/core/src/parser/catalog-trees.ts) and load the parser only for forms those do not cover.
 */
const RELAUNCHED_WITH_BASELINE_WASM = new Set(['schema-lint', 'introspect']);

/** A virtual entry per action: import its run() and await it (src/main.ts itself has no side effects). */
function actionEntryPlugin() {
  return {
    name: 'platform-kit-action-entry',
    setup(build) {
      build.onResolve({ filter: /^platform-kit-action:/ }, (args) => ({ path: args.path.slice('platform-kit-action:'.length), namespace: ENTRY_NAMESPACE }));
      build.onLoad({ filter: /.*/, namespace: ENTRY_NAMESPACE }, (args) => ({
        contents: RELAUNCHED_WITH_BASELINE_WASM.has(args.path)
          ? `import { relaunchedWithBaselineWasm } from './packages/github/src/relaunch.ts';\n` +
            `if (!(await relaunchedWithBaselineWasm())) {\n  const { run } = await import('./actions/${args.path}/src/main.ts');\n  await run();\n}\n`
          : `import { run } from './actions/${args.path}/src/main.ts';\nawait run();\n`,
        resolveDir: repoRoot,
        loader: 'js',
      }));
    },
  };
}

/**
 * `@actions/core` imports its OIDC client (and through it @actions/http-client and undici, about
 * 400 KiB) at module load, only for `core.getIDToken()`, which no action here calls. The stub keeps
 * that API and loads the real module on first use, so undici lands in a lazy chunk and does not
 * weigh on every action's cold start.
 */
function lazyOidcPlugin() {
  const filter = /[\\/]@actions[\\/]core[\\/]lib[\\/]oidc-utils\.js$/;
  return {
    name: 'platform-kit-lazy-oidc',
    setup(build) {
      build.onLoad({ filter }, (args) => {
        if (args.suffix === '?real') return undefined;
        const real = JSON.stringify(`${args.path}?real`);
        return {
          contents: `export class OidcClient {\n  static async getIDToken(audience) {\n    const { OidcClient: Real } = await import(${real});\n    return Real.getIDToken(audience);\n  }\n}\n`,
          loader: 'js',
          resolveDir: path.dirname(args.path),
        };
      });
    },
  };
}

/**
 * zod 4 exposes every message locale as `z.locales` (about 260 KiB minified, a quarter of the code
 * each action compiles at start). Because code uses `z` as a namespace object, esbuild cannot
 * tree-shake the unused ones. Nothing here calls `z.config(z.locales.<lang>())`; zod itself loads
 * English directly (`../locales/en.js`), so the bundle keeps only `en` in the namespace.
 */
function englishOnlyZodLocalesPlugin() {
  const filter = /[\\/]zod[\\/]v4[\\/]locales[\\/]index\.js$/;
  return {
    name: 'platform-kit-zod-english-only',
    setup(build) {
      build.onLoad({ filter }, (args) => ({
        contents: 'export { default as en } from "./en.js";\n',
        loader: 'js',
        resolveDir: path.dirname(args.path),
      }));
    },
  };
}

/**
 * pg decides at load time whether it runs in a Cloudflare Worker. Where `navigator` is missing
 * (Node 20) it probes with `new Response(...)`, which makes Node load its whole fetch
 * implementation (undici): ~30 ms of every Node 20 cold start, measured. The bundle only ever runs
 * on Node, so the probe is answered at build time.
 */
function pgNodeOnlyPlugin() {
  const filter = /[\\/]pg[\\/]lib[\\/]stream\.js$/;
  return {
    name: 'platform-kit-pg-node-only',
    setup(build) {
      build.onLoad({ filter }, (args) => {
        const source = readFileSync(args.path, 'utf8');
        const probe = 'if (isCloudflareRuntime()) {';
        if (!source.includes(probe)) throw new Error(`pg's stream.js changed: no "${probe}" in ${args.path}; update pgNodeOnlyPlugin`);
        return { contents: source.replace(probe, 'if (false) {'), loader: 'js' };
      });
    },
  };
}

const ASSET_URL = /new URL\((["'])([^"'\n]+)\1,\s*import\.meta\.url\)/g;

/**
 * Finds `new URL("<file>", import.meta.url)` in dependencies, records the file to copy, and points
 * the URL at `./<basename>` (the asset will sit beside the chunk). Only literal relative file names
 * are rewritten; anything else (a directory, ".") is left alone.
 */
function assetUrlPlugin(assets) {
  return {
    name: 'platform-kit-asset-urls',
    setup(build) {
      build.onLoad({ filter: /[\\/]node_modules[\\/].*\.m?js$/ }, (args) => {
        const source = readFileSync(args.path, 'utf8');
        if (!source.includes('import.meta.url')) return undefined;
        let changed = false;
        const contents = source.replace(ASSET_URL, (match, quote, relative) => {
          const file = path.resolve(path.dirname(args.path), relative);
          if (!existsSync(file) || !statSync(file).isFile()) return match;
          const name = path.basename(file);
          const known = assets.get(name);
          if (known && known !== file && readFileSync(known).compare(readFileSync(file)) !== 0) {
            throw new Error(`two different assets are named ${name}: ${known} and ${file}`);
          }
          assets.set(name, file);
          changed = true;
          return `new URL(${quote}./${name}${quote}, import.meta.url)`;
        });
        return changed ? { contents, loader: 'js' } : undefined;
      });
    },
  };
}

/** Files loaded through paths rather than `new URL(...)`: libpg-query's Emscripten loader (a dependency of packages/core). */
function pathLoadedAssets() {
  const requireFromCore = createRequire(path.join(repoRoot, 'packages', 'core', 'package.json'));
  const libpgQueryDir = path.dirname(requireFromCore.resolve('libpg-query'));
  const wasm = path.join(libpgQueryDir, 'libpg-query.wasm');
  if (!existsSync(wasm)) throw new Error(`libpg-query.wasm not found in ${libpgQueryDir}`);
  return new Map([['libpg-query.wasm', wasm]]);
}

export async function buildActions({ outdir }) {
  const names = actionEntries();
  if (names.length === 0) throw new Error('no actions/*/src/main.ts to build');
  rmSync(outdir, { recursive: true, force: true });
  mkdirSync(outdir, { recursive: true });

  const assets = new Map();
  const result = await esbuild.build({
    absWorkingDir: repoRoot,
    entryPoints: { ...Object.fromEntries(names.map((name) => [name, `platform-kit-action:${name}`])), ...WORKER_ENTRIES },
    outdir,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    // GitHub runs actions on node24; the bundle tests also run it on the machine's node20.
    target: ['node20', 'node24'],
    entryNames: '[name]',
    chunkNames: 'chunk-[hash]',
    banner: { js: BANNER },
    minify: true,
    legalComments: 'eof',
    sourcemap: false,
    metafile: true,
    logLevel: 'warning',
    // pg loads its optional native binding in a try/catch; it is never installed here.
    external: ['pg-native'],
    plugins: [actionEntryPlugin(), lazyOidcPlugin(), englishOnlyZodLocalesPlugin(), pgNodeOnlyPlugin(), assetUrlPlugin(assets)],
  });

  for (const [name, file] of pathLoadedAssets()) assets.set(name, file);
  for (const name of [...assets.keys()].sort()) {
    writeFileSync(path.join(outdir, name), readFileSync(assets.get(name)));
  }
  const sqlSource = path.join(repoRoot, 'sql');
  if (existsSync(sqlSource)) cpSync(sqlSource, path.join(outdir, 'sql'), { recursive: true, preserveTimestamps: false });
  writeFileSync(path.join(outdir, 'package.json'), '{\n  "type": "module"\n}\n');
  return { names, assets: [...assets.keys()].sort(), metafile: result.metafile };
}

const invokedDirectly = process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (invokedDirectly) {
  const args = parseArgs(process.argv.slice(2));
  const started = Date.now();
  const built = await buildActions(args);
  if (args.metafile) writeFileSync(args.metafile, JSON.stringify(built.metafile));
  console.log(
    `built ${built.names.length} action(s) into ${path.relative(process.cwd(), args.outdir) || '.'}: ${built.names.join(', ')}; ` +
      `assets: ${built.assets.join(', ')} (${Date.now() - started} ms)`,
  );
}
