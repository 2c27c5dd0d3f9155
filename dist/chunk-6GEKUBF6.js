import { createRequire as __pkCreateRequire } from 'node:module';
import { fileURLToPath as __pkFileURLToPath } from 'node:url';
import { dirname as __pkDirname } from 'node:path';
const require = __pkCreateRequire(import.meta.url);
const __filename = __pkFileURLToPath(import.meta.url);
const __dirname = __pkDirname(__filename);
import{j as t}from"./chunk-IZ74IVOQ.js";import"./chunk-GYOCWLI4.js";t();var e=async(r,a)=>({bundlePath:new URL("./btree_gist.tar.gz",import.meta.url)}),i={name:"btree_gist",setup:e};export{i as btree_gist};
