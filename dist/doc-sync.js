import { createRequire as __pkCreateRequire } from 'node:module';
import { fileURLToPath as __pkFileURLToPath } from 'node:url';
import { dirname as __pkDirname } from 'node:path';
const require = __pkCreateRequire(import.meta.url);
const __filename = __pkFileURLToPath(import.meta.url);
const __dirname = __pkDirname(__filename);
import{a as s,b as a,d,e as p,f as u,h as m}from"./chunk-T64MKA3V.js";import{H as l,v as f}from"./chunk-DEMRXKL3.js";import"./chunk-ORW4HN5I.js";import"./chunk-O6CGIXN4.js";import"./chunk-JTVWCIUA.js";import"./chunk-SC5AYYYM.js";import"./chunk-TMP7P6PI.js";import"./chunk-GDDPH2DP.js";import"./chunk-L7GELGIF.js";import"./chunk-KVH6HOJH.js";import"./chunk-LTVINQOJ.js";import"./chunk-2D6HEGFH.js";import"./chunk-3BYLJRD2.js";import"./chunk-CKTHVRT6.js";import"./chunk-LRHC7222.js";import"./chunk-5XGPHKX4.js";import"./chunk-N42NKB5X.js";import"./chunk-GYOCWLI4.js";import{appendFileSync as g}from"node:fs";import{randomUUID as h}from"node:crypto";import U from"node:path";function D(t,o){let e=process.env.GITHUB_OUTPUT;if(!e)return;let r=`ghadelimiter_${h()}`;g(e,`${t}<<${r}
${o}
${r}
`,"utf8")}async function y(){let t=await l({name:"doc-sync",title:"Doc tri-sync",inputs:{root:{description:"Repository root, relative to working-directory",default:"."}},execute:async(o,e)=>{let r=a(o.extra.root||".",o.workingDirectory),{config:w}=s({explicitPath:o.config||void 0,cwd:o.config?o.workingDirectory:r,knownRuleIds:f().map(c=>c.id)}),i=d({root:r,config:w}),n=U.join(e.outputDir,"doc-sync.diff");return p(n,i.patches),D("diff-path",n),i.patches.length>0&&e.info(`doc-sync: suggested diff for ${i.patches.map(c=>c.file).join(", ")} in ${n}`),u(i.report,r,o.workingDirectory)}});return t.report&&process.env.GITHUB_STEP_SUMMARY&&g(process.env.GITHUB_STEP_SUMMARY,m(t.report),"utf8"),t}await y();
