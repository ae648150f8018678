// A self-contained, human-readable page over /api/openapi.json (no CDN: counties run offline).
/** The page's one inline script, allowed by its hash in the Content-Security-Policy (app.ts). */
export const DOCS_SCRIPT = `
fetch('/api/openapi.json').then(r=>r.json()).then(doc=>{
  const root=document.getElementById('root');root.textContent='';
  const p=document.createElement('p');p.textContent=doc.info.description;root.appendChild(p);
  const groups={};
  for(const [path,ops] of Object.entries(doc.paths))for(const [m,op] of Object.entries(ops)){const t=(op.tags||['其他'])[0];(groups[t]=groups[t]||[]).push([m,path,op]);}
  for(const [tag,items] of Object.entries(groups)){
    const h=document.createElement('h2');h.textContent=tag;root.appendChild(h);
    for(const [m,path,op] of items){
      const d=document.createElement('details');const s=document.createElement('summary');
      const b=document.createElement('span');b.className='m '+m;b.textContent=m.toUpperCase();s.appendChild(b);
      s.appendChild(document.createTextNode(' '+path+(op.summary?'  —  '+op.summary:'')));d.appendChild(s);
      const add=(label,obj)=>{if(!obj)return;const q=document.createElement('p');q.textContent=label;d.appendChild(q);const pre=document.createElement('pre');pre.textContent=JSON.stringify(obj,null,2);d.appendChild(pre);};
      if(op.description){const q=document.createElement('p');q.textContent=op.description;d.appendChild(q);}
      add('参数',op.parameters&&op.parameters.length?op.parameters:null);
      add('请求体',op.requestBody&&op.requestBody.content['application/json']&&op.requestBody.content['application/json'].schema);
      add('响应',op.responses);
      root.appendChild(d);
    }
  }
});
`;

export function docsPage(): string {
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>民声 API 文档</title><style>
body{font:15px/1.6 system-ui,"PingFang SC","Microsoft YaHei",sans-serif;margin:0;color:#1d2733;background:#f6f7f9}
header{background:#8a1c1c;color:#fff;padding:16px 24px}main{max-width:1000px;margin:0 auto;padding:16px}
h2{border-bottom:1px solid #ccd;padding-bottom:4px;margin-top:32px}details{background:#fff;border:1px solid #dde;border-radius:6px;margin:6px 0}
summary{cursor:pointer;padding:8px 12px;font-family:ui-monospace,monospace}summary:focus-visible{outline:3px solid #1a56db}
.m{display:inline-block;min-width:60px;font-weight:700}.get{color:#0a6b2e}.post{color:#1a4fa0}.patch,.put{color:#8a5a00}.delete{color:#a11}
pre{background:#f1f3f6;padding:8px;overflow:auto;margin:0 12px 12px}p{margin:4px 12px}</style></head>
<body><header><h1 style="margin:0;font-size:20px">民声 Minsheng API</h1><div>OpenAPI 3.1：<a style="color:#fff" href="/api/openapi.json">/api/openapi.json</a></div></header>
<main id="root">加载中…</main><script>${DOCS_SCRIPT}</script></body></html>`;
}
