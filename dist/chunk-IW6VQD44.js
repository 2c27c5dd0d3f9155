import { createRequire as __pkCreateRequire } from 'node:module';
import { fileURLToPath as __pkFileURLToPath } from 'node:url';
import { dirname as __pkDirname } from 'node:path';
const require = __pkCreateRequire(import.meta.url);
const __filename = __pkFileURLToPath(import.meta.url);
const __dirname = __pkDirname(__filename);
import{setFlagsFromString as y}from"node:v8";var b,c;function q(){return b??=S(),b}function E(){return c!==void 0}async function S(){let e=await import("./chunk-43IZAHV6.js"),o="loadModule"in e?e:e.default;y("--liftoff-only");try{await o.loadModule(),c=o.parseSync}finally{y("--no-liftoff-only")}}var d=class extends Error{constructor(){super("loadParser() must be awaited before parsing"),this.name="ParserNotLoadedError"}},p=class extends Error{constructor(r,t,n){super(r);this.line=t;this.column=n;this.name="SqlSyntaxError"}line;column};function k(e){if(!c)throw new d;let o=Buffer.byteLength(e,"utf8"),r=x(e,o),t=w(e),n;try{n=c(e)}catch(i){let l=i.sqlDetails,u=Math.min(Math.max(0,l?.cursorPosition??0),e.length),{line:m,column:a}=h(t,u);throw new p(l?.message??i.message,m,a)}let s=[];return(n.stmts??[]).forEach((i,l)=>{let u=i.stmt_location??0,m=i.stmt_len?u+i.stmt_len:o,a=r(u),f=r(m);a=O(e,a,f);let{line:g,column:P}=h(t,a);s.push({node:i.stmt,ordinal:l,line:g,column:P,text:e.slice(a,f).trim(),start:a,end:f})}),s}function w(e){let o=[0];for(let r=e.indexOf(`
`);r!==-1;r=e.indexOf(`
`,r+1))o.push(r+1);return o}function h(e,o){let r=0,t=e.length-1;for(;r<t;){let n=r+t+1>>1;e[n]<=o?r=n:t=n-1}return{line:r+1,column:o-e[r]+1}}function x(e,o){if(o===e.length)return n=>n;let r=new Int32Array(o+1),t=0;for(let n=0;n<e.length;n+=1){let s=e.codePointAt(n),i=s<128?1:s<2048?2:s<65536?3:4;for(let l=0;l<i;l+=1)r[t+l]=n;t+=i,s>=65536&&(n+=1)}return r[o]=e.length,n=>r[Math.min(Math.max(n,0),o)]}function O(e,o,r){let t=o;for(;t<r;){let n=e[t];if(n===" "||n==="	"||n===`
`||n==="\r")t+=1;else if(n==="-"&&e[t+1]==="-")for(;t<r&&e[t]!==`
`;)t+=1;else if(n==="/"&&e[t+1]==="*"){let s=e.indexOf("*/",t+2);t=s===-1?r:s+2}else break}return t}function v(e){return Object.keys(e)[0]}export{q as a,E as b,d as c,p as d,k as e,w as f,h as g,v as h};
