/**
 * Runs ADL's LRS conformance suite (xAPI 2.0.0) against Qixue's /xapi and fails on any failed test.
 *
 *   npx tsx tests/xapi/conformance.ts            (npm run conformance:xapi)
 *
 * It starts the real server (server/src/main.ts, as `npm start` runs it) on a fresh database
 * (embedded SQLite, or MariaDB/MySQL when TEST_DATABASE_URL is set), provisions an enterprise and an
 * LRS credential through the xAPI module's own service, runs the suite's console runner with Basic
 * auth, and reads the per-test results from the run log (the runner's own totals are miscounted on
 * Node 20). The suite is not part of the repository: XAPI_SUITE_DIR names it (default: shared/ beside
 * the repository, else /work/shared/xapi/lrs-conformance-test-suite); it is copied to a work folder
 * (XAPI_SUITE_WORKDIR) once and its npm dependencies installed there. XAPI_SUITE_GREP runs only the
 * matching tests.
 */
import { execFileSync, spawn } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '../../server/src/db/client';
import { issueCredential } from '../../server/src/modules/xapi/credentials';
import { scopeToTenant } from '../../server/src/core/tenancy';
import { audit } from '../../server/src/core/audit';
import { startServerProcess } from '../support/server-process';

const ROOT = join(__dirname, '..', '..');
/** The suite sits in shared/ beside the repository (a developer's worktree or CI's fresh clone). */
const SUITE_DIR =
  process.env.XAPI_SUITE_DIR ??
  [join(ROOT, '..', 'shared', 'xapi', 'lrs-conformance-test-suite'), '/work/shared/xapi/lrs-conformance-test-suite'].find((d) => existsSync(d)) ??
  '/work/shared/xapi/lrs-conformance-test-suite';
const WORK_DIR = process.env.XAPI_SUITE_WORKDIR ?? join(tmpdir(), 'qixue-xapi-suite');

interface LogNode {
  title?: string;
  status?: string;
  tests?: LogNode[];
  error?: unknown;
}

function prepareSuite(): string {
  if (!existsSync(join(SUITE_DIR, 'bin', 'console_runner.js'))) {
    console.error(`conformance: the ADL LRS conformance suite is missing: no bin/console_runner.js in ${SUITE_DIR}.\nSet XAPI_SUITE_DIR to its folder.`);
    process.exit(2);
  }
  if (!existsSync(join(WORK_DIR, 'node_modules', 'mocha'))) {
    console.log(`conformance: copying the suite to ${WORK_DIR} and installing its dependencies (npm)`);
    rmSync(WORK_DIR, { recursive: true, force: true });
    cpSync(SUITE_DIR, WORK_DIR, { recursive: true });
    execFileSync('chmod', ['-R', 'u+w', WORK_DIR]);
    execFileSync('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error'], { cwd: WORK_DIR, stdio: 'inherit' });
  }
  return WORK_DIR;
}

/** Leaf tests of the run log, with their suite path. */
function leaves(node: LogNode, path: string[] = [], out: { name: string; status: string; error?: unknown }[] = []) {
  const here = node.title ? [...path, node.title] : path;
  if (node.tests && node.tests.length) for (const child of node.tests) leaves(child, here, out);
  else if (node.status) out.push({ name: here.join(' › '), status: node.status, error: node.error });
  return out;
}

async function main(): Promise<void> {
  const suite = prepareSuite();
  const base = process.env.TEST_DATABASE_URL;
  const dataDir = mkdtempSync(join(tmpdir(), 'qixue-xapi-'));
  const databaseUrl = base ? `${base.replace(/\/+$/, '')}/qixue_xapi_${Date.now().toString(36)}` : undefined;
  const env: Record<string, string> = { SQLITE_PATH: join(dataDir, 'qixue.db'), LOG_LEVEL: 'warn', ...(databaseUrl && { DATABASE_URL: databaseUrl }) };
  const server = await startServerProcess(env);
  let failed = 1;
  try {
    // Provision: an enterprise and one LRS credential, as its admin would issue it.
    const db = await openDatabase({ databaseUrl, sqlitePath: env.SQLITE_PATH!, poolSize: 2 });
    const tenant = await db.prisma.tenant.create({ data: { name: 'xAPI conformance' }, select: { id: true } });
    const admin = await db.prisma.member.create({ data: { tenantId: tenant.id, name: 'LRS admin', role: 'admin' }, select: { id: true } });
    const scoped = scopeToTenant(db.prisma, tenant.id);
    const credential = await issueCredential(scoped, tenant.id, 'ADL conformance suite', admin.id);
    await audit(scoped, { tenantId: tenant.id, actorType: 'member', actorId: admin.id, action: 'xapi.credential.issue', targetType: 'xapi_credential', targetId: credential.id });
    await db.close();

    const endpoint = `${server.url}/xapi`;
    const args = ['bin/console_runner.js', '-e', endpoint, '-a', '-u', credential.key, '-p', credential.secret, '-x', '2.0.0'];
    if (process.env.XAPI_SUITE_GREP) args.push('-g', process.env.XAPI_SUITE_GREP);
    console.log(`conformance: running the ADL suite (xAPI 2.0.0) against ${endpoint}`);
    const logsBefore = new Set(existsSync(join(suite, 'logs')) ? readdirSync(join(suite, 'logs')) : []);
    await new Promise<void>((resolve) => {
      const child = spawn(process.execPath, args, { cwd: suite, stdio: ['ignore', 'pipe', 'inherit'] });
      child.stdout.on('data', (d: Buffer) => {
        // The runner prints its (miscounted) summary every 2 s; keep the rest.
        for (const line of d.toString().split('\n')) if (line && !line.startsWith('{"total"')) process.stdout.write(`${line}\n`);
      });
      child.on('exit', () => resolve());
    });
    const log = readdirSync(join(suite, 'logs')).find((f) => !logsBefore.has(f));
    if (!log) throw new Error('the suite wrote no run log');
    const record = JSON.parse(readFileSync(join(suite, 'logs', log), 'utf8')) as { log: LogNode };
    const tests = leaves(record.log);
    const failures = tests.filter((t) => t.status !== 'passed');
    for (const f of failures) console.log(`FAILED ${f.name}\n    ${JSON.stringify(f.error ?? '').slice(0, 400)}`);
    console.log(`conformance: ${tests.length} tests, ${tests.length - failures.length} passed, ${failures.length} failed (per-test results in ${join(suite, 'logs', log)})`);
    console.log(`${tests.length - failures.length} passed, ${failures.length} failed`);
    failed = failures.length || tests.length === 0 ? 1 : 0;
  } finally {
    await server.stop();
    rmSync(dataDir, { recursive: true, force: true });
    if (databaseUrl) {
      const url = new URL(databaseUrl);
      const name = url.pathname.slice(1);
      url.pathname = '/';
      const mysql = await import('mysql2/promise');
      const conn = await mysql.createConnection(url.toString());
      await conn.query(`DROP DATABASE IF EXISTS \`${name}\``);
      await conn.end();
    }
  }
  process.exit(failed);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
