/**
 * Taro build configuration for both targets:
 *   weapp — WeChat and WeCom mini-program (dist/weapp)
 *   h5    — WeCom in-app browser and the desktop admin console, served by the Koa server at /app/ (dist/h5)
 */
import fs from 'node:fs';
import path from 'node:path';
import { defineConfig, type UserConfigExport } from '@tarojs/cli';
import { SizeStatsPlugin } from './size-stats-plugin';

const here = __dirname;

/** Every app and page config file under src (index.config.ts, app.config.ts). */
function pageConfigs(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return pageConfigs(full);
    return /\.config\.ts$/.test(e.name) ? [full] : [];
  });
}
// npm nests React 18 and the Taro packages that peer on it under miniapp/node_modules when the root
// holds another React (a peer of unrelated tools): point every importer at ours so one React is bundled.
const nested = ['react', 'react-dom', '@tarojs/react', '@tarojs/plugin-framework-react'];
const own = (name: string) => path.dirname(require.resolve(`${name}/package.json`, { paths: [path.resolve(here, '..')] }));

export default defineConfig<'webpack5'>(async (merge) => {
  const alias = {
    '@': path.resolve(here, '..', 'src'),
    ...Object.fromEntries(nested.map((name) => [name, own(name)])),
  };
  const base: UserConfigExport<'webpack5'> = {
    projectName: 'qixue',
    date: '2026-11-25',
    designWidth: 750,
    deviceRatio: { 640: 2.34 / 2, 750: 1, 375: 2, 828: 1.81 / 2 },
    sourceRoot: 'src',
    outputRoot: `dist/${process.env.TARO_ENV}`,
    plugins: [],
    defineConstants: {},
    alias,
    copy: { patterns: [], options: {} },
    framework: 'react',
    compiler: 'webpack5',
    // Page and app configs are read outside webpack's module graph: list them as build
    // dependencies, or a changed page config (title, navigation style) is served from the cache.
    cache: { enable: process.env.CI !== 'true', buildDependencies: { config: pageConfigs(path.resolve(here, '..', 'src')) } },
    mini: {
      postcss: { pxtransform: { enable: true, config: {} }, cssModules: { enable: false } },
      optimizeMainPackage: { enable: true },
    },
    h5: {
      // Served by the Koa server under /app/ with an index.html fallback (server/src/modules/web).
      publicPath: '/app/',
      staticDirectory: 'static',
      router: { mode: 'browser', basename: '/app' },
      output: { filename: 'js/[name].[contenthash:8].js', chunkFilename: 'js/[name].[contenthash:8].js' },
      miniCssExtractPluginOption: { ignoreOrder: true, filename: 'css/[name].[contenthash:8].css', chunkFilename: 'css/[name].[contenthash:8].css' },
      postcss: { autoprefixer: { enable: true, config: {} }, cssModules: { enable: false } },
      webpackChain(chain: { plugin(name: string): { use(p: unknown): unknown } }) {
        chain.plugin('qx-size-stats').use(SizeStatsPlugin);
      },
    },
  };
  if (process.env.NODE_ENV === 'development') return merge({}, base, { env: {}, mini: {}, h5: {} });
  return merge({}, base, { mini: {}, h5: {} });
});
