#!/usr/bin/env node
/**
 * Run by `npm start` before the server: builds the H5 app once when miniapp/dist/h5 is missing, so
 * that a fresh `npm ci && npm start` serves a working app at /app/. Never blocks the server: a
 * failed build is reported and the server starts anyway (/app/ then answers 503 app_not_built).
 * QIXUE_SKIP_APP_BUILD=1 skips it.
 */
const { existsSync } = require('node:fs');
const { join } = require('node:path');
const { spawnSync } = require('node:child_process');

const miniapp = join(__dirname, '..');
const built = existsSync(join(miniapp, 'dist', 'h5', 'index.html'));
const cli = existsSync(join(miniapp, '..', 'node_modules', '@tarojs', 'cli', 'bin', 'taro')) || existsSync(join(miniapp, 'node_modules', '@tarojs', 'cli', 'bin', 'taro'));

if (built || process.env.QIXUE_SKIP_APP_BUILD === '1') process.exit(0);
if (!cli) {
  console.warn('qixue: the H5 app is not built and the Taro CLI is not installed (npm ci installs it); /app/ will answer 503.');
  process.exit(0);
}
console.log('qixue: building the H5 app once (miniapp/dist/h5, about 30 s)…');
const res = spawnSync('npm', ['run', 'build:h5', '-w', 'miniapp'], { cwd: join(miniapp, '..'), stdio: 'inherit', env: { ...process.env, CI: 'true' } });
if (res.status !== 0) console.warn('qixue: the H5 build failed; the server starts anyway (/app/ answers 503 until `npm run build:miniapp` succeeds).');
process.exit(0);
