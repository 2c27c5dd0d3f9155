import { createRequire as __pkCreateRequire } from 'node:module';
import { fileURLToPath as __pkFileURLToPath } from 'node:url';
import { dirname as __pkDirname } from 'node:path';
const require = __pkCreateRequire(import.meta.url);
const __filename = __pkFileURLToPath(import.meta.url);
const __dirname = __pkDirname(__filename);
import{j as a}from"./chunk-IZ74IVOQ.js";import"./chunk-GYOCWLI4.js";a();var t=async(e,r)=>({bundlePath:new URL("./earthdistance.tar.gz",import.meta.url)}),s={name:"earthdistance",setup:t};export{s as earthdistance};
