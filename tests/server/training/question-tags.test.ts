/**
 * Filtering the question bank by tag reads QuestionTag rows in the database, before paging: every
 * page is full, cursors walk all matches, and the rows follow create, PATCH and Excel import.
 */
import ExcelJS from 'exceljs';
import { openDatabase } from '../../../server/src/db/client';
import { migrate } from '../../../server/src/db/migrate';
import { createTenant, type TestTenant } from '../../factories';
import { binaryBody } from '../../support/binary-body';
import { privateDatabase } from '../../support/test-database';
import { bearer, startTestApp, testConfig, type TestApp } from '../../support/test-app';

let t: TestApp;
beforeAll(async () => (t = await startTestApp()));
afterAll(() => t.close());

const fillQuestion = (stem: string, tags: string[]) => ({ type: 'fill', stem, answer: ['x'], tags });

async function addQuestion(a: TestTenant, stem: string, tags: string[]): Promise<string> {
  const res = await t.http.post('/api/v1/questions').set(bearer(a.admin.token)).send(fillQuestion(stem, tags)).expect(201);
  return res.body.question.id;
}

/** Every page of `GET /questions?tag=…`, following the cursors. */
async function pagesOf(a: TestTenant, tag: string, limit: number): Promise<{ id: string; tags: string[] }[][]> {
  const pages: { id: string; tags: string[] }[][] = [];
  let cursor: string | null = null;
  do {
    const query: Record<string, string | number> = { tag, limit, ...(cursor && { cursor }) };
    const res = await t.http.get('/api/v1/questions').query(query).set(bearer(a.admin.token)).expect(200);
    pages.push(res.body.items);
    cursor = res.body.nextCursor;
  } while (cursor);
  return pages;
}
const idsTagged = async (a: TestTenant, tag: string) => (await pagesOf(a, tag, 50)).flat().map((q) => q.id).sort();

describe('GET /questions?tag=', () => {
  it('filters before paging: every page is full and the pages hold exactly the tagged questions', async () => {
    const a = await createTenant(t);
    const tagged: string[] = [];
    for (let i = 0; i < 30; i++) {
      // Every third question carries the tag, so each unfiltered page of 4 would hold only one or two.
      const id = await addQuestion(a, `题 ${i}`, i % 3 === 0 ? ['消防', '安全'] : ['用电']);
      if (i % 3 === 0) tagged.push(id);
    }
    const pages = await pagesOf(a, '消防', 4);
    expect(pages.map((p) => p.length)).toEqual([4, 4, 2]);
    expect(pages.flat().map((q) => q.id).sort()).toEqual([...tagged].sort());
    expect(pages.flat().every((q) => q.tags.includes('消防'))).toBe(true);

    // Another enterprise's questions with the same tag never show up, in either direction.
    const b = await createTenant(t);
    const theirs = await addQuestion(b, '别家的题', ['消防']);
    expect(await idsTagged(a, '消防')).toEqual([...tagged].sort());
    expect(await idsTagged(b, '消防')).toEqual([theirs]);
  });

  it('follows PATCH: new tags are found, removed ones are not; tags compare exactly', async () => {
    const a = await createTenant(t);
    const admin = bearer(a.admin.token);
    const id = await addQuestion(a, '会改标签的题', ['消防']);
    await t.http.patch(`/api/v1/questions/${id}`).set(admin).send({ tags: ['用电', 'Fire', 'fire', '用电'] }).expect(200);
    expect(await idsTagged(a, '消防')).toEqual([]);
    expect(await idsTagged(a, '用电')).toEqual([id]);
    expect(await idsTagged(a, 'fire')).toEqual([id]);
    expect(await idsTagged(a, 'FIRE')).toEqual([]);
    // The list keeps the author's order (and repeat); the filter sees each tag once.
    expect((await t.http.get(`/api/v1/questions/${id}`).set(admin).expect(200)).body.question.tags).toEqual(['用电', 'Fire', 'fire', '用电']);

    // A PATCH that leaves the tags alone leaves the rows alone.
    await t.http.patch(`/api/v1/questions/${id}`).set(admin).send({ difficulty: 3 }).expect(200);
    expect(await idsTagged(a, '用电')).toEqual([id]);
    await t.http.patch(`/api/v1/questions/${id}`).set(admin).send({ tags: [] }).expect(200);
    expect(await idsTagged(a, '用电')).toEqual([]);
  });

  it('finds the tags of questions imported from Excel, which keep the file order', async () => {
    const a = await createTenant(t);
    const admin = bearer(a.admin.token);
    const template = await t.http.get('/api/v1/questions/template').set(admin).buffer(true).parse(binaryBody).expect(200);
    await t.http.post('/api/v1/questions/import').set(admin).set('Content-Type', 'application/octet-stream').send(template.body).expect(201);
    // The template: 消防,安全 · 消防 · 消防 · 常识.
    const all = (await t.http.get('/api/v1/questions').set(admin).expect(200)).body.items as { id: string; type: string }[];
    expect(all.map((q) => q.type)).toEqual(['single', 'multiple', 'true_false', 'fill']);
    expect(await idsTagged(a, '消防')).toEqual(all.slice(0, 3).map((q) => q.id).sort());
    expect(await idsTagged(a, '安全')).toEqual([all[0].id]);
    expect(await idsTagged(a, '常识')).toEqual([all[3].id]);

    // A tag longer than the filter can ask for is a problem in the file, not a question without it.
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(template.body);
    book.worksheets[0].getRow(2).getCell(11).value = '长'.repeat(51);
    const refused = await t.http.post('/api/v1/questions/import').set(admin).set('Content-Type', 'application/octet-stream')
      .send(Buffer.from(await book.xlsx.writeBuffer())).expect(400);
    expect(refused.body.error.details.problems[0].row).toBe(2);
  });
});

describe('migration 4005', () => {
  it('backfills QuestionTag from the questions’ JSON tags', async () => {
    const { overrides, drop } = privateDatabase('qtags');
    const config = testConfig(overrides);
    const db = await openDatabase({ databaseUrl: config.DATABASE_URL, sqlitePath: config.SQLITE_PATH, poolSize: 2 });
    try {
      await migrate(db, '4004');
      const insert = `INSERT INTO ${db.dialect.quote('Question')} (id, ${db.dialect.quote('tenantId')}, type, stem, answer, tags, ${db.dialect.quote('updatedAt')}) VALUES (?, ?, 'fill', 's', '["x"]', ?, ?)`;
      const rows: [string, string, string | null][] = [
        ['q1', 't1', JSON.stringify(['消防', 'Fire', 'fire', '消防'])],
        ['q2', 't1', null],
        ['q3', 't2', '[]'],
        ['q4', 't2', JSON.stringify(['长'.repeat(51), '用电'])],
      ];
      for (const [id, tenantId, tags] of rows) await db.raw.execute(insert, [id, tenantId, tags, new Date()]);
      await migrate(db);
      const tagRows = await db.raw.query<{ tenantId: string; questionId: string; tag: string }>(
        `SELECT ${['tenantId', 'questionId', 'tag'].map(db.dialect.quote).join(', ')} FROM ${db.dialect.quote('QuestionTag')}`,
      );
      expect(tagRows.map((r) => `${r.tenantId}/${r.questionId}/${r.tag}`).sort()).toEqual(['t1/q1/Fire', 't1/q1/fire', 't1/q1/消防', 't2/q4/用电']);

      // The app's filter reads the backfilled rows.
      const found = await db.prisma.question.findMany({ where: { tenantId: 't1', questionTags: { some: { tag: 'fire' } } }, select: { id: true } });
      expect(found).toEqual([{ id: 'q1' }]);
    } finally {
      await db.close();
      await drop();
    }
  });
});
