/** Attachments: size and type limits, screening, neutral file names, online-only signed media URLs, storage drivers. */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { strToU8, zipSync } from 'fflate';
import { startTestApp, bearer, type TestApp } from '../../support/test-app';
import { binaryBody } from '../../support/binary-body';
import { createMember, createTenant } from '../../factories';
import { createKbNode, createSpace, grantKb } from '../../factories/knowledge';
import { signMediaToken } from '../../../server/src/modules/knowledge/attachments/signed-url';
import { S3Storage, signV4 } from '../../../server/src/modules/knowledge/storage/s3';

let t: TestApp;
const storageDir = mkdtempSync(join(tmpdir(), 'qixue-kb-files-'));
beforeAll(async () => (t = await startTestApp({ STORAGE_DIR: storageDir, KB_UPLOAD_MAX_MB: '1' })));
afterAll(() => t.close());

const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(64, 7)]);
const docx = (parts: Record<string, string>) => Buffer.from(zipSync(Object.fromEntries(Object.entries(parts).map(([k, v]) => [k, strToU8(v)]))));

async function setup() {
  const tenant = await createTenant(t);
  const viewer = await createMember(t, tenant.id);
  const space = await createSpace(t, tenant.admin.token);
  await grantKb(t, tenant.admin.token, { space: space.id }, { subjectKind: 'member', subjectId: viewer.id, role: 'viewer' });
  const doc = await createKbNode(t, tenant.admin.token, space.id, { title: '附件测试' });
  return { tenant, viewer, space, doc };
}

const upload = (docId: string, token: string, name: string, data: Buffer) =>
  t.http.post(`/api/v1/docs/${docId}/attachments`).query({ name }).set(bearer(token)).set('Content-Type', 'application/octet-stream').send(data);

describe('attachments', () => {
  it('accepts files whose name and content agree; neutralises file names', async () => {
    const s = await setup();
    const png = await upload(s.doc.id, s.tenant.admin.token, '<img src=x onerror=alert(1)>流程图.png', PNG).expect(201);
    expect(png.body.attachment).toMatchObject({ fileName: '流程图.png', mimeType: 'image/png', size: PNG.length });
    const traversal = await upload(s.doc.id, s.tenant.admin.token, '../../etc/passwd.txt', Buffer.from('普通文本')).expect(201);
    expect(traversal.body.attachment.fileName).toBe('_.._etc_passwd.txt');
    const office = await upload(s.doc.id, s.tenant.admin.token, '手册.docx', docx({ 'word/document.xml': '<w:document><w:p><w:t>操作手册</w:t></w:p></w:document>' })).expect(201);
    expect(office.body.attachment.mimeType).toContain('wordprocessingml');

    const list = await t.http.get(`/api/v1/docs/${s.doc.id}/attachments`).set(bearer(s.viewer.token)).expect(200);
    expect(list.body.items.map((a: { fileName: string }) => a.fileName)).toEqual(['流程图.png', '_.._etc_passwd.txt', '手册.docx']);
    expect(JSON.stringify(list.body)).not.toMatch(/storageKey|onerror/);
  });

  it('refuses the wrong type, the wrong content, too large files and non-editors', async () => {
    const s = await setup();
    const tok = s.tenant.admin.token;
    expect((await upload(s.doc.id, tok, 'tool.exe', Buffer.from('MZ....')).expect(415)).body.error.code).toBe('unsupported_file_type');
    await upload(s.doc.id, tok, 'fake.png', Buffer.from('not a png')).expect(415);
    await upload(s.doc.id, tok, 'page.html', Buffer.from('<script>alert(1)</script>')).expect(415);
    await upload(s.doc.id, tok, 'image.svg', Buffer.from('<svg onload=alert(1)/>')).expect(415);
    await upload(s.doc.id, tok, 'broken.docx', Buffer.from([0x50, 0x4b, 0x03, 0x04, 1, 2, 3])).expect(415);
    await upload(s.doc.id, tok, 'empty.txt', Buffer.alloc(0)).expect(415);
    const big = Buffer.concat([PNG, Buffer.alloc(1024 * 1024)]);
    expect((await upload(s.doc.id, tok, 'big.png', big).expect(413)).body.error.code).toBe('file_too_large');
    await upload(s.doc.id, s.viewer.token, 'a.png', PNG).expect(403);
    await t.http.post(`/api/v1/docs/${s.doc.id}/attachments`).set(bearer(tok)).send(PNG).expect(400);
    await t.http.post(`/api/v1/docs/${s.doc.id}/attachments?name=a.png`).send(PNG).expect(401);
  });

  it('refuses classified files: by name, by text, inside Office documents (headers too)', async () => {
    const s = await setup();
    const tok = s.tenant.admin.token;
    const refused = async (name: string, data: Buffer) => {
      const res = await upload(s.doc.id, tok, name, data).expect(422);
      expect(res.body.error.code).toBe('classified_content');
      expect(res.body.error.message).toContain('密级或保密标识');
    };
    await refused('机密★ 薪酬表.png', PNG);
    await refused('内部资料.png', PNG);
    await refused('说明.txt', Buffer.from('第一行\n注意保密\n'));
    await refused('计划.md', Buffer.from('# 计划\n\n秘密★6个月'));
    await refused('报告.docx', docx({ 'word/document.xml': '<w:p><w:t>正文</w:t></w:p>', 'word/header1.xml': '<w:hdr><w:p><w:t>绝密★长期</w:t></w:p></w:hdr>' }));
    await refused('数据.xlsx', docx({ 'xl/sharedStrings.xml': '<sst><si><t>内部文件（资料）</t></si></sst>' }));
    expect(await t.deps.db.prisma.kbAttachment.count({ where: { nodeId: s.doc.id } })).toBe(0);
    await upload(s.doc.id, tok, '商业秘密培训.txt', Buffer.from('如何保护商业秘密')).expect(201);
  });

  it('serves media only through short-lived URLs signed for one member', async () => {
    const s = await setup();
    const att = (await upload(s.doc.id, s.tenant.admin.token, '图.png', PNG).expect(201)).body.attachment;
    const signed = await t.http.get(`/api/v1/attachments/${att.id}/url`).set(bearer(s.viewer.token)).expect(200);
    expect(Date.parse(signed.body.expiresAt) - Date.now()).toBeLessThanOrEqual(300_000);
    const path = new URL(signed.body.url).pathname;
    expect(path).toMatch(/^\/api\/v1\/media\//);

    const file = await t.http.get(path).set(bearer(s.viewer.token)).buffer(true).parse(binaryBody).expect(200);
    expect(Buffer.compare(file.body as Buffer, PNG)).toBe(0);
    expect(file.headers['content-type']).toBe('image/png');
    expect(file.headers['cache-control']).toBe('private, no-store');
    expect(file.headers['content-disposition']).toMatch(/^inline/);
    const part = await t.http.get(path).set(bearer(s.viewer.token)).set('Range', 'bytes=2-5').expect(206);
    expect(part.headers['content-range']).toBe(`bytes 2-5/${PNG.length}`);
    expect(part.headers['content-length']).toBe('4');
    await t.http.get(path).set(bearer(s.viewer.token)).set('Range', `bytes=${PNG.length}-`).expect(416);

    // Someone else's link: refused, even for an admin of the same enterprise.
    const other = await t.http.get(path).set(bearer(s.tenant.admin.token)).expect(403);
    expect(other.body.error.code).toBe('media_link_invalid');
    // Tampered or expired.
    const [payload, sig] = path.split('/').pop()!.split('.');
    await t.http.get(`/api/v1/media/${payload}x.${sig}`).expect(403);
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString());
    const expired = signMediaToken(t.deps.config.SECRET_KEY, { ...claims, e: Math.floor(Date.now() / 1000) - 1 });
    expect((await t.http.get(`/api/v1/media/${expired}`).expect(403)).body.error.code).toBe('media_link_expired');
    const forged = signMediaToken('another-secret-another-secret-0123456789', claims);
    await t.http.get(`/api/v1/media/${forged}`).expect(403);
    await t.http.get('/api/v1/media/garbage').expect(403);
    // Access ends with the grant, and with the session.
    const grants = await t.http.get(`/api/v1/spaces/${s.space.id}/permissions`).set(bearer(s.tenant.admin.token)).expect(200);
    await t.http.delete(`/api/v1/spaces/${s.space.id}/permissions/${grants.body.items[0].id}`).set(bearer(s.tenant.admin.token)).expect(204);
    await t.http.get(path).set(bearer(s.viewer.token)).expect(404);
    const adminUrl = await t.http.get(`/api/v1/attachments/${att.id}/url`).set(bearer(s.tenant.admin.token)).expect(200);
    await t.http.delete('/api/v1/session').set(bearer(s.tenant.admin.token)).expect(204);
    await t.http.get(new URL(adminUrl.body.url).pathname).set(bearer(s.tenant.admin.token)).expect(403);
  });

  it('defect 12: a signed media link opens nothing without the member\'s own session', async () => {
    const s = await setup();
    const att = (await upload(s.doc.id, s.tenant.admin.token, '图.png', PNG).expect(201)).body.attachment;
    const signed = await t.http.get(`/api/v1/attachments/${att.id}/url`).set(bearer(s.viewer.token)).expect(200);
    const path = new URL(signed.body.url).pathname;
    const anonymous = await t.http.get(path).expect(401);
    expect(anonymous.body.error.code).toBe('unauthenticated');
    expect(anonymous.headers['content-type']).toMatch(/json/);
    await t.http.get(path).set('Range', 'bytes=0-3').expect(401);
    await t.http.get(path).set(bearer('not-a-session')).expect(401);
    await t.http.get(path).set(bearer(s.viewer.token)).expect(200);
  });

  it('deletes attachments (editors), files included', async () => {
    const s = await setup();
    const att = (await upload(s.doc.id, s.tenant.admin.token, 'a.txt', Buffer.from('内容')).expect(201)).body.attachment;
    await t.http.delete(`/api/v1/attachments/${att.id}`).set(bearer(s.viewer.token)).expect(403);
    await t.http.delete(`/api/v1/attachments/${att.id}`).set(bearer(s.tenant.admin.token)).expect(204);
    await t.http.get(`/api/v1/attachments/${att.id}/url`).set(bearer(s.tenant.admin.token)).expect(404);
  });
});

describe('storage drivers', () => {
  it('signs S3 requests exactly as AWS documents (SigV4 GET example)', () => {
    const headers = signV4({
      method: 'GET', url: new URL('https://examplebucket.s3.amazonaws.com/test.txt'), headers: { range: 'bytes=0-9' },
      payloadHash: 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855', region: 'us-east-1',
      accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY', date: new Date('2013-05-24T00:00:00Z'),
    });
    expect(headers.authorization).toBe(
      'AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request, SignedHeaders=host;range;x-amz-content-sha256;x-amz-date, Signature=f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41',
    );
  });

  it('an S3 driver without credentials answers a clear not-configured error', async () => {
    const s3 = new S3Storage({ endpoint: 'https://s3.example', bucket: 'b', region: 'us-east-1' });
    await expect(s3.put('t/a.txt', Buffer.from('x'), 'text/plain')).rejects.toMatchObject({ status: 503, code: 'storage_not_configured' });
  });
});
