import { createRequire as __pkCreateRequire } from 'node:module';
import { fileURLToPath as __pkFileURLToPath } from 'node:url';
import { dirname as __pkDirname } from 'node:path';
const require = __pkCreateRequire(import.meta.url);
const __filename = __pkFileURLToPath(import.meta.url);
const __dirname = __pkDirname(__filename);
import{once as i}from"node:events";async function l(){let o=Number(process.versions.node.split(".")[0]),r=(process.env["INPUT_DATABASE-URL"]??"").trim()!=="";if(o<22||!r||process.execArgv.includes("--liftoff-only")||!process.argv[1])return!1;let{spawn:n}=await import("node:child_process"),s=n(process.execPath,["--liftoff-only",...process.execArgv,process.argv[1],...process.argv.slice(2)],{stdio:"inherit"});for(let e of["SIGINT","SIGTERM"])process.on(e,()=>s.kill(e));let[c,t]=await i(s,"exit");return process.exitCode=c??(t?143:1),!0}export{l as a};
