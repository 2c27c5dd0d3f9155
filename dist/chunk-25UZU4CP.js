import { createRequire as __pkCreateRequire } from 'node:module';
import { fileURLToPath as __pkFileURLToPath } from 'node:url';
import { dirname as __pkDirname } from 'node:path';
const require = __pkCreateRequire(import.meta.url);
const __filename = __pkFileURLToPath(import.meta.url);
const __dirname = __pkDirname(__filename);
import{e as s,j as n}from"./chunk-OPUROLOW.js";import{j as m}from"./chunk-IZ74IVOQ.js";import"./chunk-GYOCWLI4.js";import*as o from"fs";import*as t from"path";m();var S=class extends n{constructor(r){super(r),this.rootDir=t.resolve(r),o.existsSync(t.join(this.rootDir))||o.mkdirSync(this.rootDir)}async init(r,e){return this.pg=r,{emscriptenOpts:{...e,preRun:[...e.preRun||[],i=>{let p=i.NODEFS;i.FS.mkdirTree(s),i.FS.mount(p,{root:this.rootDir},s)}]}}}async closeFs(){this.pg.Module.FS.quit()}};export{S as NodeFS};
