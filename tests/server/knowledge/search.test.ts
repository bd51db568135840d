/**
 * Search recall: Chinese documents and queries of 2, 3 and 4 characters, English words and mixed
 * text. Every expected document is found, nothing the member may not read appears, nothing of
 * another enterprise ever does. Runs on whichever database the suite runs on (SQLite, MariaDB).
 */
import { startTestApp, bearer, type TestApp } from '../../support/test-app';
import { createMember, createTenant } from '../../factories';
import { breakInheritance, createFolder, createKbNode, createSpace, grantKb } from '../../factories/knowledge';
import { parseQuery, textTokens } from '../../../server/src/modules/knowledge/search/tokens';

let t: TestApp;
beforeAll(async () => (t = await startTestApp()));
afterAll(() => t.close());

const DOCS: Record<string, { title: string; body: string; closed?: boolean }> = {
  study: { title: '员工学习制度', body: '<p>为提高员工素质，公司鼓励学习。每年完成<strong>四十学时</strong>培训。</p>' },
  leave: { title: '请假管理办法', body: '<p>年假、病假与事假的申请流程，请在系统中提交。本制度自发布之日起施行。</p>' },
  security: { title: '信息安全管理规定', body: '<p>所有员工须遵守信息安全要求，定期修改密码，不得泄露客户数据。</p>' },
  python: { title: 'Python 入门培训', body: '<p>本课程介绍 Python 编程基础与 Excel 数据处理，适合新员工学习。</p>' },
  okr: { title: 'OKR 绩效考核指南', body: '<p>OKR 与 KPI 结合的绩效考核方法；季度复盘。</p>' },
  travel: { title: '差旅报销', body: '<p>出差住宿标准与报销流程。Taxi receipts are required for reimbursement.</p>' },
  fullwidth: { title: 'ＥＸＣＥＬ技巧', body: '<p>数据透视表的用法。</p>' },
  glued: { title: '数据分析', body: '<p>用Python做分析，rapid prototyping。</p>' },
  closedStudy: { title: '高管学习计划', body: '<p>仅限管理层的学习制度与绩效考核安排。Python</p>', closed: true },
};

const EXPECTED: [string, string[]][] = [
  ['学习', ['study', 'python']],
  ['制度', ['study', 'leave']],
  ['考核', ['okr']],
  ['新员工', ['python']],
  ['四十学时', ['study']],
  ['信息安全', ['security']],
  ['绩效考核', ['okr']],
  ['报销流程', ['travel']],
  ['python', ['python', 'glued']],
  ['PYTHON', ['python', 'glued']],
  ['pyth', ['python', 'glued']],
  // Words match from their start, as indexed: not inside another word.
  ['thon', []],
  ['api', []],
  ['数据 api', []],
  ['数据 rap', ['glued']],
  ['excel', ['python', 'fullwidth']],
  ['reimbursement', ['travel']],
  ['taxi receipts', ['travel']],
  ['OKR 绩效', ['okr']],
  ['Python 新员工', ['python']],
  ['excel数据', ['python', 'fullwidth']],
  ['python 分析', ['glued']],
  ['学', ['study', 'python']],
  ['安全 客户', ['security']],
  // Bigrams that occur apart are not a match for the longer word.
  ['习制度', ['study']],
  ['员工制度', []],
  ['不存在的词', []],
];

describe('search recall', () => {
  let ids: Record<string, string>;
  let member: { token: string };
  let admin: string;
  let otherAdmin: string;

  beforeAll(async () => {
    const a = await createTenant(t);
    admin = a.admin.token;
    const m = await createMember(t, a.id);
    member = m;
    const space = await createSpace(t, admin, '公司制度');
    const open = await createFolder(t, admin, space.id, '公开');
    const closed = await createFolder(t, admin, space.id, '管理层');
    await grantKb(t, admin, { space: space.id }, { subjectKind: 'enterprise', role: 'viewer' });
    await breakInheritance(t, admin, closed.id);
    ids = {};
    for (const [key, doc] of Object.entries(DOCS)) {
      ids[key] = (await createKbNode(t, admin, space.id, { title: doc.title, body: doc.body, parentId: doc.closed ? closed.id : open.id })).id;
    }
    // Another enterprise with the same documents: never found from here.
    const b = await createTenant(t);
    otherAdmin = b.admin.token;
    const otherSpace = await createSpace(t, otherAdmin);
    for (const doc of Object.values(DOCS)) await createKbNode(t, otherAdmin, otherSpace.id, { title: doc.title, body: doc.body });
  });

  it.each(EXPECTED)('%s', async (query, expected) => {
    const res = await t.http.get('/api/v1/search').query({ q: query }).set(bearer(member.token)).expect(200);
    const found = res.body.items.map((i: { id: string }) => i.id).sort();
    expect(found).toEqual(expected.map((k) => ids[k]).sort());
    const forAdmin = await t.http.get('/api/v1/search').query({ q: query }).set(bearer(admin)).expect(200);
    const adminFound: string[] = forAdmin.body.items.map((i: { id: string }) => i.id);
    for (const id of found) expect(adminFound).toContain(id);
    // Only documents of this enterprise, whatever the role.
    expect(adminFound.every((id) => Object.values(ids).includes(id))).toBe(true);
  });

  it('admins also find what members may not read; members never do', async () => {
    const adminHits = await t.http.get('/api/v1/search').query({ q: '高管' }).set(bearer(admin)).expect(200);
    expect(adminHits.body.items.map((i: { id: string }) => i.id)).toEqual([ids.closedStudy]);
    expect((await t.http.get('/api/v1/search').query({ q: '高管' }).set(bearer(member.token))).body.items).toEqual([]);
  });

  it('ranks title matches first and highlights the matches in escaped snippets', async () => {
    const res = await t.http.get('/api/v1/search').query({ q: '学习' }).set(bearer(member.token)).expect(200);
    expect(res.body.items[0].id).toBe(ids.study);
    expect(res.body.items[0].titleHighlight).toBe('员工<mark>学习</mark>制度');
    expect(res.body.items[0].snippet).toContain('<mark>学习</mark>');
    expect(res.body.items[0].spaceName).toBe('公司制度');
    const mixed = await t.http.get('/api/v1/search').query({ q: 'python 新员工' }).set(bearer(member.token)).expect(200);
    expect(mixed.body.items[0].snippet).toMatch(/<mark>Python<\/mark>.*<mark>新员工<\/mark>/);
  });

  it('filters by space and validates the query', async () => {
    await t.http.get('/api/v1/search').set(bearer(member.token)).expect(400);
    await t.http.get('/api/v1/search').query({ q: 'x'.repeat(201) }).set(bearer(member.token)).expect(400);
    await t.http.get('/api/v1/search').query({ q: '学习' }).expect(401);
    const none = await t.http.get('/api/v1/search').query({ q: '学习', spaceId: 'nope' }).set(bearer(member.token)).expect(200);
    expect(none.body.items).toEqual([]);
    expect((await t.http.get('/api/v1/search').query({ q: '！？。' }).set(bearer(member.token)).expect(200)).body.items).toEqual([]);
  });

  it('follows edits, moves, archiving and deletion', async () => {
    const a = await createTenant(t);
    const space = await createSpace(t, a.admin.token);
    const other = await createSpace(t, a.admin.token);
    const as = bearer(a.admin.token);
    const doc = await createKbNode(t, a.admin.token, space.id, { title: '旧标题', body: '<p>原来的内容</p>' });
    const find = async (q: string, extra: Record<string, string> = {}) =>
      (await t.http.get('/api/v1/search').query({ q, ...extra }).set(as).expect(200)).body.items.map((i: { id: string }) => i.id);
    expect(await find('原来')).toEqual([doc.id]);
    await t.http.put(`/api/v1/docs/${doc.id}`).set(as).send({ title: '新标题', body: '<p>修订后的正文</p>' }).expect(200);
    expect(await find('原来')).toEqual([]);
    expect(await find('修订')).toEqual([doc.id]);
    await t.http.post(`/api/v1/nodes/${doc.id}/move`).set(as).send({ spaceId: other.id }).expect(200);
    expect(await find('修订', { spaceId: space.id })).toEqual([]);
    expect(await find('修订', { spaceId: other.id })).toEqual([doc.id]);
    await t.http.post(`/api/v1/nodes/${doc.id}/archive`).set(as).expect(204);
    expect(await find('修订')).toEqual([]);
    await t.http.post(`/api/v1/nodes/${doc.id}/restore`).set(as).expect(200);
    expect(await find('修订')).toEqual([doc.id]);
    await t.http.delete(`/api/v1/nodes/${doc.id}`).set(as).expect(204);
    expect(await find('修订')).toEqual([]);
  });
});

describe('reindex', () => {
  it('rebuilds an enterprise index from its documents as a job, and drops stale entries', async () => {
    const a = await createTenant(t);
    const as = bearer(a.admin.token);
    const space = await createSpace(t, a.admin.token);
    const doc = await createKbNode(t, a.admin.token, space.id, { title: '重建索引', body: '<p>年度预算编制</p>' });
    const other = await createTenant(t);
    const otherSpace = await createSpace(t, other.admin.token);
    await createKbNode(t, other.admin.token, otherSpace.id, { title: '年度预算编制' });
    const { raw, dialect } = t.deps.db;
    const q = dialect.quote;
    await raw.execute(`DELETE FROM ${q('KbSearchPosting')} WHERE ${q('tenantId')} = ?`, [a.id]);
    await raw.execute(`UPDATE ${q('KbSearchEntry')} SET ${q('nodeId')} = ? WHERE ${q('nodeId')} = ?`, ['cstale000000000000000000', doc.id]);
    expect((await t.http.get('/api/v1/search?q=预算').set(as)).body.items).toEqual([]);

    const m = await createMember(t, a.id);
    await t.http.post('/api/v1/kb-search/reindex').set(bearer(m.token)).expect(403);
    const started = await t.http.post('/api/v1/kb-search/reindex').set(as).expect(202);
    await t.deps.jobs.drain(['kb.search.reindex']);
    const job = await t.http.get(`/api/v1/jobs/${started.body.job.id}`).set(as).expect(200);
    expect(job.body.job).toMatchObject({ status: 'done', result: { documents: 1, removed: 1 }, progress: { done: 1, total: 1 } });
    expect((await t.http.get('/api/v1/search?q=预算').set(as)).body.items.map((i: { id: string }) => i.id)).toEqual([doc.id]);
    // The other enterprise's index was left alone.
    expect((await t.http.get('/api/v1/search?q=预算').set(bearer(other.admin.token))).body.items).toHaveLength(1);
  });
});

describe('tokens', () => {
  it('indexes bigrams, the last character of a CJK run, words and their prefixes', () => {
    expect(textTokens('学习制度')).toEqual(['学习', '习制', '制度', '度']);
    expect(textTokens('Python培训')).toEqual(['python', 'pyt', 'pyth', 'pytho', '培训', '训']);
    expect(textTokens('ＥＸＣＥＬ')).toEqual(['excel', 'exc', 'exce']);
  });

  it('parses queries into required tokens, exact phrases and single characters', () => {
    expect(parseQuery('学习')).toMatchObject({ tokens: ['学习'], phrases: [], prefixes: [] });
    expect(parseQuery('绩效考核')).toMatchObject({ tokens: ['绩效', '效考', '考核'], phrases: ['绩效考核'] });
    expect(parseQuery('OKR 学')).toMatchObject({ tokens: ['okr'], phrases: ['学'], prefixes: ['学'] });
    expect(parseQuery('+-"*()').tokens).toEqual([]);
  });
});
