import { createRequire as __pkCreateRequire } from 'node:module';
import { fileURLToPath as __pkFileURLToPath } from 'node:url';
import { dirname as __pkDirname } from 'node:path';
const require = __pkCreateRequire(import.meta.url);
const __filename = __pkFileURLToPath(import.meta.url);
const __dirname = __pkDirname(__filename);
import{H as a}from"./chunk-4GUCQWQ2.js";import"./chunk-O6CGIXN4.js";import"./chunk-5G36QVPK.js";import"./chunk-TMP7P6PI.js";import"./chunk-GDDPH2DP.js";import"./chunk-L3EOSW3H.js";import"./chunk-P23KZW24.js";import"./chunk-UXZSAWA3.js";import"./chunk-2UYAF4YY.js";import"./chunk-5XGPHKX4.js";import"./chunk-GYOCWLI4.js";export{a as runGateAction};
