/**
 * The suite's service API: provider, suite and corp tokens; pre-auth codes; permanent codes and
 * auth info; the app's admins. Shapes follow the host's documented responses.
 */
import Router from '@koa/router';
import type { Context } from 'koa';
import { countOnly, fail, HostError, jsonBody, ok, requireToken } from '../host-api';
import type { Corp, SandboxState } from '../state';

export function serviceRoutes(state: SandboxState): Router {
  const router = new Router({ prefix: '/cgi-bin/service' });
  const suite = requireToken(state, 'suite');

  router.post('/get_provider_token', countOnly(state), (ctx) => {
    const body = jsonBody(ctx);
    if (body.corpid !== state.suite.providerCorpId) return fail(ctx, 40013);
    if (body.provider_secret !== state.suite.providerSecret) return fail(ctx, 40001);
    const { token, expiresIn } = state.issueToken('provider');
    ok(ctx, { provider_access_token: token, expires_in: expiresIn });
  });

  router.post('/get_suite_token', countOnly(state), (ctx) => {
    const body = jsonBody(ctx);
    if (body.suite_id !== state.suite.suiteId) return fail(ctx, 40083);
    if (body.suite_secret !== state.suite.suiteSecret) return fail(ctx, 40001);
    const issuedAt = state.suiteTickets.get(String(body.suite_ticket ?? ''));
    if (issuedAt === undefined || issuedAt < state.now() - 30 * 60_000) return fail(ctx, 40085);
    const { token, expiresIn } = state.issueToken('suite');
    ok(ctx, { suite_access_token: token, expires_in: expiresIn });
  });

  router.get('/get_pre_auth_code', suite, (ctx) => {
    const code = state.newCode();
    state.preAuthCodes.set(code, state.now() + 1200_000);
    ok(ctx, { pre_auth_code: code, expires_in: 1200 });
  });

  router.post('/set_session_info', suite, (ctx) => {
    const body = jsonBody(ctx);
    const expires = state.preAuthCodes.get(String(body.pre_auth_code ?? ''));
    if (!expires || expires < state.now()) return fail(ctx, 40078);
    ok(ctx);
  });

  router.post('/get_permanent_code', suite, (ctx) => {
    const pending = state.authCodes.get(String(jsonBody(ctx).auth_code ?? ''));
    if (!pending || pending.used || pending.expiresAt < state.now()) return fail(ctx, 40078);
    pending.used = true;
    const corp = state.corp(pending.corpid)!;
    corp.auth = {
      permanentCode: state.newCode(32),
      agentid: corp.auth?.agentid ?? 1_000_000 + corp.corpid.length * 7 + state.corps.size,
      privilege: pending.privilege,
      installer: pending.installer,
      active: true,
      state: pending.state,
    };
    const { token, expiresIn } = state.issueToken('corp', corp.corpid);
    const installer = state.user(corp, pending.installer);
    ok(ctx, {
      access_token: token,
      expires_in: expiresIn,
      permanent_code: corp.auth.permanentCode,
      ...authInfo(state, corp),
      auth_user_info: installer ? { userid: installer.userid, open_userid: installer.openUserid } : {},
      state: pending.state,
    });
  });

  router.post('/get_auth_info', suite, (ctx) => {
    const corp = authorizedCorp(state, ctx);
    if (corp) ok(ctx, authInfo(state, corp));
  });

  router.post('/get_corp_token', suite, (ctx) => {
    const corp = authorizedCorp(state, ctx);
    if (!corp) return;
    const { token, expiresIn } = state.issueToken('corp', corp.corpid);
    ok(ctx, { access_token: token, expires_in: expiresIn });
  });

  router.post('/get_admin_list', suite, (ctx) => {
    const body = jsonBody(ctx);
    const corp = state.corp(String(body.auth_corpid ?? ''));
    if (!corp?.auth?.active) return fail(ctx, 40084);
    if (Number(body.agentid) !== corp.auth.agentid) return fail(ctx, 301002);
    const admin = corp.admins
      .map((id) => state.user(corp, id))
      .filter((u) => u !== undefined)
      .map((u) => ({ userid: u.userid, open_userid: u.openUserid, auth_type: 1 }));
    ok(ctx, { admin });
  });

  // 通讯录单个搜索: the one way a third-party app finds people by name (it never receives names).
  // Fuzzy on the name (exact with full_match_field 1); only people inside the app's visible range.
  router.post('/contact/search', requireToken(state, 'provider'), (ctx) => {
    const body = jsonBody(ctx);
    const corp = state.corp(String(body.auth_corpid ?? ''));
    if (!corp) return fail(ctx, 40086);
    if (!corp.auth?.active) return fail(ctx, 40084);
    if (body.agentid !== undefined && Number(body.agentid) !== 0 && Number(body.agentid) !== corp.auth.agentid) return fail(ctx, 301002);
    const word = typeof body.query_word === 'string' ? body.query_word.trim().toLowerCase() : '';
    if (!word) return fail(ctx, 44004);
    const type = Number(body.query_type ?? 0);
    const offset = Math.max(0, Number(body.offset ?? 0) || 0);
    const limit = Math.min(200, Math.max(1, Number(body.limit ?? 50) || 50));
    const exact = Number(body.full_match_field ?? 0) === 1;
    const matches = (name: string) => (exact ? name.toLowerCase() === word : name.toLowerCase().includes(word));
    const visible = state.visibleDepts(corp);
    const users = type === 2 ? [] : [...corp.users.values()].filter((u) => u.status !== 5 && state.userVisible(corp, u, visible) && matches(u.name));
    const parties = type === 1 ? [] : [...corp.depts.values()].filter((d) => visible.has(d.id) && matches(d.name));
    const page = users.slice(offset, offset + limit);
    ok(ctx, {
      query_result: { user: { userid: page.map((u) => u.userid), open_userid: page.map((u) => u.openUserid) }, party: { department_id: parties.slice(0, limit).map((d) => d.id) } },
      is_last: offset + limit >= users.length,
    });
  });

  return router;
}

/** The corp named by auth_corpid, if permanent_code is the one it granted (else answers 40084). */
function authorizedCorp(state: SandboxState, ctx: Context): Corp | null {
  const body = jsonBody(ctx);
  const corp = state.corp(String(body.auth_corpid ?? ''));
  if (!corp) throw new HostError(40086);
  if (!corp.auth?.active || corp.auth.permanentCode !== body.permanent_code) {
    fail(ctx, 40084);
    return null;
  }
  return corp;
}

function authInfo(state: SandboxState, corp: Corp) {
  const auth = corp.auth!;
  const users = auth.privilege.allow_user.map((id) => state.user(corp, id)?.userid).filter(Boolean);
  return {
    auth_corp_info: {
      corpid: corp.corpid,
      corp_name: corp.name,
      corp_type: 'verified',
      corp_user_max: 100_000,
      subject_type: 1,
      corp_scale: '1000人以上',
      corp_industry: 'IT服务',
      corp_sub_industry: '计算机软件/硬件/信息服务',
    },
    auth_info: {
      agent: [
        {
          agentid: auth.agentid,
          name: '企学',
          auth_mode: 0,
          is_customized_app: false,
          privilege: { ...auth.privilege, allow_user: users },
        },
      ],
    },
  };
}
