import { createRequire as __pkCreateRequire } from 'node:module';
import { fileURLToPath as __pkFileURLToPath } from 'node:url';
import { dirname as __pkDirname } from 'node:path';
const require = __pkCreateRequire(import.meta.url);
const __filename = __pkFileURLToPath(import.meta.url);
const __dirname = __pkDirname(__filename);
import{a as r}from"./chunk-TOFB2GH6.js";import"./chunk-YOXCEA57.js";import"./chunk-LRHC7222.js";import"./chunk-5XGPHKX4.js";import"./chunk-GYOCWLI4.js";var o=()=>r("rls-coverage","RLS coverage");await o();
