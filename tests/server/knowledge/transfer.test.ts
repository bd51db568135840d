/** Markdown import and zip export (an async job with progress, then a download). */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { startTestApp, bearer, type TestApp } from '../../support/test-app';
import { binaryBody } from '../../support/binary-body';
import { createMember, createTenant } from '../../factories';
import { breakInheritance, createFolder, createKbNode, createSpace, grantKb } from '../../factories/knowledge';

let t: TestApp;
beforeAll(async () => (t = await startTestApp({ STORAGE_DIR: mkdtempSync(join(tmpdir(), 'qixue-kb-export-')) })));
afterAll(() => t.close());

describe('markdown import', () => {
  it('imports Markdown as a sanitised document, titled by its first heading', async () => {
    const a = await createTenant(t);
    const space = await createSpace(t, a.admin.token);
    const md = '# 新人手册\n\n欢迎！**第一周**请完成：\n\n- 学习制度\n- [链接](javascript:alert(1))\n\n<script>alert(2)</script>\n';
    const res = await t.http.post(`/api/v1/spaces/${space.id}/import`).set(bearer(a.admin.token)).send({ markdown: md }).expect(201);
    expect(res.body.node).toMatchObject({ title: '新人手册', kind: 'document', revision: 1 });
    const doc = await t.http.get(`/api/v1/docs/${res.body.node.id}`).set(bearer(a.admin.token)).expect(200);
    expect(doc.body.document.body).toContain('<strong>第一周</strong>');
    expect(doc.body.document.body).toContain('<li>学习制度</li>');
    expect(doc.body.document.body).not.toMatch(/<script|href="javascript/);
    expect((await t.http.get('/api/v1/search?q=新人手册').set(bearer(a.admin.token))).body.items).toHaveLength(1);

    const titled = await t.http.post(`/api/v1/spaces/${space.id}/import`).set(bearer(a.admin.token)).send({ markdown: '正文', title: '指定标题' }).expect(201);
    expect(titled.body.node.title).toBe('指定标题');
    await t.http.post(`/api/v1/spaces/${space.id}/import`).set(bearer(a.admin.token)).send({}).expect(400);
    expect((await t.http.post(`/api/v1/spaces/${space.id}/import`).set(bearer(a.admin.token)).send({ markdown: '# 计划\n\n注意保密' }).expect(422)).body.error.code).toBe('classified_content');
    const m = await createMember(t, a.id);
    await t.http.post(`/api/v1/spaces/${space.id}/import`).set(bearer(m.token)).send({ markdown: '# x' }).expect(404);
  });
});

describe('export', () => {
  it('exports a space as Markdown in a zip with only what the member may read, with progress and a download', async () => {
    const a = await createTenant(t);
    const tok = a.admin.token;
    const m = await createMember(t, a.id);
    const space = await createSpace(t, tok, '员工手册');
    await grantKb(t, tok, { space: space.id }, { subjectKind: 'member', subjectId: m.id, role: 'viewer' });
    const folder = await createFolder(t, tok, space.id, '制度/规范');
    await createKbNode(t, tok, space.id, { title: '考勤', body: '<h2>打卡</h2><p>每天<strong>九点</strong>前</p>', parentId: folder.id });
    await createKbNode(t, tok, space.id, { title: '考勤', body: '<p>同名文档</p>', parentId: folder.id });
    await createKbNode(t, tok, space.id, { title: '首页', body: '<p>欢迎</p>' });
    const closed = await createFolder(t, tok, space.id, '管理层');
    await breakInheritance(t, tok, closed.id);
    await createKbNode(t, tok, space.id, { title: '薪酬方案', body: '<p>保密内容</p>', parentId: closed.id });

    const started = await t.http.post(`/api/v1/spaces/${space.id}/export`).set(bearer(m.token)).send({ format: 'markdown' }).expect(202);
    const jobId = started.body.job.id;
    expect(started.body.progress).toBe(`/api/v1/jobs/${jobId}`);
    const queued = await t.http.get(`/api/v1/jobs/${jobId}`).set(bearer(m.token)).expect(200);
    expect(queued.body.job.status).toBe('queued');
    expect((await t.http.get(`/api/v1/kb-exports/${jobId}/download`).set(bearer(m.token)).expect(409)).body.error.code).toBe('export_not_ready');

    await t.deps.jobs.drain(['kb.export']);
    const done = await t.http.get(`/api/v1/jobs/${jobId}`).set(bearer(m.token)).expect(200);
    expect(done.body.job).toMatchObject({ status: 'done', progress: { done: 3, total: 3, percent: 100 } });
    expect(done.body.job.result).toMatchObject({ fileName: '员工手册.zip', documents: 3, download: `/api/v1/kb-exports/${jobId}/download` });

    const file = await t.http.get(`/api/v1/kb-exports/${jobId}/download`).set(bearer(m.token)).buffer(true).parse(binaryBody).expect(200);
    expect(file.headers['content-type']).toBe('application/zip');
    const files = unzipSync(new Uint8Array(file.body as Buffer));
    expect(Object.keys(files).sort()).toEqual(['制度_规范/考勤 (2).md', '制度_规范/考勤.md', '首页.md']);
    expect(strFromU8(files['制度_规范/考勤.md'])).toBe('# 考勤\n\n## 打卡\n\n每天**九点**前\n');
    // Only the member who asked downloads it.
    await t.http.get(`/api/v1/kb-exports/${jobId}/download`).set(bearer(tok)).expect(404);
    await t.http.get(`/api/v1/kb-exports/${jobId}/download`).expect(401);
  });

  it('exports one document as HTML', async () => {
    const a = await createTenant(t);
    const space = await createSpace(t, a.admin.token);
    const doc = await createKbNode(t, a.admin.token, space.id, { title: '<b>通知</b> & 说明', body: '<p>正文<script>x</script></p>' });
    await t.http.post(`/api/v1/nodes/${doc.id}/export`).set(bearer(a.admin.token)).send({ format: 'pdf' }).expect(400);
    const started = await t.http.post(`/api/v1/nodes/${doc.id}/export`).set(bearer(a.admin.token)).send({ format: 'html' }).expect(202);
    await t.deps.jobs.drain(['kb.export']);
    const file = await t.http.get(`/api/v1/kb-exports/${started.body.job.id}/download`).set(bearer(a.admin.token)).buffer(true).parse(binaryBody).expect(200);
    const files = unzipSync(new Uint8Array(file.body as Buffer));
    const html = strFromU8(files['通知 & 说明.html']);
    expect(html).toContain('<title>通知 &amp; 说明</title>');
    expect(html).toContain('<p>正文</p>');
    expect(html).not.toContain('<script');
  });
});
