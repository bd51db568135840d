/**
 * `npm start` without WECOM_API_BASE: the sandbox runs in-process in place of WeCom and WeChat, and
 * (with SANDBOX_DEMO) a demo corp — a few departments, 200 members, one admin — installs Qixue
 * through real encrypted callbacks. Pointing WECOM_API_BASE at the real host turns all of this off.
 *
 * The sandbox forgets everything when the process stops, so each start installs the demo corp
 * again: Qixue finds its tenant by corp id and reactivates it, data intact (the same path as a real
 * reinstall), and its cached tokens from the last run are refused and refreshed once. The demo
 * content (demo/content.ts) is then added where it is missing.
 */
import type { Logger } from 'pino';
import type { Config } from '@qixue/config';
import type { AppDeps } from '../src/core/context';
import { startSandbox, type Sandbox } from './app';
import { createCorp, install } from './corps';
import { DEMO_VIDEO, seedDemoContent } from './demo/content';

export const DEMO_CORP = { corpid: 'wwdemo5f3a9c1e7b20', name: '企学演示企业', departments: 5, members: 200, admins: 1, seed: 2026 };

export interface LocalHosts {
  sandbox: Sandbox;
  url: string;
  /** Once Qixue listens: callbacks go to it, a suite_ticket is pushed, the demo corp installs. */
  connect(deps: AppDeps, qixuePort: number): Promise<void>;
  close(): Promise<void>;
}

export async function startLocalHosts(config: Config, logger: Logger): Promise<LocalHosts> {
  const suite = {
    suiteId: config.WECOM_SUITE_ID,
    suiteSecret: config.WECOM_SUITE_SECRET,
    token: config.WECOM_SUITE_TOKEN,
    encodingAesKey: config.WECOM_SUITE_ENCODING_AES_KEY,
    providerCorpId: config.WECOM_PROVIDER_CORP_ID,
    providerSecret: config.WECOM_PROVIDER_SECRET,
  };
  // Next to Qixue's port when that is free; any free port otherwise.
  const preferred = config.PORT === 0 ? 0 : config.PORT + 1;
  const sandbox = await startSandbox({ port: preferred, suite }).catch(() => startSandbox({ port: 0, suite }));
  logger.info({ url: sandbox.url }, 'WeCom/WeChat sandbox running in-process (WECOM_API_BASE not set)');

  return {
    sandbox,
    url: sandbox.url,
    async connect(deps, qixuePort) {
      const qixue = `http://127.0.0.1:${qixuePort}`;
      sandbox.state.callbackUrls = { instruction: `${qixue}/wecom/suite/callback`, data: `${qixue}/wecom/suite/data` };
      await sandbox.startTicketPush();
      if (!config.SANDBOX_DEMO) return;
      await installDemo(deps, sandbox, qixuePort, logger);
    },
    close: () => sandbox.close(),
  };
}

async function installDemo(deps: AppDeps, sandbox: Sandbox, qixuePort: number, logger: Logger): Promise<void> {
  const { state } = sandbox;
  const corp = state.corp(DEMO_CORP.corpid) ?? createCorp(state, DEMO_CORP);
  const since = new Date(Date.now() - 1000);
  const { callback } = await install(state, corp);
  if (callback.response !== 'success') {
    logger.error({ status: callback.status, response: callback.response }, 'demo: Qixue refused the create_auth callback');
    return;
  }
  const prisma = deps.db.prisma;
  const deadline = Date.now() + 60_000;
  let tenant: { id: string } | null = null;
  let synced = false;
  while (Date.now() < deadline && !synced) {
    await new Promise((r) => setTimeout(r, 250));
    tenant = await prisma.tenant.findUnique({ where: { hostCorpId: corp.corpid }, select: { id: true } });
    const auth = tenant && (await prisma.wecomCorpAuth.findUnique({ where: { tenantId: tenant.id }, select: { lastFullSyncAt: true, installedAt: true } }));
    synced = Boolean(auth && auth.installedAt >= since && auth.lastFullSyncAt && auth.lastFullSyncAt >= auth.installedAt);
  }
  if (!tenant || !synced) {
    logger.error('demo: the install did not finish within a minute; see the job log');
    return;
  }
  // The demo shows every feature: it runs on the professional edition (README, Editions).
  await prisma.tenant.update({ where: { id: tenant.id }, data: { edition: 'pro' } });
  const members = await prisma.member.count({ where: { tenantId: tenant.id, status: 'active' } });
  const admin = state.user(corp, corp.admins[0])!;
  const employee = [...corp.users.values()].find((u) => !corp.admins.includes(u.internalId))!;
  // The task goes to the department of the first employee the sign-in page lists: a first walk sees it.
  const content = await seedDemoContent(deps, tenant.id, {
    qixueUrl: `http://127.0.0.1:${qixuePort}`, videoUrl: `${sandbox.url}/media/${DEMO_VIDEO.file}`, taskFor: [employee.userid, employee.openUserid],
  }).catch((err: Error) => {
    logger.error({ err }, 'demo: seeding the demo content failed');
    return null;
  });
  const api = `http://localhost:${qixuePort}/api/v1`;
  const dev = `${sandbox.url}/sandbox/corps/${corp.corpid}/members`;
  const json = (o: object) => `-H 'content-type: application/json' -d '${JSON.stringify(o)}'`;
  console.log(
    [
      '',
      `企学 demo: "${corp.name}" (${corp.corpid}) is installed from the local WeCom sandbox — ${corp.depts.size} departments, ${members} active members.`,
      `Tenant ${tenant.id}. The sandbox (${sandbox.url}) stands in for WeCom and WeChat; its dev endpoints are under /sandbox.`,
      '',
      content === null
        ? 'Demo content: could not be added (see the error above).'
        : content.created.length ? `Demo content added: ${content.created.join('、')}.` : 'Demo content: already in place (a space, a course, an exam and a task).',
      '',
      `  员工端 Employee app:    http://localhost:${qixuePort}/app/      (the sign-in page lists the demo people)`,
      `  管理后台 Admin console: http://localhost:${qixuePort}/admin     (sign in as the demo admin)`,
      '',
      'Reset the demo data: stop the server, delete data/ (npm run demo:reset) and start again.',
      '',
      'Sign in as a demo employee (WeCom mini-program login):',
      `  curl -s -X POST ${dev}/${employee.userid}/miniprogram-code            # → {"code":"…"}`,
      `  curl -s -X POST ${api}/auth/wecom/miniprogram ${json({ code: '<code>' })}`,
      'Sign in as the demo admin (admin-console single sign-on):',
      `  curl -s -X POST ${dev}/${admin.userid}/admin-login                   # → {"auth_code":"…"}`,
      `  curl -s -X POST ${api}/auth/wecom/admin-sso ${json({ authCode: '<auth_code>' })}`,
      'Both answer a session token: use it as "Authorization: Bearer <token>", e.g. GET /api/v1/me.',
      '',
    ].join('\n'),
  );
}
