/**
 * Development only: the H5 sign-in page's bridge to the local WeCom sandbox, so that a browser
 * (which is not inside WeCom) can sign in as a demo person through the real login paths.
 *
 *   GET  /dev/sandbox/people              demo people of the installed sandbox corps, labelled with the
 *                                         names the host would draw (it never gives them to the app)
 *   GET  /dev/sandbox/names?ids=…&departments=…   what the open-data component would draw (stand-in)
 *   POST /dev/sandbox/login-code          {corpId, userid, kind: 'oauth'|'admin'} → a one-time
 *                                         code minted by the sandbox, exactly what WeCom would hand
 *                                         the app; the page then calls POST /api/v1/auth/wecom/oauth
 *                                         or /api/v1/auth/wecom/admin-sso with it.
 *
 * Off (404) in production, whenever the WeCom base URL is not a sandbox on this machine, and to
 * every client that is not on this machine (ctx.ip: the peer, or what a trusted proxy reports).
 */
import Router from '@koa/router';
import { z } from 'zod';
import type { AppDeps, AppState } from '../../core/context';
import { AppError, errors } from '../../core/errors';
import { inputOf, validate } from '../../core/validate';

const PEOPLE_PER_CORP = 12;

/** 127.0.0.0/8 and ::1, also as IPv4-mapped IPv6 (::ffff:127.0.0.1). */
const isLoopback = (ip: string) => /^(::ffff:)?127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(ip) || ip === '::1';

interface CorpSummary {
  corpid: string;
  name: string;
  installed: boolean;
  members: Array<{ userid: string; open_userid: string; department: number[]; status: number }>;
  admins: string[];
}

export function sandboxBase(deps: AppDeps): string | null {
  const base = deps.config.WECOM_API_BASE;
  if (deps.config.NODE_ENV === 'production' || !base) return null;
  try {
    const host = new URL(base).hostname;
    return ['127.0.0.1', 'localhost', '::1', '[::1]'].includes(host) ? base.replace(/\/$/, '') : null;
  } catch {
    return null;
  }
}

const unavailable = () => new AppError(503, 'sandbox_unavailable', '本地沙箱不可用 / The local WeCom sandbox is not reachable');

async function sandboxCall<T>(base: string, path: string, init?: RequestInit): Promise<T> {
  let res: Response;
  try {
    res = await fetch(`${base}${path}`, { ...init, signal: AbortSignal.timeout(5000) });
  } catch {
    throw unavailable();
  }
  if (res.status === 404) throw errors.notFound('sandbox member');
  if (!res.ok) throw unavailable();
  return (await res.json()) as T;
}

export function devSignInRoutes(deps: AppDeps): Router<AppState> {
  const router = new Router<AppState>({ prefix: '/dev/sandbox' });
  router.use(async (ctx, next) => {
    if (!sandboxBase(deps) || !isLoopback(ctx.ip)) throw errors.notFound('route');
    await next();
  });

  router.get('/people', async (ctx) => {
    const base = sandboxBase(deps)!;
    // Tenants installed from a host: their corp ids are what the sandbox knows them by.
    const tenants = await deps.db.prisma.tenant.findMany({
      where: { hostCorpId: { not: null }, status: 'active' },
      select: { hostCorpId: true, name: true },
      orderBy: { createdAt: 'asc' },
      take: 5,
    });
    const items = [];
    for (const t of tenants) {
      const corp = await sandboxCall<CorpSummary>(base, `/sandbox/corps/${encodeURIComponent(t.hostCorpId!)}`).catch(() => null);
      if (!corp?.installed) continue;
      const active = corp.members.filter((m) => m.status === 1);
      const admins = active.filter((m) => corp.admins.includes(m.userid));
      const employees = active.filter((m) => !corp.admins.includes(m.userid)).slice(0, PEOPLE_PER_CORP - admins.length);
      const shown = [...admins, ...employees];
      // Names as the host's open-data component would draw them (the app itself never gets them).
      const q = new URLSearchParams({
        userids: shown.map((m) => m.userid).join(','),
        departments: [...new Set(shown.map((m) => m.department[0]).filter((d) => d !== undefined))].join(','),
      });
      const drawn = await sandboxCall<{ users: Record<string, string>; departments: Record<string, string> }>(base, `/sandbox/corps/${encodeURIComponent(corp.corpid)}/names?${q}`).catch(() => null);
      const deptNames = drawn?.departments ?? {};
      for (const m of shown) {
        const admin = corp.admins.includes(m.userid);
        items.push({
          corpId: corp.corpid,
          tenantName: t.name,
          hostUserId: m.userid,
          openUserId: m.open_userid,
          role: admin ? 'admin' : 'member',
          label: drawn?.users[m.userid] ?? `${admin ? '演示管理员' : '演示员工'} ${m.userid.slice(0, 10)}`,
          department: m.department.length ? (deptNames[m.department[0]] ?? `部门 ${m.department[0]}`) : undefined,
        });
      }
    }
    ctx.body = { items };
  });

  // The stand-in for WeCom's open-data component: the names the host would draw for these people
  // (host user ids) and departments (Qixue department ids), as the sandbox knows them.
  const names = { query: z.object({ ids: z.string().max(8000).optional(), departments: z.string().max(8000).optional() }) };
  router.get('/names', validate(names), async (ctx) => {
    const { query } = inputOf(ctx, names);
    const list = (v?: string) => (v ?? '').split(',').filter(Boolean).slice(0, 200);
    const { prisma } = deps.db;
    const [members, departments] = await Promise.all([
      prisma.member.findMany({ where: { hostUserId: { in: list(query.ids) } }, select: { hostUserId: true, tenantId: true } }),
      prisma.department.findMany({ where: { id: { in: list(query.departments) } }, select: { id: true, hostDeptId: true, tenantId: true } }),
    ]);
    const tenantIds = [...new Set([...members, ...departments].map((r) => r.tenantId))];
    const tenants = await prisma.tenant.findMany({ where: { id: { in: tenantIds } }, select: { id: true, hostCorpId: true } });
    const corpOf = new Map(tenants.map((t) => [t.id, t.hostCorpId]));
    const byCorp = new Map<string, { userids: Set<string>; departments: Map<string, string[]> }>();
    const corpEntry = (corpId: string) => byCorp.get(corpId) ?? byCorp.set(corpId, { userids: new Set(), departments: new Map() }).get(corpId)!;
    for (const m of members) {
      const corpId = corpOf.get(m.tenantId);
      if (corpId) corpEntry(corpId).userids.add(m.hostUserId!);
    }
    for (const d of departments) {
      const corpId = corpOf.get(d.tenantId);
      if (!corpId || !d.hostDeptId) continue;
      const entry = corpEntry(corpId).departments;
      entry.set(d.hostDeptId, [...(entry.get(d.hostDeptId) ?? []), d.id]);
    }
    const base = sandboxBase(deps)!;
    const out = { names: {} as Record<string, string>, departments: {} as Record<string, string> };
    for (const [corpId, want] of byCorp) {
      const q = new URLSearchParams({ userids: [...want.userids].join(','), departments: [...want.departments.keys()].join(',') });
      const found = await sandboxCall<{ users: Record<string, string>; departments: Record<string, string> }>(base, `/sandbox/corps/${encodeURIComponent(corpId)}/names?${q}`).catch(() => null);
      if (!found) continue;
      Object.assign(out.names, found.users);
      for (const [hostDeptId, name] of Object.entries(found.departments)) for (const id of want.departments.get(hostDeptId) ?? []) out.departments[id] = name;
    }
    ctx.body = out;
  });

  const code = { body: z.object({ corpId: z.string().min(1).max(64), userid: z.string().min(1).max(128), kind: z.enum(['oauth', 'admin']) }) };
  router.post('/login-code', validate(code), async (ctx) => {
    const { body } = inputOf(ctx, code);
    const base = sandboxBase(deps)!;
    const path = `/sandbox/corps/${encodeURIComponent(body.corpId)}/members/${encodeURIComponent(body.userid)}/${body.kind === 'admin' ? 'admin-login' : 'oauth-code'}`;
    const minted = await sandboxCall<{ code?: string; auth_code?: string }>(base, path, { method: 'POST', body: '{}', headers: { 'content-type': 'application/json' } });
    ctx.body = body.kind === 'admin' ? { authCode: minted.auth_code } : { code: minted.code };
  });

  return router;
}
