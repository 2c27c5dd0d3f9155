import { createRequire as __pkCreateRequire } from 'node:module';
import { fileURLToPath as __pkFileURLToPath } from 'node:url';
import { dirname as __pkDirname } from 'node:path';
const require = __pkCreateRequire(import.meta.url);
const __filename = __pkFileURLToPath(import.meta.url);
const __dirname = __pkDirname(__filename);
import{j as s}from"./chunk-IZ74IVOQ.js";import"./chunk-GYOCWLI4.js";s();var u=async(a,o)=>({bundlePath:new URL("./uuid-ossp.tar.gz",import.meta.url)}),e={name:"uuid-ossp",setup:u};export{e as uuid_ossp};
