import { createRequire as __pkCreateRequire } from 'node:module';
import { fileURLToPath as __pkFileURLToPath } from 'node:url';
import { dirname as __pkDirname } from 'node:path';
const require = __pkCreateRequire(import.meta.url);
const __filename = __pkFileURLToPath(import.meta.url);
const __dirname = __pkDirname(__filename);
import{b as a}from"./chunk-NRVH2O3L.js";import"./chunk-PKO46X5R.js";import"./chunk-TMP7P6PI.js";import"./chunk-X7BIHFPA.js";import"./chunk-2D6HEGFH.js";import"./chunk-LRHC7222.js";import"./chunk-5XGPHKX4.js";import"./chunk-GYOCWLI4.js";export{a as replayMigrations};
