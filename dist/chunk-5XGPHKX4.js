import { createRequire as __pkCreateRequire } from 'node:module';
import { fileURLToPath as __pkFileURLToPath } from 'node:url';
import { dirname as __pkDirname } from 'node:path';
const require = __pkCreateRequire(import.meta.url);
const __filename = __pkFileURLToPath(import.meta.url);
const __dirname = __pkDirname(__filename);
var o=class extends Error{kind;position;hint;constructor(n,t,r={}){super(t,r.cause===void 0?void 0:{cause:r.cause}),this.name="PlatformKitError",this.kind=n,this.position=r.position,this.hint=r.hint}get exitCode(){return this.kind==="connection"||this.kind==="runtime"?3:2}toDisplayString(){return`${this.position?`${this.position.file}${this.position.line?`:${this.position.line}`:""}${this.position.column?`:${this.position.column}`:""}: `:""}${this.message}${this.hint?` (${this.hint})`:""}`}},e=(i,n)=>new o("usage",i,{hint:n}),s=(i,n,t)=>new o("config",i,{position:n,hint:t}),u=(i,n,t)=>new o("input",i,{position:n,hint:t}),c=(i,n,t)=>new o("connection",i,{cause:n,hint:t}),g=(i,n)=>new o("runtime",i,{cause:n});export{o as a,e as b,s as c,u as d,c as e,g as f};
