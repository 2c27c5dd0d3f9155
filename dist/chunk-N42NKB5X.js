import { createRequire as __pkCreateRequire } from 'node:module';
import { fileURLToPath as __pkFileURLToPath } from 'node:url';
import { dirname as __pkDirname } from 'node:path';
const require = __pkCreateRequire(import.meta.url);
const __filename = __pkFileURLToPath(import.meta.url);
const __dirname = __pkDirname(__filename);
import{once as t}from"node:events";import i from"node:path";async function u(){return!((process.env["INPUT_DATABASE-URL"]??"").trim()!=="")||!c()?!1:(await l(),!0)}function c(e){let s=Number(process.versions.node.split(".")[0]),o=process.argv[1];return s<22||process.execArgv.includes("--liftoff-only")||!o?!1:e===void 0||i.basename(o)===e}var n=class extends Error{constructor(){super("the parser is needed: starting again under --liftoff-only"),this.name="RelaunchRequested"}};async function l(){let{spawn:e}=await import("node:child_process"),s=e(process.execPath,["--liftoff-only",...process.execArgv,process.argv[1],...process.argv.slice(2)],{stdio:"inherit"});for(let r of["SIGINT","SIGTERM"])process.on(r,()=>s.kill(r));let[o,a]=await t(s,"exit");process.exitCode=o??(a?143:1)}export{u as a,c as b,n as c,l as d};
