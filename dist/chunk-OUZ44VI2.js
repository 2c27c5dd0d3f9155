import { createRequire as __pkCreateRequire } from 'node:module';
import { fileURLToPath as __pkFileURLToPath } from 'node:url';
import { dirname as __pkDirname } from 'node:path';
const require = __pkCreateRequire(import.meta.url);
const __filename = __pkFileURLToPath(import.meta.url);
const __dirname = __pkDirname(__filename);
import{j as t}from"./chunk-IZ74IVOQ.js";import"./chunk-GYOCWLI4.js";t();var r=async(a,m)=>({bundlePath:new URL("./pg_trgm.tar.gz",import.meta.url)}),e={name:"pg_trgm",setup:r};export{e as pg_trgm};
