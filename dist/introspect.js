import { createRequire as __pkCreateRequire } from 'node:module';
import { fileURLToPath as __pkFileURLToPath } from 'node:url';
import { dirname as __pkDirname } from 'node:path';
const require = __pkCreateRequire(import.meta.url);
const __filename = __pkFileURLToPath(import.meta.url);
const __dirname = __pkDirname(__filename);
import{a}from"./chunk-N42NKB5X.js";import"./chunk-GYOCWLI4.js";if(!await a()){let{run:i}=await import("./chunk-TEMPWD4P.js");await i()}
