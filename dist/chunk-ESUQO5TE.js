import { createRequire as __pkCreateRequire } from 'node:module';
import { fileURLToPath as __pkFileURLToPath } from 'node:url';
import { dirname as __pkDirname } from 'node:path';
const require = __pkCreateRequire(import.meta.url);
const __filename = __pkFileURLToPath(import.meta.url);
const __dirname = __pkDirname(__filename);
import{g as o}from"./chunk-CKTHVRT6.js";async function c(r,n){let t=(process.env["INPUT_DATABASE-URL"]??"").trim(),e=/^postgres(ql)?:\/\//i.test(t)?o(t):void 0;await e?.sent;let{runGateAction:i}=await import("./chunk-4L4K2J2H.js");return i(r,n,e)}export{c as a};
