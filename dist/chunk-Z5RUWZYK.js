import { createRequire as __pkCreateRequire } from 'node:module';
import { fileURLToPath as __pkFileURLToPath } from 'node:url';
import { dirname as __pkDirname } from 'node:path';
const require = __pkCreateRequire(import.meta.url);
const __filename = __pkFileURLToPath(import.meta.url);
const __dirname = __pkDirname(__filename);
import{a as r}from"./chunk-46HO3RQ3.js";import"./chunk-UXZSAWA3.js";import"./chunk-2UYAF4YY.js";import"./chunk-5XGPHKX4.js";import"./chunk-GYOCWLI4.js";var o=()=>r("rls-coverage","RLS coverage");export{o as run};
