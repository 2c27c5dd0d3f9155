import { createRequire as __pkCreateRequire } from 'node:module';
import { fileURLToPath as __pkFileURLToPath } from 'node:url';
import { dirname as __pkDirname } from 'node:path';
const require = __pkCreateRequire(import.meta.url);
const __filename = __pkFileURLToPath(import.meta.url);
const __dirname = __pkDirname(__filename);
import{j as e}from"./chunk-IZ74IVOQ.js";import"./chunk-GYOCWLI4.js";e();var a=async(t,r)=>({bundlePath:new URL("./cube.tar.gz",import.meta.url)}),m={name:"cube",setup:a};export{m as cube};
