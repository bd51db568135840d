/**
 * Every community and moderation route: unauthenticated → 401, invalid input → 400, another
 * enterprise → 404 (row unchanged), and fuzzed bodies (wrong types, huge strings, __proto__,
 * malformed JSON) → 4xx in the error envelope, never 5xx.
 */
import { startTestApp, bearer, staff, type TestApp } from '../../support/test-app';
import { createMember, createTenant } from '../../factories';
import { expectOtherTenantGets404, type ForeignRequest } from '../../support/isolation';

let t: TestApp;
beforeAll(async () => (t = await startTestApp()));
afterAll(() => t.close());

const LONG = 'x'.repeat(65);

async function fixture() {
  const a = await createTenant(t);
  const tok = a.admin.token;
  const member = await createMember(t, a.id);
  const other = await createMember(t, a.id);
  const board = (await t.http.post('/api/v1/admin/community/boards').set(bearer(tok)).send({ name: '版块' }).expect(201)).body.board;
  const post = (await t.http.post('/api/v1/community/posts').set(bearer(member.token)).send({ kind: 'question', title: '问题', body: '内容' }).expect(201)).body.post;
  const reply = (await t.http.post(`/api/v1/community/posts/${post.id}/replies`).set(bearer(other.token)).send({ body: '回答' }).expect(201)).body.reply;
  await t.http.post('/api/v1/community/reports').set(bearer(other.token)).send({ targetType: 'question', targetId: post.id, reason: 'spam' }).expect(201);
  const kase = (await t.http.get('/api/v1/admin/moderation/cases').set(bearer(tok)).expect(200)).body.items[0];
  const penalty = (await t.http.post('/api/v1/admin/moderation/penalties').set(bearer(tok)).send({ memberId: other.id, kind: 'warning', reason: '提醒' }).expect(201)).body.penalty;
  const ban = (await t.http.post('/api/v1/admin/moderation/ip-bans').set(bearer(tok)).send({ ip: '10.1.2.3', reason: '灌水' }).expect(201)).body.ipBan;
  const word = (await t.http.post('/api/v1/admin/moderation/words').set(bearer(tok)).send({ word: '某词' }).expect(201)).body.word;
  return { a, tok, member, other, board, post, reply, kase, penalty, ban, word };
}

type F = Awaited<ReturnType<typeof fixture>>;
interface Route {
  request: (f: F) => ForeignRequest;
  invalid?: (f: F) => ForeignRequest;
  row?: (f: F) => () => Promise<unknown>;
  foreign?: boolean;
}

const postRow = (f: F) => () => t.deps.db.prisma.communityPost.findUnique({ where: { id: f.post.id } });
const replyRow = (f: F) => () => t.deps.db.prisma.communityReply.findUnique({ where: { id: f.reply.id } });
const caseRow = (f: F) => () => t.deps.db.prisma.moderationCase.findUnique({ where: { id: f.kase.id } });
const penaltyRow = (f: F) => () => t.deps.db.prisma.memberPenalty.findUnique({ where: { id: f.penalty.id } });
const memberRow = (f: F) => () => t.deps.db.prisma.member.findUnique({ where: { id: f.other.id } });

const ROUTES: Record<string, Route> = {
  'GET /community/boards': { request: () => ({ method: 'get', url: '/api/v1/community/boards' }), foreign: false },
  'POST /admin/community/boards': { request: () => ({ method: 'post', url: '/api/v1/admin/community/boards', body: { name: '新' } }), invalid: () => ({ method: 'post', url: '/api/v1/admin/community/boards', body: { name: 5 } }), foreign: false },
  'GET /community/posts': { request: () => ({ method: 'get', url: '/api/v1/community/posts' }), invalid: () => ({ method: 'get', url: '/api/v1/community/posts?kind=x' }), foreign: false },
  'POST /community/posts (post in a board)': { request: (f) => ({ method: 'post', url: '/api/v1/community/posts', body: { kind: 'post', boardId: f.board.id, title: 't' } }), invalid: () => ({ method: 'post', url: '/api/v1/community/posts', body: { kind: 'x', title: 't' } }) },
  'POST /community/posts (@mention)': { request: (f) => ({ method: 'post', url: '/api/v1/community/posts', body: { kind: 'question', title: 't', mentionIds: [f.member.id] } }), invalid: () => ({ method: 'post', url: '/api/v1/community/posts', body: { kind: 'question', title: 't', mentionIds: 'x' } }) },
  'GET /community/colleagues': { request: () => ({ method: 'get', url: '/api/v1/community/colleagues?q=%E5%90%8C' }), invalid: () => ({ method: 'get', url: `/api/v1/community/colleagues?q=${'名'.repeat(65)}` }), foreign: false },
  'GET /community/posts/:id': { request: (f) => ({ method: 'get', url: `/api/v1/community/posts/${f.post.id}` }), invalid: () => ({ method: 'get', url: `/api/v1/community/posts/${LONG}` }) },
  'DELETE /community/posts/:id': { request: (f) => ({ method: 'delete', url: `/api/v1/community/posts/${f.post.id}` }), invalid: () => ({ method: 'delete', url: `/api/v1/community/posts/${LONG}` }), row: postRow },
  'POST /community/posts/:id/replies': { request: (f) => ({ method: 'post', url: `/api/v1/community/posts/${f.post.id}/replies`, body: { body: '外人' } }), invalid: (f) => ({ method: 'post', url: `/api/v1/community/posts/${f.post.id}/replies`, body: { body: '' } }), row: postRow },
  'DELETE /community/replies/:id': { request: (f) => ({ method: 'delete', url: `/api/v1/community/replies/${f.reply.id}` }), invalid: () => ({ method: 'delete', url: `/api/v1/community/replies/${LONG}` }), row: replyRow },
  'PUT /community/posts/:id/accepted-answer': { request: (f) => ({ method: 'put', url: `/api/v1/community/posts/${f.post.id}/accepted-answer`, body: { replyId: f.reply.id } }), invalid: (f) => ({ method: 'put', url: `/api/v1/community/posts/${f.post.id}/accepted-answer`, body: {} }), row: postRow },
  'PUT /community/posts/:id/like': { request: (f) => ({ method: 'put', url: `/api/v1/community/posts/${f.post.id}/like` }), invalid: () => ({ method: 'put', url: `/api/v1/community/posts/${LONG}/like` }), row: postRow },
  'DELETE /community/posts/:id/like': { request: (f) => ({ method: 'delete', url: `/api/v1/community/posts/${f.post.id}/like` }), invalid: () => ({ method: 'delete', url: `/api/v1/community/posts/${LONG}/like` }), row: postRow },
  'PUT /community/replies/:id/like': { request: (f) => ({ method: 'put', url: `/api/v1/community/replies/${f.reply.id}/like` }), invalid: () => ({ method: 'put', url: `/api/v1/community/replies/${LONG}/like` }), row: replyRow },
  'DELETE /community/replies/:id/like': { request: (f) => ({ method: 'delete', url: `/api/v1/community/replies/${f.reply.id}/like` }), invalid: () => ({ method: 'delete', url: `/api/v1/community/replies/${LONG}/like` }), row: replyRow },
  'PUT /community/posts/:id/follow': { request: (f) => ({ method: 'put', url: `/api/v1/community/posts/${f.post.id}/follow` }), invalid: () => ({ method: 'put', url: `/api/v1/community/posts/${LONG}/follow` }) },
  'DELETE /community/posts/:id/follow': { request: (f) => ({ method: 'delete', url: `/api/v1/community/posts/${f.post.id}/follow` }), invalid: () => ({ method: 'delete', url: `/api/v1/community/posts/${LONG}/follow` }) },
  'POST /community/reports': { request: (f) => ({ method: 'post', url: '/api/v1/community/reports', body: { targetType: 'answer', targetId: f.reply.id, reason: 'spam' } }), invalid: (f) => ({ method: 'post', url: '/api/v1/community/reports', body: { targetType: 'answer', targetId: f.reply.id, reason: 'nope' } }), row: caseRow },
  'POST /community/reports (member)': { request: (f) => ({ method: 'post', url: '/api/v1/community/reports', body: { targetType: 'member', targetId: f.other.id, reason: 'harassment' } }), invalid: (f) => ({ method: 'post', url: '/api/v1/community/reports', body: { targetType: 'user', targetId: f.other.id, reason: 'spam' } }) },
  'GET /community/penalties': { request: () => ({ method: 'get', url: '/api/v1/community/penalties' }), foreign: false },
  'GET /community/appeals': { request: () => ({ method: 'get', url: '/api/v1/community/appeals' }), foreign: false },
  'POST /community/appeals': { request: (f) => ({ method: 'post', url: '/api/v1/community/appeals', body: { targetType: 'penalty', targetId: f.penalty.id, text: '申诉' } }), invalid: (f) => ({ method: 'post', url: '/api/v1/community/appeals', body: { targetType: 'penalty', targetId: f.penalty.id } }), row: penaltyRow },
  'GET /admin/moderation/cases': { request: () => ({ method: 'get', url: '/api/v1/admin/moderation/cases' }), invalid: () => ({ method: 'get', url: '/api/v1/admin/moderation/cases?status=x' }), foreign: false },
  'GET /admin/moderation/cases/:id': { request: (f) => ({ method: 'get', url: `/api/v1/admin/moderation/cases/${f.kase.id}` }), invalid: () => ({ method: 'get', url: `/api/v1/admin/moderation/cases/${LONG}` }) },
  'POST /admin/moderation/cases/:id/decision': { request: (f) => ({ method: 'post', url: `/api/v1/admin/moderation/cases/${f.kase.id}/decision`, body: { action: 'hide', reason: 'x' } }), invalid: (f) => ({ method: 'post', url: `/api/v1/admin/moderation/cases/${f.kase.id}/decision`, body: { action: 'burn', reason: 'x' } }), row: caseRow },
  'GET /admin/moderation/penalties': { request: () => ({ method: 'get', url: '/api/v1/admin/moderation/penalties' }), invalid: () => ({ method: 'get', url: '/api/v1/admin/moderation/penalties?status=x' }), foreign: false },
  'POST /admin/moderation/penalties': { request: (f) => ({ method: 'post', url: '/api/v1/admin/moderation/penalties', body: { memberId: f.other.id, reason: 'x' } }), invalid: (f) => ({ method: 'post', url: '/api/v1/admin/moderation/penalties', body: { memberId: f.other.id, kind: 'ban', reason: 'x' } }), row: memberRow },
  'POST /admin/moderation/penalties/:id/revoke': { request: (f) => ({ method: 'post', url: `/api/v1/admin/moderation/penalties/${f.penalty.id}/revoke`, body: { reason: 'x' } }), invalid: (f) => ({ method: 'post', url: `/api/v1/admin/moderation/penalties/${f.penalty.id}/revoke`, body: {} }), row: penaltyRow },
  'GET /admin/moderation/ip-bans': { request: () => ({ method: 'get', url: '/api/v1/admin/moderation/ip-bans' }), foreign: false },
  'POST /admin/moderation/ip-bans': { request: () => ({ method: 'post', url: '/api/v1/admin/moderation/ip-bans', body: { ip: '10.0.0.1', reason: 'x' } }), invalid: () => ({ method: 'post', url: '/api/v1/admin/moderation/ip-bans', body: { ip: '999.1.1.1', reason: 'x' } }), foreign: false },
  'DELETE /admin/moderation/ip-bans/:id': { request: (f) => ({ method: 'delete', url: `/api/v1/admin/moderation/ip-bans/${f.ban.id}` }), invalid: () => ({ method: 'delete', url: `/api/v1/admin/moderation/ip-bans/${LONG}` }), row: (f) => () => t.deps.db.prisma.ipBan.findUnique({ where: { id: f.ban.id } }) },
  'GET /admin/moderation/words': { request: () => ({ method: 'get', url: '/api/v1/admin/moderation/words' }), invalid: () => ({ method: 'get', url: '/api/v1/admin/moderation/words?limit=0' }), foreign: false },
  'POST /admin/moderation/words': { request: () => ({ method: 'post', url: '/api/v1/admin/moderation/words', body: { word: '词' } }), invalid: () => ({ method: 'post', url: '/api/v1/admin/moderation/words', body: { word: '词', action: 'ban' } }), foreign: false },
  'DELETE /admin/moderation/words/:id': { request: (f) => ({ method: 'delete', url: `/api/v1/admin/moderation/words/${f.word.id}` }), invalid: () => ({ method: 'delete', url: `/api/v1/admin/moderation/words/${LONG}` }), row: (f) => () => t.deps.db.prisma.sensitiveWord.findUnique({ where: { id: f.word.id } }) },
  'POST /admin/moderation/words/import': { request: () => ({ method: 'post', url: '/api/v1/admin/moderation/words/import' }), invalid: () => ({ method: 'post', url: '/api/v1/admin/moderation/words/import' }), foreign: false },
  'GET /admin/moderation/settings': { request: () => ({ method: 'get', url: '/api/v1/admin/moderation/settings' }), foreign: false },
  'PUT /admin/moderation/settings': { request: () => ({ method: 'put', url: '/api/v1/admin/moderation/settings', body: { linkDomains: [] } }), invalid: () => ({ method: 'put', url: '/api/v1/admin/moderation/settings', body: { linkDomains: [1] } }), foreign: false },
};

let f: F;
beforeAll(async () => (f = await fixture()));

describe.each(Object.entries(ROUTES))('%s', (_name, route) => {
  it('401 without a session', async () => {
    const r = route.request(f);
    const res = await t.http[r.method](r.url).send(r.body as object);
    expect([res.status, res.body.error?.code]).toEqual([401, 'unauthenticated']);
  });

  if (route.invalid) {
    it('400 on invalid input', async () => {
      const r = route.invalid!(f);
      const res = await t.http[r.method](r.url).set(bearer(f.tok)).send(r.body as object);
      expect(res.status).toBe(400);
      expect(res.body.error.code).toMatch(/^[a-z_]+$/);
    });
  }

  if (route.foreign !== false) {
    it('404 for another enterprise, row unchanged', async () => {
      await expectOtherTenantGets404(t, route.request(f), route.row?.(f));
    });
  }
});

describe('isolation and fuzz', () => {
  it('another enterprise lists none of this one\'s posts, cases, penalties or words; staff export needs a staff key', async () => {
    const b = await createTenant(t);
    const as = bearer(b.admin.token);
    expect((await t.http.get('/api/v1/community/posts').set(as).expect(200)).body.items).toEqual([]);
    expect((await t.http.get('/api/v1/community/boards').set(as).expect(200)).body.items).toEqual([]);
    expect((await t.http.get('/api/v1/admin/moderation/cases').set(as).expect(200)).body.items).toEqual([]);
    expect((await t.http.get('/api/v1/admin/moderation/penalties').set(as).expect(200)).body.items).toEqual([]);
    expect((await t.http.get('/api/v1/admin/moderation/words').set(as).expect(200)).body.items).toEqual([]);
    // Reporting or penalising across enterprises finds nothing.
    await t.http.post('/api/v1/community/reports').set(as).send({ targetType: 'member', targetId: f.other.id, reason: 'spam' }).expect(404);
    await t.http.post('/api/v1/community/posts').set(as).send({ kind: 'question', title: 'x', mentionIds: [f.other.id] }).expect(404);
    await t.http.get(`/platform/v1/tenants/${f.a.id}/moderation/evidence`).set(as).expect(401);
    await t.http.get('/platform/v1/tenants/nope/moderation/evidence').set(staff()).expect(404);
  });

  it('colleagues are found by name inside the enterprise only; answers name authors and mentioned colleagues by { hostUserId, name }', async () => {
    await t.deps.db.prisma.member.update({ where: { id: f.other.id }, data: { name: '欧阳同事' } });
    const found = (await t.http.get('/api/v1/community/colleagues').query({ q: '欧阳' }).set(bearer(f.member.token)).expect(200)).body.items;
    expect(found).toEqual([{ id: f.other.id, hostUserId: f.other.hostUserId, name: '欧阳同事' }]);
    // Not oneself, and nobody of another enterprise.
    expect((await t.http.get('/api/v1/community/colleagues').query({ q: '欧阳' }).set(bearer(f.other.token)).expect(200)).body.items).toEqual([]);
    const b = await createTenant(t);
    expect((await t.http.get('/api/v1/community/colleagues').query({ q: '欧阳' }).set(bearer(b.admin.token)).expect(200)).body.items).toEqual([]);
    await t.http.get('/api/v1/community/colleagues').query({ q: '%' }).set(bearer(b.admin.token)).expect(200, { items: [] });

    const q = (await t.http.post('/api/v1/community/posts').set(bearer(f.member.token)).send({ kind: 'question', title: '请教', mentionIds: [f.other.id] }).expect(201)).body.post;
    const detail = (await t.http.get(`/api/v1/community/posts/${q.id}`).set(bearer(f.other.token)).expect(200)).body;
    expect(detail.people[f.other.id]).toEqual({ hostUserId: f.other.hostUserId, name: '欧阳同事' });
    expect(detail.people[f.member.id]).toEqual({ hostUserId: f.member.hostUserId, name: null });
    const list = (await t.http.get('/api/v1/community/posts').set(bearer(f.other.token)).expect(200)).body;
    expect(list.people[f.member.id]).toEqual({ hostUserId: f.member.hostUserId, name: null });
    const cases = (await t.http.get('/api/v1/admin/moderation/cases').set(bearer(f.tok)).expect(200)).body;
    expect(cases.people).toEqual(expect.any(Object));
  });

  it.each(['', 'x'.repeat(65), '\u0000', '__proto__'])('fuzz colleagues q %j → 200 or 400 envelope', async (q) => {
    const res = await t.http.get('/api/v1/community/colleagues').query({ q }).set(bearer(f.tok));
    expect(res.status === 200 ? Array.isArray(res.body.items) : res.status === 400 && typeof res.body.error.code === 'string').toBe(true);
  });

  const FUZZ: unknown[] = [
    { kind: 'question', title: 12 },
    { kind: 'question', title: 'x'.repeat(100_000) },
    { kind: 'question', title: 't', body: ['a'] },
    { kind: 'question', title: 't', mentionIds: Array(50).fill('x') },
    JSON.parse('{"__proto__": {"admin": true}, "kind": "question"}'),
    { constructor: { prototype: { x: 1 } } },
    [],
    null,
  ];
  it.each(FUZZ.map((body, i) => [i, body]))('fuzz body %i → 4xx envelope', async (_i, body) => {
    for (const url of ['/api/v1/community/posts', '/api/v1/community/reports', '/api/v1/community/appeals', '/api/v1/admin/moderation/penalties', `/api/v1/admin/moderation/cases/${f.kase.id}/decision`]) {
      const res = await t.http.post(url).set(bearer(f.tok)).send(body as object);
      expect([url, res.status >= 400 && res.status < 500, typeof res.body.error?.code]).toEqual([url, true, 'string']);
    }
  });

  it('malformed JSON → 400 invalid_json', async () => {
    const res = await t.http.post('/api/v1/community/posts').set(bearer(f.tok)).set('Content-Type', 'application/json').send('{"kind": "question", ');
    expect([res.status, res.body.error.code]).toEqual([400, 'invalid_json']);
  });

  it('unicode edge cases are stored as text, never markup', async () => {
    const res = await t.http.post('/api/v1/community/posts').set(bearer(f.member.token)).send({ kind: 'question', title: '<img src=x onerror=alert(1)>标题\u202e', body: '<a href="javascript:x">点</a>\u0000' }).expect(201);
    expect(res.body.post.title).toBe('标题');
    expect(res.body.post.body).toBe('点');
  });
});
