/**
 * The page a browser gets for an unknown URL: people follow old links and mistype addresses, and a
 * JSON envelope means nothing to them. API clients (anything that does not prefer HTML) keep the
 * JSON error.
 */
import type { Context } from 'koa';

/** Does this request come from a browser navigating (HTML preferred over JSON)? */
export function wantsHtml(ctx: Context): boolean {
  return (ctx.method === 'GET' || ctx.method === 'HEAD') && ctx.accepts('json', 'html') === 'html';
}

export const NOT_FOUND_PAGE = `<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1">
<title>页面不存在 · 企学</title>
<link rel="icon" href="/favicon.svg" type="image/svg+xml">
<style>
  body { margin: 0; min-height: 100vh; display: flex; align-items: center; justify-content: center; background: #f5f6f8;
         font-family: -apple-system, "PingFang SC", "Microsoft YaHei", "WenQuanYi Micro Hei", sans-serif; color: #1d2129; }
  main { text-align: center; padding: 32px 24px; }
  .code { font-size: 56px; font-weight: 700; color: #1f6feb; margin: 0; }
  h1 { font-size: 20px; margin: 8px 0 12px; }
  p { color: #5c6370; margin: 0 0 24px; line-height: 1.6; }
  a { display: inline-block; padding: 10px 24px; border-radius: 8px; background: #1f6feb; color: #fff; text-decoration: none; }
</style>
</head>
<body>
<main>
  <p class="code">404</p>
  <h1>页面不存在</h1>
  <p>您访问的地址不存在或已被移除，请检查链接是否正确。</p>
  <a href="/app/">返回企学首页</a>
</main>
</body>
</html>
`;
