import { createRequire as __pkCreateRequire } from 'node:module';
import { fileURLToPath as __pkFileURLToPath } from 'node:url';
import { dirname as __pkDirname } from 'node:path';
const require = __pkCreateRequire(import.meta.url);
const __filename = __pkFileURLToPath(import.meta.url);
const __dirname = __pkDirname(__filename);
import{j as t}from"./chunk-IZ74IVOQ.js";import"./chunk-GYOCWLI4.js";t();var a=async(r,m)=>({bundlePath:new URL("./fuzzystrmatch.tar.gz",import.meta.url)}),e={name:"fuzzystrmatch",setup:a};export{e as fuzzystrmatch};
