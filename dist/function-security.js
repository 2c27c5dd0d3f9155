import { createRequire as __pkCreateRequire } from 'node:module';
import { fileURLToPath as __pkFileURLToPath } from 'node:url';
import { dirname as __pkDirname } from 'node:path';
const require = __pkCreateRequire(import.meta.url);
const __filename = __pkFileURLToPath(import.meta.url);
const __dirname = __pkDirname(__filename);
import{H as t}from"./chunk-JZZMAOCM.js";import"./chunk-GDDPH2DP.js";import"./chunk-GYOCWLI4.js";var r=()=>t("function-security","Function security");await r();
