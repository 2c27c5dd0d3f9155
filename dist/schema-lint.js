import { createRequire as __pkCreateRequire } from 'node:module';
import { fileURLToPath as __pkFileURLToPath } from 'node:url';
import { dirname as __pkDirname } from 'node:path';
const require = __pkCreateRequire(import.meta.url);
const __filename = __pkFileURLToPath(import.meta.url);
const __dirname = __pkDirname(__filename);
import{E as i,G as s,a,c as e,e as o}from"./chunk-JZZMAOCM.js";import"./chunk-GDDPH2DP.js";import"./chunk-GYOCWLI4.js";import{existsSync as m,statSync as d}from"node:fs";import f from"node:path";async function n(){return s({name:"schema-lint",title:"Schema lint",inputs:{"slow-queries":{description:"Also report slow statements from pg_stat_statements (live database only)",default:"false",choices:["true","false"]}},execute:async t=>{let r=t.workingDirectory,{config:c}=o({...t.config?{explicitPath:t.config}:{},cwd:r,knownRuleIds:e().map(l=>l.id)});if(!t.databaseUrl&&!(m(t.migrationsPath)&&d(t.migrationsPath).isDirectory()))throw a(`migrations-path ${f.relative(r,t.migrationsPath)||"."} is not a directory`,void 0,"set migrations-path (relative to working-directory), or database-url to check a live database");return i({target:t.databaseUrl?{databaseUrl:t.databaseUrl}:{migrationsDir:t.migrationsPath},config:c,...t.extra["slow-queries"]==="true"?{slowQueries:!0}:{},options:{root:r}})}})}await n();
