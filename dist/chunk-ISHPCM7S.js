import { createRequire as __pkCreateRequire } from 'node:module';
import { fileURLToPath as __pkFileURLToPath } from 'node:url';
import { dirname as __pkDirname } from 'node:path';
const require = __pkCreateRequire(import.meta.url);
const __filename = __pkFileURLToPath(import.meta.url);
const __dirname = __pkDirname(__filename);
import{j as a}from"./chunk-IZ74IVOQ.js";import"./chunk-GYOCWLI4.js";a();var n=async(t,e)=>({bundlePath:new URL("./unaccent.tar.gz",import.meta.url)}),r={name:"unaccent",setup:n};export{r as unaccent};
