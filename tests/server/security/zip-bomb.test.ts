/**
 * Defect 3 (issue 13): a zip bomb froze the server. A 4.4 MB .docx whose parts expand to 100 MB
 * each stalled every request for 10.8 s. Archives are now walked in a worker thread with limits on
 * entries, total expanded size and compression ratio — counted on the bytes that really come out,
 * not the sizes the headers claim — and refused with 422 `unsafe_archive`.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { strToU8, zipSync } from 'fflate';
import { startTestApp, bearer, type TestApp } from '../../support/test-app';
import { zipBomb, type BombPart } from '../../support/zip-bomb';
import { createTenant } from '../../factories';
import { createKbNode, createSpace } from '../../factories/knowledge';
import { walkZip, DEFAULT_ZIP_LIMITS } from '../../../server/src/core/archive/walk-zip';

let t: TestApp;
const storageDir = mkdtempSync(join(tmpdir(), 'qixue-zip-bomb-'));
beforeAll(async () => (t = await startTestApp({ STORAGE_DIR: storageDir, KB_UPLOAD_MAX_MB: '10' })));
afterAll(() => t.close());

const MB = 1024 * 1024;
const DOCUMENT = { '[Content_Types].xml': '<Types/>', 'word/document.xml': '<w:document><w:p><w:t>操作手册</w:t></w:p></w:document>' };
/** As the probe sent it: ~4 MB of .docx, its parts 100 MB each, sizes told truthfully … */
const honestParts: BombPart[] = Array.from({ length: 40 }, (_, i) => ({ name: `word/header${i + 1}.xml`, expandedBytes: 100 * MB }));
/** … or claimed to be 1 KB, as a bomb that wants past a size check would. */
const lyingParts: BombPart[] = honestParts.map((p) => ({ ...p, declaredBytes: 1024 }));

async function setup() {
  const tenant = await createTenant(t);
  const space = await createSpace(t, tenant.admin.token);
  const doc = await createKbNode(t, tenant.admin.token, space.id, { title: '附件' });
  return { tenant, doc };
}

const upload = (docId: string, token: string, name: string, data: Buffer) =>
  t.http.post(`/api/v1/docs/${docId}/attachments`).query({ name }).set(bearer(token)).set('Content-Type', 'application/octet-stream').send(data);

describe('defect 3: zip bombs', () => {
  it('walkZip stops at the entry count, the expanded total and the ratio, on real output', () => {
    const many = Buffer.from(zipSync(Object.fromEntries(Array.from({ length: 30 }, (_, i) => [`f${i}.txt`, strToU8('x')]))));
    expect(walkZip({ data: many, limits: { ...DEFAULT_ZIP_LIMITS, maxEntries: 20 } })).toMatchObject({ ok: false, reason: 'too_many_entries' });
    expect(walkZip({ data: many, limits: DEFAULT_ZIP_LIMITS })).toMatchObject({ ok: true, entries: 30 });

    const lying = zipBomb(lyingParts.slice(0, 2), DOCUMENT);
    const started = Date.now();
    const result = walkZip({ data: lying, limits: DEFAULT_ZIP_LIMITS });
    expect(result).toMatchObject({ ok: false, reason: 'compression_ratio' });
    expect(result.expandedBytes).toBeLessThan(12 * MB); // 100 × its ~100 KB of compressed bytes, not 100 MB
    expect(Date.now() - started).toBeLessThan(5000);

    const large = zipBomb([{ name: 'a.bin', expandedBytes: 8 * MB }, { name: 'b.bin', expandedBytes: 8 * MB }]);
    expect(walkZip({ data: large, limits: { ...DEFAULT_ZIP_LIMITS, maxRatio: 10_000, maxExpandedBytes: 10 * MB } })).toMatchObject({ ok: false, reason: 'too_large_expanded' });

    const fine = walkZip({ data: zipBomb([], DOCUMENT), limits: DEFAULT_ZIP_LIMITS, keep: '^word/document\\.xml$' });
    expect(fine.ok && Buffer.from(fine.kept['word/document.xml']).toString()).toBe(DOCUMENT['word/document.xml']);
    expect(walkZip({ data: new Uint8Array([0x50, 0x4b, 3, 4, 1, 2, 3]), limits: DEFAULT_ZIP_LIMITS })).toMatchObject({ ok: false, reason: 'invalid_archive' });
  });

  it('an uploaded .docx bomb is refused with 422 unsafe_archive while the server keeps answering', async () => {
    const s = await setup();
    for (const parts of [honestParts, lyingParts]) {
      const bomb = zipBomb(parts, DOCUMENT);
      expect(bomb.length).toBeGreaterThan(3 * MB);
      expect(bomb.length).toBeLessThan(6 * MB);

      const lag = monitorEventLoopDelay({ resolution: 10 });
      lag.enable();
      const refused = upload(s.doc.id, s.tenant.admin.token, '手册.docx', bomb).then((r) => r);
      // While the bomb is inspected, other requests are answered (generously: this is no benchmark).
      const answered: number[] = [];
      for (let i = 0; i < 5; i++) {
        const at = Date.now();
        await t.http.get('/healthz').expect(200);
        answered.push(Date.now() - at);
        await new Promise((r) => setTimeout(r, 50));
      }
      const res = await refused;
      lag.disable();
      expect(res.status).toBe(422);
      expect(res.body.error).toMatchObject({ code: 'unsafe_archive', details: { reason: expect.stringMatching(/compression_ratio|too_large_expanded/) } });
      expect(Math.max(...answered)).toBeLessThan(1500);
      expect(lag.max / 1e6).toBeLessThan(1500);
    }
    expect(await t.deps.db.prisma.kbAttachment.count({ where: { tenantId: s.tenant.id } })).toBe(0);

    // An ordinary document still goes in.
    const ok = await upload(s.doc.id, s.tenant.admin.token, '手册.docx', zipBomb([], DOCUMENT)).expect(201);
    expect(ok.body.attachment.mimeType).toContain('wordprocessingml');
  });

  it('a question-bank import that is a bomb is refused before the workbook is opened', async () => {
    const a = await createTenant(t);
    const bomb = zipBomb([{ name: 'xl/worksheets/sheet1.xml', expandedBytes: 100 * MB }, { name: 'xl/sharedStrings.xml', expandedBytes: 100 * MB, declaredBytes: 2048 }], { '[Content_Types].xml': '<Types/>' });
    const at = Date.now();
    const res = await t.http.post('/api/v1/questions/import').set(bearer(a.admin.token)).set('Content-Type', 'application/octet-stream').send(bomb);
    expect([res.status, res.body.error?.code]).toEqual([422, 'unsafe_archive']);
    expect(Date.now() - at).toBeLessThan(10_000);
    expect(await t.deps.db.prisma.question.count({ where: { tenantId: a.id } })).toBe(0);
  });
});
