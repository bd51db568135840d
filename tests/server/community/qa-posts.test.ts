/** Q&A and posts through HTTP: publish → screened (publish / held / refused), answers, accept, follow, likes, @mentions, knowledge-base comments. */
import { startTestApp, bearer, staff, type TestApp } from '../../support/test-app';
import { createMember, createTenant } from '../../factories';
import { createKbNode, createSpace, grantKb } from '../../factories/knowledge';

let t: TestApp;
beforeAll(async () => (t = await startTestApp()));
afterAll(() => t.close());

async function setup() {
  const tenant = await createTenant(t);
  const asker = await createMember(t, tenant.id);
  const colleague = await createMember(t, tenant.id);
  const third = await createMember(t, tenant.id);
  const admin = bearer(tenant.admin.token);
  return { tenant, asker, colleague, third, admin };
}

const inbox = async (memberId: string) => t.deps.db.prisma.notification.findMany({ where: { memberId }, orderBy: { createdAt: 'asc' } });

describe('questions and answers', () => {
  it('asks, answers, accepts and follows; followers and @mentioned colleagues hear of it', async () => {
    const s = await setup();
    const asked = await t.http.post('/api/v1/community/posts').set(bearer(s.asker.token))
      .send({ kind: 'question', title: '报销<script>alert(1)</script>流程？', body: '差旅报销找谁 @同事', mentionIds: [s.third.id] }).expect(201);
    const q = asked.body.post;
    expect(q).toMatchObject({ kind: 'question', status: 'published', title: '报销流程？', authorId: s.asker.id, mine: true, mentionIds: [s.third.id] });
    expect((await inbox(s.third.id)).map((n) => n.kind)).toEqual(['community.mention']);

    await t.http.put(`/api/v1/community/posts/${q.id}/follow`).set(bearer(s.third.token)).expect(200);
    const answered = await t.http.post(`/api/v1/community/posts/${q.id}/replies`).set(bearer(s.colleague.token)).send({ body: '找财务部小王' }).expect(201);
    const answer = answered.body.reply;
    expect(answer).toMatchObject({ status: 'published', body: '找财务部小王', authorId: s.colleague.id });
    // The asker (following their own question) and the follower hear of the answer; the one who answered does not.
    expect((await inbox(s.asker.id)).map((n) => n.kind)).toEqual(['community.answer']);
    expect((await inbox(s.third.id)).map((n) => n.kind)).toEqual(['community.mention', 'community.answer']);
    expect(await inbox(s.colleague.id)).toEqual([]);

    await t.http.put(`/api/v1/community/posts/${q.id}/accepted-answer`).set(bearer(s.colleague.token)).send({ replyId: answer.id }).expect(403);
    const accepted = await t.http.put(`/api/v1/community/posts/${q.id}/accepted-answer`).set(bearer(s.asker.token)).send({ replyId: answer.id }).expect(200);
    expect(accepted.body.post.acceptedAnswerId).toBe(answer.id);

    await t.http.put(`/api/v1/community/replies/${answer.id}/like`).set(bearer(s.third.token)).expect(200);
    const liked = await t.http.put(`/api/v1/community/replies/${answer.id}/like`).set(bearer(s.third.token)).expect(200);
    expect(liked.body).toEqual({ liked: true, likes: 1 });
    const shown = await t.http.get(`/api/v1/community/posts/${q.id}`).set(bearer(s.third.token)).expect(200);
    expect(shown.body.post).toMatchObject({ replyCount: 1, following: true, mine: false });
    expect(shown.body.replies).toEqual([expect.objectContaining({ id: answer.id, accepted: true, liked: true, likeCount: 1 })]);

    const list = await t.http.get('/api/v1/community/posts?kind=question').set(bearer(s.colleague.token)).expect(200);
    expect(list.body.items.map((p: { id: string }) => p.id)).toEqual([q.id]);
    expect((await t.http.get('/api/v1/community/posts?q=报销').set(bearer(s.colleague.token)).expect(200)).body.items).toHaveLength(1);
    expect((await t.http.get('/api/v1/community/posts?q=无关').set(bearer(s.colleague.token)).expect(200)).body.items).toHaveLength(0);
  });

  it('posts go in a board; comments, likes; the author deletes (soft, text kept)', async () => {
    const s = await setup();
    await t.http.post('/api/v1/admin/community/boards').set(bearer(s.asker.token)).send({ name: '闲聊' }).expect(403);
    const board = (await t.http.post('/api/v1/admin/community/boards').set(s.admin).send({ name: '闲聊', description: '随便聊聊' }).expect(201)).body.board;
    await t.http.post('/api/v1/admin/community/boards').set(s.admin).send({ name: '闲聊' }).expect(409);
    expect((await t.http.get('/api/v1/community/boards').set(bearer(s.asker.token)).expect(200)).body.items).toEqual([{ id: board.id, name: '闲聊', description: '随便聊聊' }]);
    await t.http.post('/api/v1/community/posts').set(bearer(s.asker.token)).send({ kind: 'post', title: '无版块', body: 'x' }).expect(400);

    const post = (await t.http.post('/api/v1/community/posts').set(bearer(s.asker.token)).send({ kind: 'post', boardId: board.id, title: '周末爬山', body: '有人一起吗' }).expect(201)).body.post;
    const comment = (await t.http.post(`/api/v1/community/posts/${post.id}/replies`).set(bearer(s.colleague.token)).send({ body: '我去' }).expect(201)).body.reply;
    await t.http.post(`/api/v1/community/posts/${post.id}/replies`).set(bearer(s.third.token)).send({ body: '+1', parentId: comment.id }).expect(201);
    await t.http.post(`/api/v1/community/posts/${post.id}/replies`).set(bearer(s.third.token)).send({ body: '孤儿', parentId: 'nope' }).expect(400);
    await t.http.put(`/api/v1/community/posts/${post.id}/follow`).set(bearer(s.third.token)).expect(400);
    expect((await t.http.put(`/api/v1/community/posts/${post.id}/like`).set(bearer(s.colleague.token)).expect(200)).body.likes).toBe(1);
    expect((await t.http.delete(`/api/v1/community/posts/${post.id}/like`).set(bearer(s.colleague.token)).expect(200)).body).toEqual({ liked: false, likes: 0 });

    await t.http.delete(`/api/v1/community/replies/${comment.id}`).set(bearer(s.third.token)).expect(403);
    await t.http.delete(`/api/v1/community/posts/${post.id}`).set(bearer(s.colleague.token)).expect(403);
    await t.http.delete(`/api/v1/community/posts/${post.id}`).set(bearer(s.asker.token)).expect(204);
    await t.http.get(`/api/v1/community/posts/${post.id}`).set(bearer(s.asker.token)).expect(404);
    const row = await t.deps.db.prisma.communityPost.findUnique({ where: { id: post.id } });
    expect(row).toMatchObject({ status: 'deleted', body: '有人一起吗' });
  });
});

describe('search', () => {
  it('reads the query as the knowledge base does: every term, in the title or the text, in any order; full-width and case folded; wildcards are not terms', async () => {
    const s = await setup();
    const as = bearer(s.asker.token);
    const post = (title: string, body: string) => t.http.post('/api/v1/community/posts').set(as).send({ kind: 'question', title, body }).expect(201);
    const a = (await post('新员工的年假怎么计算？', '入职不满一年按月折算')).body.post;
    const b = (await post('Excel 报表模板', '月度年假统计用的 Excel')).body.post;
    await post('100% 完成率', '无关内容');
    const find = async (q: string) => (await t.http.get('/api/v1/community/posts').query({ q }).set(bearer(s.colleague.token)).expect(200)).body.items.map((p: { id: string }) => p.id);
    expect(await find('年假 折算')).toEqual([a.id]);
    expect(await find('折算，年假')).toEqual([a.id]);
    expect((await find('年假')).sort()).toEqual([a.id, b.id].sort());
    expect(await find('ＥＸＣＥＬ 统计')).toEqual([b.id]);
    expect(await find('年假 不存在的词')).toEqual([]);
    expect(await find('%')).toEqual([]);
    expect(await find('_ %')).toEqual([]);
  });
});

describe('screening before publishing', () => {
  it('publishes clean text, holds review words for the queue, refuses prohibited words, markers and bad links with a clear reason', async () => {
    const s = await setup();
    await t.http.post('/api/v1/admin/moderation/words').set(s.admin).send({ word: '加微信', action: 'review' }).expect(201);
    await t.http.post('/api/v1/admin/moderation/words').set(s.admin).send({ word: '代开发票', action: 'refuse' }).expect(201);

    const held = await t.http.post('/api/v1/community/posts').set(bearer(s.asker.token)).send({ kind: 'question', title: '问个事', body: '详情加 微 信' }).expect(201);
    expect(held.body.post).toMatchObject({ status: 'held', heldReason: expect.stringContaining('加微信') });
    // Others do not see it; the author does.
    await t.http.get(`/api/v1/community/posts/${held.body.post.id}`).set(bearer(s.colleague.token)).expect(404);
    await t.http.get(`/api/v1/community/posts/${held.body.post.id}`).set(bearer(s.asker.token)).expect(200);
    expect((await t.http.get('/api/v1/community/posts').set(bearer(s.colleague.token)).expect(200)).body.items).toEqual([]);
    expect((await t.http.get('/api/v1/community/posts?mine=true').set(bearer(s.asker.token)).expect(200)).body.items).toHaveLength(1);
    const queue = await t.http.get('/api/v1/admin/moderation/cases?kind=screening').set(s.admin).expect(200);
    expect(queue.body.items).toEqual([expect.objectContaining({ kind: 'screening', targetType: 'question', targetId: held.body.post.id, subjectId: s.asker.id })]);

    const refused = await t.http.post('/api/v1/community/posts').set(bearer(s.asker.token)).send({ kind: 'question', title: '代开发票', body: '' }).expect(422);
    expect(refused.body.error).toMatchObject({ code: 'sensitive_content', message: expect.stringMatching(/代开发票.* \/ .*prohibited/) });
    const classified = await t.http.post('/api/v1/community/posts').set(bearer(s.asker.token)).send({ kind: 'question', title: '计划', body: '【机密】明年预算' }).expect(422);
    expect(classified.body.error.code).toBe('classified_content');
    const link = await t.http.post('/api/v1/community/posts').set(bearer(s.asker.token)).send({ kind: 'question', title: '看这个', body: 'javascript:alert(1)' }).expect(422);
    expect(link.body.error.code).toBe('link_not_allowed');
    // Refused texts are kept as evidence, never published.
    expect(await t.deps.db.prisma.moderationEvidence.count({ where: { tenantId: s.tenant.id, event: 'screening_refused' } })).toBe(3);
    expect(await t.deps.db.prisma.communityPost.count({ where: { tenantId: s.tenant.id } })).toBe(1);

    await t.http.put('/api/v1/admin/moderation/settings').set(s.admin).send({ linkDomains: ['https://Qixue.example/x'] }).expect(200);
    await t.http.put('/api/v1/admin/moderation/settings').set(s.admin).send({ linkDomains: ['not a domain'] }).expect(400);
    const ok = await t.http.post('/api/v1/community/posts').set(bearer(s.asker.token)).send({ kind: 'question', title: '文档', body: '见 https://docs.qixue.example/a' }).expect(201);
    expect(ok.body.post.status).toBe('published');
    const elsewhere = await t.http.post('/api/v1/community/posts').set(bearer(s.asker.token)).send({ kind: 'question', title: '外链', body: '见 https://elsewhere.example/a' }).expect(201);
    expect(elsewhere.body.post.status).toBe('held');
  });

  it('the platform list applies to every enterprise; another enterprise\'s words do not', async () => {
    const s = await setup();
    const other = await setup();
    await t.http.post('/api/v1/admin/moderation/words').set(other.admin).send({ word: '只在别家', action: 'refuse' }).expect(201);
    await t.http.post('/api/v1/community/posts').set(bearer(s.asker.token)).send({ kind: 'question', title: '只在别家', body: '' }).expect(201);
    const word = `平台词${Date.now()}`;
    const added = await t.http.post('/platform/v1/sensitive-words').set(staff()).send({ word, action: 'refuse' }).expect(201);
    try {
      await t.http.post('/api/v1/community/posts').set(bearer(s.asker.token)).send({ kind: 'question', title: word, body: '' }).expect(422);
      await t.http.post('/api/v1/community/posts').set(bearer(other.asker.token)).send({ kind: 'question', title: word, body: '' }).expect(422);
    } finally {
      await t.http.delete(`/platform/v1/sensitive-words/${added.body.word.id}`).set(staff()).expect(204);
    }
  });

  it('imports the word list from a spreadsheet: all rows or none', async () => {
    const ExcelJS = (await import('exceljs')).default;
    const s = await setup();
    const book = new ExcelJS.Workbook();
    const ws = book.addWorksheet('词库');
    ws.addRow(['词语', '处理']);
    ws.addRow(['刷单', '拒绝']);
    ws.addRow(['ＶＸ', '审核']);
    ws.addRow(['vx', '']);
    const good = Buffer.from(await book.xlsx.writeBuffer());
    const imported = await t.http.post('/api/v1/admin/moderation/words/import').set(s.admin).set('Content-Type', 'application/octet-stream').send(good).expect(201);
    expect(imported.body).toEqual({ rows: 2, added: 2 });
    expect((await t.http.post('/api/v1/admin/moderation/words/import').set(s.admin).set('Content-Type', 'application/octet-stream').send(good).expect(201)).body.added).toBe(0);
    ws.addRow(['坏行', '随便']);
    const bad = Buffer.from(await book.xlsx.writeBuffer());
    const refused = await t.http.post('/api/v1/admin/moderation/words/import').set(s.admin).set('Content-Type', 'application/octet-stream').send(bad).expect(400);
    expect(refused.body.error.details.problems[0].row).toBe(5);
    await t.http.post('/api/v1/admin/moderation/words/import').set(s.admin).set('Content-Type', 'application/octet-stream').send(Buffer.from('not excel')).expect(400);
    await t.http.post('/api/v1/admin/moderation/words/import').set(bearer(s.asker.token)).set('Content-Type', 'application/octet-stream').send(good).expect(403);
    const list = await t.http.get('/api/v1/admin/moderation/words').set(s.admin).expect(200);
    expect(list.body.items.map((w: { word: string }) => w.word).sort()).toEqual(['vx', '刷单']);
    expect((await t.http.post('/api/v1/community/posts').set(bearer(s.asker.token)).send({ kind: 'question', title: '加我V X', body: '' }).expect(201)).body.post.status).toBe('held');
    const audits = await t.deps.db.prisma.auditLog.findMany({ where: { tenantId: s.tenant.id, action: 'moderation.word.import' } });
    expect(audits).toHaveLength(2);
  });

  it('knowledge-base comments take the same path: held, refused, moderated', async () => {
    const s = await setup();
    const space = await createSpace(t, s.tenant.admin.token);
    await grantKb(t, s.tenant.admin.token, { space: space.id }, { subjectKind: 'enterprise', role: 'viewer' });
    const doc = await createKbNode(t, s.tenant.admin.token, space.id, { title: '制度', body: '<p>正文</p>' });
    await t.http.post('/api/v1/admin/moderation/words').set(s.admin).send({ word: '加微信', action: 'review' }).expect(201);
    const held = await t.http.post(`/api/v1/docs/${doc.id}/comments`).set(bearer(s.asker.token)).send({ body: '不懂加微信问' }).expect(201);
    expect(held.body.comment).toMatchObject({ status: 'held', heldReason: expect.stringContaining('加微信') });
    expect((await t.http.get(`/api/v1/docs/${doc.id}/comments`).set(bearer(s.colleague.token)).expect(200)).body.items).toEqual([]);
    expect((await t.http.get(`/api/v1/docs/${doc.id}/comments`).set(bearer(s.asker.token)).expect(200)).body.items).toHaveLength(1);
    const c = (await t.http.get('/api/v1/admin/moderation/cases?kind=screening').set(s.admin).expect(200)).body.items[0];
    await t.http.post(`/api/v1/admin/moderation/cases/${c.id}/decision`).set(s.admin).send({ action: 'restore', reason: '正常咨询' }).expect(200);
    expect((await t.http.get(`/api/v1/docs/${doc.id}/comments`).set(bearer(s.colleague.token)).expect(200)).body.items[0]).toMatchObject({ body: '不懂加微信问', deleted: false });
  });
});
