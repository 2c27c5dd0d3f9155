import { createRequire as __pkCreateRequire } from 'node:module';
import { fileURLToPath as __pkFileURLToPath } from 'node:url';
import { dirname as __pkDirname } from 'node:path';
const require = __pkCreateRequire(import.meta.url);
const __filename = __pkFileURLToPath(import.meta.url);
const __dirname = __pkDirname(__filename);
import{c as o,d as a}from"./chunk-ITXULGRA.js";import"./chunk-CRHU72K6.js";import{a as t}from"./chunk-X7BIHFPA.js";import"./chunk-2D6HEGFH.js";import"./chunk-GYOCWLI4.js";import{parentPort as i,workerData as n}from"node:worker_threads";async function m(s,e){await t(),a(e,o(e.settings.config),r=>s.postMessage({kind:"outcomes",outcomes:r})),s.postMessage({kind:"done"})}if(i){let s=i;m(s,n).catch(e=>{s.postMessage({kind:"error",message:e instanceof Error?e.stack??e.message:String(e)})})}
