#!/usr/bin/env node
/**
 * Size report for CI (`npm run size -w miniapp`, after the builds):
 *   weapp  main package ≤ 512 KB (WeChat's cap is 2 MB), each subpackage ≤ 2 MB, and no
 *          H5-only code (no @wecom/jssdk symbol) anywhere in dist/weapp;
 *   h5     JS needed for the first page (entry + the page's chunks) ≤ 150 KB gzip,
 *          for the home page and for the sign-in page a new visitor lands on.
 * A missing build is reported and skipped, unless --require is given. Exit 1 on any breach.
 */
const fs = require('node:fs');
const path = require('node:path');
const zlib = require('node:zlib');

const DIST = path.resolve(__dirname, '..', 'dist');
const KB = 1024;
const LIMITS = { weappMain: 512 * KB, weappSub: 2048 * KB, h5FirstPageGzip: 150 * KB };
const JSSDK_SYMBOLS = ['__WECOM_INTERNAL__', '__WECOM_REFLECT_ID__', '@wecom/jssdk'];
const FIRST_PAGES = ['pages/home/index', 'packages/account/pages/sign-in/index'];

const require_ = process.argv.includes('--require');
const problems = [];
const report = {};

function walk(dir) {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? walk(p) : [p];
  });
}

const fmt = (n) => `${(n / KB).toFixed(1)} KB`;

function weapp() {
  const dir = path.join(DIST, 'weapp');
  const appJson = path.join(dir, 'app.json');
  if (!fs.existsSync(appJson)) return missing('weapp');
  const app = JSON.parse(fs.readFileSync(appJson, 'utf8'));
  const roots = (app.subPackages || app.subpackages || []).map((s) => s.root.replace(/\/$/, ''));
  const files = walk(dir).filter((f) => !f.endsWith('.LICENSE.txt') && !f.endsWith('.map'));
  const sizes = { main: 0 };
  for (const root of roots) sizes[root] = 0;
  const jssdkHits = [];
  for (const f of files) {
    const rel = path.relative(dir, f).split(path.sep).join('/');
    const size = fs.statSync(f).size;
    const root = roots.find((r) => rel.startsWith(`${r}/`));
    sizes[root || 'main'] += size;
    if (/\.(js|wxs|json)$/.test(rel)) {
      const text = fs.readFileSync(f, 'utf8');
      for (const s of JSSDK_SYMBOLS) if (text.includes(s)) jssdkHits.push(`${rel} (${s})`);
    }
  }
  report.weapp = { mainBytes: sizes.main, subpackages: Object.fromEntries(roots.map((r) => [r, sizes[r]])), jssdkHits };
  console.log(`weapp main package     ${fmt(sizes.main).padStart(10)}   limit ${fmt(LIMITS.weappMain)}`);
  for (const r of roots) console.log(`weapp ${r.padEnd(17)}${fmt(sizes[r]).padStart(10)}   limit ${fmt(LIMITS.weappSub)}`);
  if (sizes.main > LIMITS.weappMain) problems.push(`weapp main package ${fmt(sizes.main)} > ${fmt(LIMITS.weappMain)}`);
  for (const r of roots) if (sizes[r] > LIMITS.weappSub) problems.push(`weapp subpackage ${r} ${fmt(sizes[r])} > ${fmt(LIMITS.weappSub)}`);
  if (jssdkHits.length) problems.push(`H5-only @wecom/jssdk code in the weapp build: ${jssdkHits.join(', ')}`);
  else console.log('weapp has no @wecom/jssdk code            ok');
}

function h5() {
  const dir = path.join(DIST, 'h5');
  const statsFile = path.join(dir, 'size-stats.json');
  if (!fs.existsSync(statsFile)) return missing('h5');
  const stats = JSON.parse(fs.readFileSync(statsFile, 'utf8'));
  const entry = Object.values(stats.entry).flat().filter((f) => f.endsWith('.js'));
  report.h5 = {};
  for (const page of FIRST_PAGES) {
    const files = [...new Set([...entry, ...(stats.pages[page] || []).filter((f) => f.endsWith('.js'))])];
    if (!stats.pages[page]) problems.push(`h5: no chunk found for ${page}`);
    const gzip = files.reduce((sum, f) => sum + zlib.gzipSync(fs.readFileSync(path.join(dir, f)), { level: 9 }).length, 0);
    report.h5[page] = { files, gzipBytes: gzip };
    console.log(`h5 first page ${page.padEnd(38)}${fmt(gzip).padStart(10)} gzip   limit ${fmt(LIMITS.h5FirstPageGzip)}`);
    if (gzip > LIMITS.h5FirstPageGzip) problems.push(`h5 first page ${page}: ${fmt(gzip)} gzip > ${fmt(LIMITS.h5FirstPageGzip)}`);
    const jssdk = files.filter((f) => JSSDK_SYMBOLS.some((s) => fs.readFileSync(path.join(dir, f), 'utf8').includes(s)));
    if (jssdk.length) problems.push(`h5 first page ${page} loads @wecom/jssdk (${jssdk.join(', ')}); it should load on demand inside WeCom`);
  }
}

function missing(target) {
  const msg = `${target}: no build in dist/${target} (run npm run build:${target} -w miniapp)`;
  if (require_) problems.push(msg);
  else console.log(`skipped ${msg}`);
}

weapp();
h5();
if (fs.existsSync(DIST)) fs.writeFileSync(path.join(DIST, 'size-report.json'), JSON.stringify({ limits: LIMITS, ...report, problems }, null, 2));
if (problems.length) {
  console.error(`\nsize report: ${problems.length} problem(s)\n  ${problems.join('\n  ')}`);
  process.exit(1);
}
console.log('size report: within budget');
