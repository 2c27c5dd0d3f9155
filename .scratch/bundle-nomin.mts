import * as esbuild from 'esbuild';
import path from 'node:path';
import { copyFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { WORKER_ENTRIES } from '/work/main/scripts/build-actions.mjs';
const repoRoot = '/work/main'; const outdir = process.argv[2];
mkdirSync(outdir, { recursive: true });
await esbuild.build({ absWorkingDir: repoRoot, entryPoints: { cli: path.join(repoRoot, 'packages/cli/src/main.ts'), ...WORKER_ENTRIES }, outdir, bundle: true, splitting: true, format: 'esm', platform: 'node', target: 'node20', minify: false, logLevel: 'warning', external: ['pg-native'],
 banner: { js: ["import { createRequire as __pkCreateRequire } from 'node:module';","import { fileURLToPath as __pkFileURLToPath } from 'node:url';","import { dirname as __pkDirname } from 'node:path';",'const require = __pkCreateRequire(import.meta.url);','const __filename = __pkFileURLToPath(import.meta.url);','const __dirname = __pkDirname(__filename);'].join('\n') } });
copyFileSync('/work/main/node_modules/.pnpm/libpg-query@18.1.5/node_modules/libpg-query/wasm/libpg-query.wasm', path.join(outdir, 'libpg-query.wasm'));
writeFileSync(path.join(outdir, 'package.json'), '{ "type": "module" }\n');
