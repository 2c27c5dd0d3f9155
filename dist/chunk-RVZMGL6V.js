import { createRequire as __pkCreateRequire } from 'node:module';
import { fileURLToPath as __pkFileURLToPath } from 'node:url';
import { dirname as __pkDirname } from 'node:path';
const require = __pkCreateRequire(import.meta.url);
const __filename = __pkFileURLToPath(import.meta.url);
const __dirname = __pkDirname(__filename);
import{K as a}from"./chunk-V5JL5VN2.js";import"./chunk-EE6H6RRU.js";import"./chunk-PKO46X5R.js";import"./chunk-TMP7P6PI.js";import"./chunk-GDDPH2DP.js";import"./chunk-CRHU72K6.js";import"./chunk-X7BIHFPA.js";import"./chunk-YOXCEA57.js";import"./chunk-LRHC7222.js";import"./chunk-5XGPHKX4.js";import"./chunk-N42NKB5X.js";import"./chunk-GYOCWLI4.js";export{a as runGateAction};
