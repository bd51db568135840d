/**
 * Writes dist/h5/size-stats.json after an H5 build: the entry's files and, per page, the chunks
 * loaded on first navigation to it (from webpack's chunk origins). scripts/size-report.js reads it
 * to check the "first page ≤ 150 KB gzip" budget without a browser.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

interface StatsChunk {
  id: string | number;
  files?: string[];
  initial?: boolean;
  origins?: Array<{ request?: string; moduleName?: string }>;
}

interface Compiler {
  hooks: { done: { tap(name: string, fn: (stats: { toJson(o: object): { chunks?: StatsChunk[]; entrypoints?: Record<string, { assets?: Array<{ name: string } | string> }> }; compilation: { outputOptions: { path?: string } } }) => void): void } };
}

export class SizeStatsPlugin {
  apply(compiler: Compiler): void {
    compiler.hooks.done.tap('SizeStatsPlugin', (stats) => {
      const json = stats.toJson({ all: false, chunks: true, chunkOrigins: true, entrypoints: true, ids: true });
      const out = stats.compilation.outputOptions.path;
      if (!out) return;
      const entry = Object.fromEntries(
        Object.entries(json.entrypoints ?? {}).map(([name, e]) => [name, (e.assets ?? []).map((a) => (typeof a === 'string' ? a : a.name))]),
      );
      const pages: Record<string, string[]> = {};
      for (const chunk of json.chunks ?? []) {
        for (const origin of chunk.origins ?? []) {
          const m = /(pages\/[\w-]+\/index|packages\/[\w-]+\/pages\/[\w-]+\/index)/.exec(origin.request ?? '');
          if (!m || chunk.initial) continue;
          pages[m[1]] = [...new Set([...(pages[m[1]] ?? []), ...(chunk.files ?? [])])];
        }
      }
      writeFileSync(join(out, 'size-stats.json'), JSON.stringify({ entry, pages }, null, 2));
    });
  }
}
