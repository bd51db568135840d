/**
 * `npm run bench -- <name>` runs tests/bench/<name>.ts. Each benchmark sets up its own data,
 * measures the baseline its issue names in the same run, prints readable lines and ends with one
 * JSON line: {"bench":"<name>", …figures…, "baseline": …, "ratio": …}.
 */
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

const name = process.argv[2];
const available = readdirSync(__dirname).filter((f) => f.endsWith('.ts') && f !== 'run.ts' && !f.startsWith('_')).map((f) => f.replace(/\.ts$/, ''));
if (!name || !existsSync(join(__dirname, `${name}.ts`))) {
  console.error(`usage: npm run bench -- <name>\navailable: ${available.join(', ') || '(none yet)'}`);
  process.exit(2);
}
// eslint-disable-next-line @typescript-eslint/no-require-imports
require(join(__dirname, `${name}.ts`));
