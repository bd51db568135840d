/**
 * Defect 9 (issue #13): a page cursor naming another enterprise's row must answer exactly like a
 * cursor naming no row at all — otherwise a list confirms which ids exist elsewhere.
 *
 * The foreign row gets an id at the very start (ascending lists) or end (descending lists) of the
 * id order, so a cursor that leaked would page through every row of the asking enterprise.
 */
import { startTestApp, bearer, type TestApp } from '../../support/test-app';
import { createTenant, createMember, createDepartment, type TestTenant } from '../../factories';
import { createCourse, createExam, createQuestion } from '../../factories/training';

let t: TestApp;
beforeAll(async () => (t = await startTestApp()));
afterAll(() => t.close());

type Order = 'asc' | 'desc';
const edgeId = (order: Order, n: number) => (order === 'asc' ? '0' : 'z').repeat(24) + String(n).padStart(2, '0');

interface ListCase {
  name: string;
  order: Order;
  /** Rows in the asking enterprise, so a leaking cursor has something to page through; returns the list's path. */
  own(tenant: TestTenant): Promise<string>;
  /** A row of another enterprise with the given id. */
  foreign(tenant: TestTenant, id: string): Promise<void>;
}

const prisma = () => t.deps.db.prisma;
const cases: ListCase[] = [
  {
    name: 'members', order: 'asc',
    own: async (b) => (await createMember(t, b.id), '/api/v1/members'),
    foreign: async (a, id) => void (await prisma().member.create({ data: { id, tenantId: a.id, hostUserId: `u${id}` } })),
  },
  {
    name: 'departments', order: 'asc',
    own: async (b) => (await createDepartment(t, b.id), await createDepartment(t, b.id), '/api/v1/departments'),
    foreign: async (a, id) => void (await prisma().department.create({ data: { id, tenantId: a.id, name: '外部', path: `/${id}/`, hostDeptId: id } })),
  },
  {
    name: 'courses', order: 'asc',
    own: async (b) => (await createCourse(t, b.id), await createCourse(t, b.id), '/api/v1/courses'),
    foreign: async (a, id) => void (await prisma().course.create({ data: { id, tenantId: a.id, title: '外部课程', status: 'published', creditHours: 1, validityDays: 30 } })),
  },
  {
    name: 'questions', order: 'asc',
    own: async (b) => (await createQuestion(t, b.id), await createQuestion(t, b.id), '/api/v1/questions'),
    foreign: async (a, id) => void (await prisma().question.create({ data: { id, tenantId: a.id, type: 'fill', stem: '外部', answer: ['x'] } })),
  },
  {
    name: 'exams', order: 'asc',
    own: async (b) => (await createExam(t, b.id, []), await createExam(t, b.id, []), '/api/v1/exams'),
    foreign: async (a, id) => void (await prisma().exam.create({ data: { id, tenantId: a.id, title: '外部考试', status: 'published' } })),
  },
  {
    name: 'admin messages', order: 'desc',
    own: async (b) => {
      for (let i = 0; i < 2; i++) await prisma().appMessage.create({ data: { tenantId: b.id, kind: 'textcard', title: '通知', payload: {}, source: 'admin' } });
      return '/api/v1/admin/messages';
    },
    foreign: async (a, id) => void (await prisma().appMessage.create({ data: { id, tenantId: a.id, kind: 'textcard', title: '外部', payload: {}, source: 'admin' } })),
  },
  {
    name: 'exam attempts', order: 'asc',
    own: async (b) => {
      const exam = await createExam(t, b.id, []);
      for (const attemptNo of [1, 2]) {
        await prisma().examAttempt.create({ data: { tenantId: b.id, examId: exam.id, memberId: b.admin.id, attemptNo, paperId: 'p', deadlineAt: new Date() } });
      }
      return `/api/v1/exams/${exam.id}/attempts`;
    },
    foreign: async (a, id) => {
      const exam = await createExam(t, a.id, []);
      await prisma().examAttempt.create({ data: { id, tenantId: a.id, examId: exam.id, memberId: a.admin.id, attemptNo: 1, paperId: 'p', deadlineAt: new Date() } });
    },
  },
];

describe('defect 9: page cursors confirm another tenant\'s ids', () => {
  it.each(cases.map((c) => [c.name, c] as const))('%s: another enterprise\'s id as a cursor answers like an unknown id', async (_name, c) => {
    const a = await createTenant(t);
    const b = await createTenant(t);
    const foreignId = edgeId(c.order, 1);
    const unknownId = edgeId(c.order, 2);
    await c.foreign(a, foreignId);
    const path = await c.own(b);
    const page = async (cursor: string) => {
      const res = await t.http.get(path).query({ cursor, limit: 50 }).set(bearer(b.admin.token));
      expect(res.status).toBe(200);
      return res.body;
    };
    // The list itself has rows, so a cursor that leaked would show them.
    expect((await t.http.get(path).set(bearer(b.admin.token)).expect(200)).body.items.length).toBeGreaterThan(0);
    expect(await page(foreignId)).toEqual(await page(unknownId));
  });
});
