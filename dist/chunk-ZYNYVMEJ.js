import { createRequire as __pkCreateRequire } from 'node:module';
import { fileURLToPath as __pkFileURLToPath } from 'node:url';
import { dirname as __pkDirname } from 'node:path';
const require = __pkCreateRequire(import.meta.url);
const __filename = __pkFileURLToPath(import.meta.url);
const __dirname = __pkDirname(__filename);
import{j as t}from"./chunk-IZ74IVOQ.js";import"./chunk-GYOCWLI4.js";t();var a=async(s,e)=>({bundlePath:new URL("./pg_stat_statements.tar.gz",import.meta.url),sharedPreloadLibraries:["pg_stat_statements"]}),m={name:"pg_stat_statements",setup:a};export{m as pg_stat_statements};
