/**
 * The contact API as a third-party app sees it: only what lies inside the app's visible range
 * (outside → 60011), ids as ciphertext (userid) and open_userid, and no names, mobiles or emails.
 */
import Router from '@koa/router';
import type { Context } from 'koa';
import { fail, ok, requireToken } from '../host-api';
import type { Corp, Dept, SandboxState, User } from '../state';

export function directoryRoutes(state: SandboxState): Router {
  const router = new Router({ prefix: '/cgi-bin' });
  const corpToken = requireToken(state, 'corp');
  const corpOf = (ctx: Context) => ctx.state.corp as Corp;

  const deptOut = (d: Dept, leaders: Map<number, string[]>) => ({
    id: d.id,
    // The root of what an app sees has a parent it cannot see; the host still reports its id.
    parentid: d.parentid,
    order: d.order,
    department_leader: leaders.get(d.id) ?? [],
  });
  const leadersOf = (corp: Corp) => {
    const leaders = new Map<number, string[]>();
    for (const u of corp.users.values()) {
      u.department.forEach((d, i) => {
        if (u.isLeaderInDept[i] === 1) leaders.set(d, [...(leaders.get(d) ?? []), u.userid]);
      });
    }
    return leaders;
  };

  /** The department and its visible subtree, or every visible department without an id. */
  function subtree(ctx: Context): Dept[] | null {
    const corp = corpOf(ctx);
    const visible = state.visibleDepts(corp);
    const id = ctx.query.id === undefined || ctx.query.id === '' ? null : Number(ctx.query.id);
    if (id === null) return [...visible].sort((a, b) => a - b).map((d) => corp.depts.get(d)!);
    if (!corp.depts.has(id)) {
      fail(ctx, 60123);
      return null;
    }
    if (!visible.has(id)) {
      fail(ctx, 60011);
      return null;
    }
    const children = state.childrenIndex(corp);
    const out: Dept[] = [];
    const stack = [id];
    while (stack.length) {
      const d = stack.pop()!;
      if (!visible.has(d)) continue;
      out.push(corp.depts.get(d)!);
      stack.push(...(children.get(d) ?? []));
    }
    return out.sort((a, b) => a.id - b.id);
  }

  router.get('/department/simplelist', corpToken, (ctx) => {
    const depts = subtree(ctx);
    if (depts) ok(ctx, { department_id: depts.map((d) => ({ id: d.id, parentid: d.parentid, order: d.order })) });
  });

  router.get('/department/list', corpToken, (ctx) => {
    const depts = subtree(ctx);
    if (!depts) return;
    const leaders = leadersOf(corpOf(ctx));
    ok(ctx, { department: depts.map((d) => deptOut(d, leaders)) });
  });

  router.get('/department/get', corpToken, (ctx) => {
    const corp = corpOf(ctx);
    const dept = corp.depts.get(Number(ctx.query.id));
    if (!dept) return fail(ctx, 60123);
    const visible = state.visibleDepts(corp);
    if (!visible.has(dept.id)) return fail(ctx, 60011);
    ok(ctx, { department: deptOut(dept, leadersOf(corp)) });
  });

  const userOut = (u: User, full: boolean) =>
    full
      ? {
          userid: u.userid,
          open_userid: u.openUserid,
          department: u.department,
          order: u.order,
          is_leader_in_dept: u.isLeaderInDept,
          main_department: u.mainDepartment,
          status: u.status,
        }
      : { userid: u.userid, department: u.department, open_userid: u.openUserid };

  router.get('/user/get', corpToken, (ctx) => {
    const corp = corpOf(ctx);
    const user = state.user(corp, String(ctx.query.userid ?? ''));
    // Apps address members by the ids they were given, never by the corp's own id.
    if (!user || user.internalId === ctx.query.userid) return fail(ctx, 60111);
    if (!state.userVisible(corp, user)) return fail(ctx, 60011);
    ok(ctx, userOut(user, true));
  });

  function membersOf(ctx: Context, full: boolean) {
    const corp = corpOf(ctx);
    const id = Number(ctx.query.department_id);
    if (!corp.depts.has(id)) return fail(ctx, 60123);
    const visible = state.visibleDepts(corp);
    if (!visible.has(id)) return fail(ctx, 60011);
    ok(ctx, { userlist: state.membersOf(corp, id).map((u) => userOut(u, full)) });
  }

  router.get('/user/simplelist', corpToken, (ctx) => membersOf(ctx, false));
  router.get('/user/list', corpToken, (ctx) => membersOf(ctx, true));

  router.get('/tag/list', corpToken, (ctx) => {
    const corp = corpOf(ctx);
    const allowed = corp.auth!.privilege.allow_tag;
    ok(ctx, { taglist: allowed.map((id) => corp.tags.get(id)).filter(Boolean).map((t) => ({ tagid: t!.tagid, tagname: t!.tagname })) });
  });

  router.get('/tag/get', corpToken, (ctx) => {
    const corp = corpOf(ctx);
    const tag = corp.tags.get(Number(ctx.query.tagid));
    if (!tag) return fail(ctx, 40068);
    if (!corp.auth!.privilege.allow_tag.includes(tag.tagid)) return fail(ctx, 60011);
    const users = [...tag.users].map((id) => corp.users.get(id)).filter((u): u is User => Boolean(u));
    ok(ctx, { tagname: tag.tagname, userlist: users.map((u) => ({ userid: u.userid })), partylist: [...tag.parties] });
  });

  return router;
}
