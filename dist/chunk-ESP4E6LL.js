import { createRequire as __pkCreateRequire } from 'node:module';
import { fileURLToPath as __pkFileURLToPath } from 'node:url';
import { dirname as __pkDirname } from 'node:path';
const require = __pkCreateRequire(import.meta.url);
const __filename = __pkFileURLToPath(import.meta.url);
const __dirname = __pkDirname(__filename);
import{b as a}from"./chunk-3ZORWUR3.js";import"./chunk-EE6H6RRU.js";import"./chunk-TMP7P6PI.js";import"./chunk-5XGPHKX4.js";import"./chunk-GYOCWLI4.js";export{a as parseConfigText};
