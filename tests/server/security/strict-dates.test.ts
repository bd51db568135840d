/**
 * Defect 11 (issue 13): dates accepted null and numbers — `PATCH /enrolments/<e> {"expiresAt":null}`
 * answered 200 and stored 1970-01-01; a task with `startsAt: null` was created. Every date a client
 * sends is now one strict schema: an ISO 8601 date-time string with a zone offset.
 */
import { startTestApp, bearer, type TestApp } from '../../support/test-app';
import { createMember, createTenant } from '../../factories';
import { createCourse, enrolMember } from '../../factories/training';
import { timestamp } from '../../../server/src/core/input-fields';

let t: TestApp;
beforeAll(async () => (t = await startTestApp()));
afterAll(() => t.close());

const NOT_INSTANTS: unknown[] = [
  null, 0, 1764547200000, -1, Number.MAX_SAFE_INTEGER, true, '', 'tomorrow', '2026-12-01', '2026-12-01T08:00:00', '2026-12-01 08:00:00+08:00',
  '2026-02-30T00:00:00Z', '2026-13-01T00:00:00Z', '+275760-09-13T00:00:00Z', '0001-01-01T00:00:00Z', '9999-12-31T23:59:59-05:00', {}, [], { $date: '2026-12-01T00:00:00Z' },
];

describe('defect 11: strict dates', () => {
  it('the timestamp field takes ISO 8601 with an offset and nothing else', () => {
    expect(timestamp.parse('2026-12-01T09:00:00+08:00').toISOString()).toBe('2026-12-01T01:00:00.000Z');
    expect(timestamp.parse('2026-12-01T01:00:00.250Z').toISOString()).toBe('2026-12-01T01:00:00.250Z');
    for (const value of NOT_INSTANTS) expect(timestamp.safeParse(value).success).toBe(false);
  });

  it('an enrolment window refuses null, numbers and zone-less strings and stays as it was', async () => {
    const a = await createTenant(t);
    const m = await createMember(t, a.id);
    const course = await createCourse(t, a.id);
    const enrolment = await enrolMember(t, a.id, course.id, m.id);
    const admin = bearer(a.admin.token);
    for (const expiresAt of NOT_INSTANTS) {
      const res = await t.http.patch(`/api/v1/enrolments/${enrolment.id}`).set(admin).send({ expiresAt });
      expect([res.status, res.body.error?.code]).toEqual([400, 'validation_failed']);
    }
    await t.http.patch(`/api/v1/enrolments/${enrolment.id}`).set(admin).send({}).expect(400);
    const row = await t.deps.db.prisma.enrolment.findUniqueOrThrow({ where: { id: enrolment.id } });
    expect(row.expiresAt.toISOString()).toBe(enrolment.expiresAt.toISOString());

    const ok = await t.http.patch(`/api/v1/enrolments/${enrolment.id}`).set(admin).send({ expiresAt: '2027-06-30T23:59:59+08:00' }).expect(200);
    expect(ok.body.enrolment.expiresAt).toBe('2027-06-30T15:59:59.000Z');
  });

  it('a task refuses a null or numeric start and due date and is not created', async () => {
    const a = await createTenant(t);
    const course = await createCourse(t, a.id);
    const admin = bearer(a.admin.token);
    const base = { title: '年度培训', items: [{ kind: 'course', refId: course.id }], targets: [{ kind: 'enterprise' }] };
    for (const value of NOT_INSTANTS) {
      for (const body of [{ ...base, startsAt: value, dueAt: '2027-01-01T00:00:00Z' }, { ...base, startsAt: '2026-12-01T00:00:00Z', dueAt: value }]) {
        const res = await t.http.post('/api/v1/tasks').set(admin).send(body);
        expect([res.status, res.body.error?.code]).toEqual([400, 'validation_failed']);
      }
    }
    const { startsAt: _s, ...noStart } = { ...base, startsAt: 0 };
    await t.http.post('/api/v1/tasks').set(admin).send({ ...noStart, dueAt: '2027-01-01T00:00:00Z' }).expect(400);
    expect(await t.deps.db.prisma.trainingTask.count({ where: { tenantId: a.id } })).toBe(0);

    const task = await t.http.post('/api/v1/tasks').set(admin).send({ ...base, startsAt: '2026-12-01T00:00:00+08:00', dueAt: '2027-01-01T00:00:00+08:00' }).expect(201);
    for (const dueAt of [null, 1764547200000, '2027-01-01']) {
      await t.http.patch(`/api/v1/tasks/${task.body.task.id}`).set(admin).send({ dueAt }).expect(400);
    }
    const row = await t.deps.db.prisma.trainingTask.findUniqueOrThrow({ where: { id: task.body.task.id } });
    expect(row.dueAt.toISOString()).toBe('2026-12-31T16:00:00.000Z');
  });
});
