/**
 * Development endpoints (not part of the host API), under /sandbox:
 *
 *   POST   /sandbox/corps                         {corpid?, name?, departments, members, admins?, seed?}
 *   GET    /sandbox/corps/:corpid                 summary: departments, members (ids as the app sees them), admins
 *   POST   /sandbox/corps/:corpid/install         {allow_party?, allow_user?, allow_tag?, installer?} → create_auth
 *   POST   /sandbox/corps/:corpid/uninstall       → cancel_auth
 *   POST   /sandbox/corps/:corpid/auth            {allow_party?, allow_user?, allow_tag?} → change_auth
 *   PUT    /sandbox/corps/:corpid/admins          {admins} the app's admins → change_app_admin (data callback)
 *   POST   /sandbox/corps/:corpid/users           {department, is_leader_in_dept?} → create_user
 *   PATCH  /sandbox/corps/:corpid/users/:userid   {department?, is_leader_in_dept?, status?} → update_user
 *   DELETE /sandbox/corps/:corpid/users/:userid   → delete_user
 *   POST   /sandbox/corps/:corpid/departments     {parentid, order?} → create_party
 *   PATCH  /sandbox/corps/:corpid/departments/:id {parentid?, order?} → update_party
 *   DELETE /sandbox/corps/:corpid/departments/:id → delete_party
 *   POST   /sandbox/corps/:corpid/tags/:tagid     {add_users?, del_users?, add_parties?, del_parties?} → update_tag
 *   POST   /sandbox/suite-ticket                  push a fresh suite_ticket now
 *   POST   /sandbox/tokens/expire                 {kind?, corpid?, errcode?, after_calls?} force tokens to expire (now, or after N calls)
 *   POST   /sandbox/clock                         {advance_seconds} (≥ 10 minutes also pushes a fresh suite_ticket)
 *   POST   /sandbox/verify-url                    {endpoint: instruction|data} the host's GET URL verification
 *   POST   /sandbox/inject                        {errcode, path?, corpid?, times?} the next matching calls fail
 *   PUT    /sandbox/limits                        {corp_calls_per_minute}
 *   GET    /sandbox/calls                         host API calls answered, by path and by corp; tokens issued
 *   GET    /sandbox/callbacks                     callbacks pushed (with Qixue's answers)
 *   PUT    /sandbox/callbacks/hold                {hold: boolean}
 *   POST   /sandbox/callbacks/deliver             {ids, resign?} deliver (again) in the given order; resign: as a fresh retry
 *
 * Members are named by the userid a third-party app sees (or the corp's internal id).
 */
import Router from '@koa/router';
import type { Context, Next } from 'koa';
import * as corps from '../corps';
import { deliver, pushCallback, pushSuiteTicket, verificationQuery } from '../push';
import type { Corp, SandboxState, TokenKind } from '../state';

class DevError extends Error {
  constructor(
    public readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

function body(ctx: Context): Record<string, unknown> {
  const raw = (ctx.request as unknown as { rawBody?: string }).rawBody ?? '';
  if (!raw.trim()) return {};
  try {
    return JSON.parse(raw) as Record<string, unknown>;
  } catch {
    throw new DevError(400, 'body must be JSON');
  }
}

const numbers = (v: unknown) => (Array.isArray(v) ? v.map(Number) : undefined);
const strings = (v: unknown) => (Array.isArray(v) ? v.map(String) : undefined);

export function summary(corp: Corp) {
  return {
    corpid: corp.corpid,
    name: corp.name,
    installed: Boolean(corp.auth?.active),
    agentid: corp.auth?.agentid ?? null,
    departments: [...corp.depts.values()].map((d) => ({ id: d.id, parentid: d.parentid, order: d.order })),
    members: [...corp.users.values()].map((u) => ({ userid: u.userid, open_userid: u.openUserid, department: u.department, is_leader_in_dept: u.isLeaderInDept, status: u.status })),
    admins: corp.admins.map((id) => corp.users.get(id)?.userid).filter(Boolean),
  };
}

export function devRoutes(state: SandboxState): Router {
  const router = new Router({ prefix: '/sandbox' });
  router.use(async (ctx: Context, next: Next) => {
    try {
      await next();
    } catch (err) {
      ctx.status = err instanceof DevError ? err.status : 400;
      ctx.body = { error: (err as Error).message };
    }
  });

  const corpOf = (ctx: Context) => {
    const corp = state.corp(String(ctx.params.corpid));
    if (!corp) throw new DevError(404, 'no such corp');
    return corp;
  };
  const userOf = (ctx: Context, corp: Corp) => {
    const user = state.user(corp, String(ctx.params.userid));
    if (!user) throw new DevError(404, 'no such member');
    return user;
  };
  const deptOf = (ctx: Context, corp: Corp) => {
    const dept = corp.depts.get(Number(ctx.params.id));
    if (!dept) throw new DevError(404, 'no such department');
    return dept;
  };
  const delivered = (cb: { id: number; status?: number; response?: string } | null) => (cb ? { id: cb.id, status: cb.status ?? null, response: cb.response ?? null } : null);

  router.post('/corps', (ctx) => {
    const b = body(ctx);
    const corp = corps.createCorp(state, {
      corpid: b.corpid ? String(b.corpid) : undefined,
      name: b.name ? String(b.name) : undefined,
      departments: b.departments === undefined ? undefined : Number(b.departments),
      members: b.members === undefined ? undefined : Number(b.members),
      admins: b.admins === undefined ? undefined : Number(b.admins),
      seed: b.seed === undefined ? undefined : Number(b.seed),
    });
    ctx.status = 201;
    ctx.body = summary(corp);
  });

  router.get('/corps/:corpid', (ctx) => {
    ctx.body = summary(corpOf(ctx));
  });

  // What WeCom's open-data component would draw for these people and departments (the host knows
  // the names; apps never receive them): the development stand-in asks here.
  router.get('/corps/:corpid/names', (ctx) => {
    const corp = corpOf(ctx);
    const list = (v: unknown) => String(v ?? '').split(',').filter(Boolean).slice(0, 500);
    const users: Record<string, string> = {};
    for (const id of list(ctx.query.userids)) {
      const u = state.user(corp, id);
      if (u && u.internalId !== id) users[id] = u.name;
    }
    const departments: Record<string, string> = {};
    for (const id of list(ctx.query.departments)) {
      const d = corp.depts.get(Number(id));
      if (d) departments[id] = d.name;
    }
    ctx.body = { users, departments };
  });

  router.post('/corps/:corpid/install', async (ctx) => {
    const b = body(ctx);
    const { authCode, callback } = await corps.install(state, corpOf(ctx), {
      allow_party: numbers(b.allow_party),
      allow_user: strings(b.allow_user),
      allow_tag: numbers(b.allow_tag),
      installer: b.installer ? String(b.installer) : undefined,
      state: b.state ? String(b.state) : undefined,
    });
    ctx.body = { authCode, callback: delivered(callback) };
  });

  router.post('/corps/:corpid/uninstall', async (ctx) => {
    ctx.body = { callback: delivered(await corps.uninstall(state, corpOf(ctx))) };
  });

  router.post('/corps/:corpid/auth', async (ctx) => {
    const b = body(ctx);
    ctx.body = { callback: delivered(await corps.changeAuth(state, corpOf(ctx), { allow_party: numbers(b.allow_party), allow_user: strings(b.allow_user), allow_tag: numbers(b.allow_tag) })) };
  });

  router.put('/corps/:corpid/admins', async (ctx) => {
    ctx.body = { callback: delivered(await corps.setAdmins(state, corpOf(ctx), strings(body(ctx).admins) ?? [])) };
  });

  router.post('/corps/:corpid/users', async (ctx) => {
    const b = body(ctx);
    const { user, callback } = await corps.createUser(state, corpOf(ctx), { department: numbers(b.department) ?? [1], isLeaderInDept: numbers(b.is_leader_in_dept) });
    ctx.status = 201;
    ctx.body = { userid: user.userid, open_userid: user.openUserid, callback: delivered(callback) };
  });

  router.patch('/corps/:corpid/users/:userid', async (ctx) => {
    const corp = corpOf(ctx);
    const b = body(ctx);
    const status = b.status === undefined ? undefined : (Number(b.status) as 1 | 2 | 4 | 5);
    ctx.body = { callback: delivered(await corps.updateUser(state, corp, userOf(ctx, corp), { department: numbers(b.department), isLeaderInDept: numbers(b.is_leader_in_dept), status })) };
  });

  router.delete('/corps/:corpid/users/:userid', async (ctx) => {
    const corp = corpOf(ctx);
    ctx.body = { callback: delivered(await corps.deleteUser(state, corp, userOf(ctx, corp))) };
  });

  router.post('/corps/:corpid/departments', async (ctx) => {
    const b = body(ctx);
    const { dept, callback } = await corps.createDepartment(state, corpOf(ctx), { parentid: Number(b.parentid ?? 1), order: b.order === undefined ? undefined : Number(b.order), name: b.name ? String(b.name) : undefined });
    ctx.status = 201;
    ctx.body = { id: dept.id, callback: delivered(callback) };
  });

  router.patch('/corps/:corpid/departments/:id', async (ctx) => {
    const corp = corpOf(ctx);
    const b = body(ctx);
    ctx.body = {
      callback: delivered(await corps.updateDepartment(state, corp, deptOf(ctx, corp), { parentid: b.parentid === undefined ? undefined : Number(b.parentid), order: b.order === undefined ? undefined : Number(b.order) })),
    };
  });

  router.delete('/corps/:corpid/departments/:id', async (ctx) => {
    const corp = corpOf(ctx);
    ctx.body = { callback: delivered(await corps.deleteDepartment(state, corp, deptOf(ctx, corp))) };
  });

  router.post('/corps/:corpid/tags/:tagid', async (ctx) => {
    const b = body(ctx);
    ctx.body = {
      callback: delivered(
        await corps.updateTag(state, corpOf(ctx), Number(ctx.params.tagid), {
          tagname: b.tagname ? String(b.tagname) : undefined,
          addUsers: strings(b.add_users),
          delUsers: strings(b.del_users),
          addParties: numbers(b.add_parties),
          delParties: numbers(b.del_parties),
        }),
      ),
    };
  });

  router.post('/suite-ticket', async (ctx) => {
    ctx.body = { callback: delivered(await pushSuiteTicket(state)) };
  });

  router.post('/tokens/expire', (ctx) => {
    const b = body(ctx);
    const filter = { kind: b.kind as TokenKind | undefined, corpid: b.corpid ? String(b.corpid) : undefined, errcode: b.errcode ? Number(b.errcode) : undefined };
    if (b.after_calls !== undefined) {
      // Mid-run: the tokens expire once that many more host API calls have been answered.
      state.expireAfter = { calls: Number(b.after_calls), filter };
      ctx.body = { scheduled: true };
      return;
    }
    ctx.body = { expired: state.expireTokens(filter) };
  });

  router.post('/clock', async (ctx) => {
    const seconds = Number(body(ctx).advance_seconds ?? 0);
    state.advanceClock(seconds);
    // The host pushes a suite_ticket every 10 minutes: time that passed brought a fresh one.
    const ticket = seconds >= 600 && state.callbackUrls.instruction ? await pushSuiteTicket(state) : null;
    ctx.body = { now: new Date(state.now()).toISOString(), ticket: delivered(ticket) };
  });

  router.post('/verify-url', async (ctx) => {
    const endpoint = body(ctx).endpoint === 'data' ? 'data' : 'instruction';
    const url = state.callbackUrls[endpoint];
    if (!url) throw new DevError(400, 'no callback url configured');
    // The host signs URL verification for the provider's corp id.
    const { echo, query } = verificationQuery(state, state.suite.providerCorpId);
    const target = new URL(url);
    for (const [k, v] of Object.entries(query)) target.searchParams.set(k, v);
    const res = await fetch(target, { signal: AbortSignal.timeout(5000) });
    const text = await res.text();
    ctx.body = { url, status: res.status, verified: res.status === 200 && text === echo };
  });

  router.post('/inject', (ctx) => {
    const b = body(ctx);
    if (b.errcode === undefined) throw new DevError(400, 'errcode is required');
    state.injections.push({ errcode: Number(b.errcode), path: b.path ? String(b.path) : undefined, corpid: b.corpid ? String(b.corpid) : undefined, remaining: Number(b.times ?? 1) });
    ctx.body = { pending: state.injections.length };
  });

  router.put('/limits', (ctx) => {
    const b = body(ctx);
    if (b.corp_calls_per_minute !== undefined) state.corpCallsPerMinute = Number(b.corp_calls_per_minute);
    ctx.body = { corp_calls_per_minute: state.corpCallsPerMinute };
  });

  router.get('/calls', (ctx) => {
    ctx.body = { byPath: Object.fromEntries(state.calls), byCorp: Object.fromEntries(state.callsByCorp), tokensIssued: state.tokensIssued };
  });

  router.get('/callbacks', (ctx) => {
    ctx.body = { hold: state.holdCallbacks, items: state.callbacks.map(({ body: _b, ...rest }) => rest) };
  });

  router.put('/callbacks/hold', (ctx) => {
    state.holdCallbacks = Boolean(body(ctx).hold);
    ctx.body = { hold: state.holdCallbacks };
  });

  router.post('/callbacks/deliver', async (ctx) => {
    const b = body(ctx);
    const ids = numbers(b.ids) ?? [];
    const results = [];
    for (const id of ids) {
      const callback = state.callbacks.find((c) => c.id === id);
      if (!callback) throw new DevError(404, `no callback ${id}`);
      // resign: the same event sent anew (fresh nonce and signature), as a host retry looks.
      if (b.resign) {
        const hold = state.holdCallbacks;
        state.holdCallbacks = true;
        const copy = await pushCallback(state, callback.endpoint, callback.event, { corpid: callback.corpid });
        state.holdCallbacks = hold;
        results.push(delivered(await deliver(state, copy)));
      } else {
        results.push(delivered(await deliver(state, callback)));
      }
    }
    ctx.body = { items: results };
  });

  return router;
}
