import { createRequire as __pkCreateRequire } from 'node:module';
import { fileURLToPath as __pkFileURLToPath } from 'node:url';
import { dirname as __pkDirname } from 'node:path';
const require = __pkCreateRequire(import.meta.url);
const __filename = __pkFileURLToPath(import.meta.url);
const __dirname = __pkDirname(__filename);
import{g as o}from"./chunk-YOXCEA57.js";async function p(a,i){let t=(process.env["INPUT_DATABASE-URL"]??"").trim(),e=/^postgres(ql)?:\/\//i.test(t)?o(t):void 0;await e?.sent;let{runGateAction:n}=await import("./chunk-RVZMGL6V.js");try{return await n(a,i,e)}catch(r){let{RelaunchRequested:s,relaunchWithBaselineWasm:c}=await import("./chunk-YLCVPHFH.js");if(!(r instanceof s))throw r;return await c(),{status:process.exitCode?"failed":"passed",outputs:{}}}}export{p as a};
