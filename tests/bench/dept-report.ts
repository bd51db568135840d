/**
 * Department completion report for 100,000 learners × 20 training tasks (MariaDB): the report
 * for the whole enterprise, a division and a team, read from the per-department summary the
 * reports.refresh job maintains. Target: p95 < 200 ms. Baseline, same run: the same totals computed
 * live from member-level data (one aggregate per task over the current assignees).
 *
 *   npm run bench -- dept-report        (BENCH_DATABASE_URL, default mysql://root@127.0.0.1:3306)
 */
import pino from 'pino';
import { loadConfig } from '@qixue/config';
import { buildDeps } from '../../server/src/bootstrap';
import { scopeToTenant } from '../../server/src/core/tenancy';
import { departmentReport, refreshDeptStats } from '../../server/src/modules/records/reports';
import { taskSummary, taskSelect } from '../../server/src/modules/tasks/service';
import { percentile, report, round } from './_support';
import { bulkInsert, id, withBenchDatabase } from './_training';

const LEARNERS = Number(process.env.BENCH_LEARNERS ?? 100_000);
const TASKS = 20;
const DIVISIONS = 10;
const TEAMS_PER_DIVISION = 10;
const REQUESTS = 200;

void withBenchDatabase('dept_report', async (db) => {
  const tenantId = id('tbench', 3);
  const now = new Date();
  const day = 86_400_000;
  await bulkInsert(db, 'Tenant', ['id', 'name', 'updatedAt'], [[tenantId, '十万人企业', now]]);
  const root = { id: id('d', 0), path: `/${id('d', 0)}/` };
  const divisions = Array.from({ length: DIVISIONS }, (_, i) => ({ id: id('dv', i), path: `${root.path}${id('dv', i)}/` }));
  const teams = divisions.flatMap((dv, i) => Array.from({ length: TEAMS_PER_DIVISION }, (_, j) => ({ id: id('dt', i * 100 + j), path: `${dv.path}${id('dt', i * 100 + j)}/`, division: i })));
  await bulkInsert(db, 'Department', ['id', 'tenantId', 'name', 'path', 'parentId', 'updatedAt'], [
    [root.id, tenantId, '总部', root.path, null, now],
    ...divisions.map((d, i) => [d.id, tenantId, `事业部${i}`, d.path, root.id, now]),
    ...teams.map((t, i) => [t.id, tenantId, `小组${i}`, t.path, divisions[t.division].id, now]),
  ]);
  const t0 = performance.now();
  const members = Array.from({ length: LEARNERS }, (_, i) => id('m', i));
  await bulkInsert(db, 'Member', ['id', 'tenantId', 'hostUserId', 'updatedAt'], members.map((m) => [m, tenantId, m, now]), 2000);
  await bulkInsert(db, 'DepartmentMember', ['tenantId', 'departmentId', 'memberId'], members.map((m, i) => [tenantId, teams[i % teams.length].id, m]), 2000);
  const courseId = id('c', 1);
  await bulkInsert(db, 'Course', ['id', 'tenantId', 'title', 'status', 'updatedAt'], [[courseId, tenantId, '课程', 'published', now]]);
  // Half the tasks go to everyone, half to one division each; some are past due.
  const tasks = Array.from({ length: TASKS }, (_, i) => ({ id: id('task', i), division: i < TASKS / 2 ? null : (i - TASKS / 2) % DIVISIONS }));
  await bulkInsert(db, 'TrainingTask', ['id', 'tenantId', 'title', 'required', 'startsAt', 'dueAt', 'updatedAt'], tasks.map((t, i) => [t.id, tenantId, `任务${i}`, 1, new Date(Date.now() - 30 * day), new Date(Date.now() + (i % 3 === 0 ? -day : 30 * day)), now]));
  await bulkInsert(db, 'TaskItem', ['id', 'tenantId', 'taskId', 'kind', 'refId'], tasks.map((t, i) => [id('ti', i), tenantId, t.id, 'course', courseId]));
  await bulkInsert(db, 'TaskTarget', ['id', 'tenantId', 'taskId', 'kind', 'refId'], tasks.map((t, i) => [id('tt', i), tenantId, t.id, t.division === null ? 'enterprise' : 'department', t.division === null ? null : divisions[t.division].id]));
  // Roughly half of each task's assignees have completed it.
  const completions: unknown[][] = [];
  tasks.forEach((t, ti) => {
    members.forEach((m, i) => {
      const team = teams[i % teams.length];
      if (t.division !== null && team.division !== t.division) return;
      if ((i * 7 + ti * 13) % 100 < 50) completions.push([tenantId, t.id, m, now]);
    });
  });
  await bulkInsert(db, 'TaskCompletion', ['tenantId', 'taskId', 'memberId', 'completedAt'], completions, 5000);
  console.log(`data: ${LEARNERS} learners in ${1 + DIVISIONS + teams.length} departments, ${TASKS} tasks, ${completions.length} completions (${round((performance.now() - t0) / 1000)} s)`);

  const config = loadConfig({ NODE_ENV: 'production', LOG_LEVEL: 'silent', SECRET_KEY: 'bench-secret-key-0123456789-abcdefghijklmnop', DATABASE_URL: 'mysql://unused@127.0.0.1/x' });
  const deps = buildDeps(config, db, pino({ level: 'silent' }));
  const scoped = scopeToTenant(db.prisma, tenantId);

  const r0 = performance.now();
  await refreshDeptStats(deps, scoped, tenantId);
  const refreshMs = performance.now() - r0;
  console.log(`refresh (reports.refresh job): ${round(refreshMs)} ms`);

  // Baseline: the same totals live, one aggregate per task over member-level data (whole enterprise).
  const rows = await scoped.trainingTask.findMany({ select: taskSelect });
  const b0 = performance.now();
  let liveAssigned = 0;
  for (const task of rows) liveAssigned += (await taskSummary(deps, scoped, tenantId, task)).assignees;
  const baseline = performance.now() - b0;
  console.log(`baseline: live per-task aggregation for the whole enterprise ${round(baseline)} ms (${liveAssigned} assignments)`);

  const targets = [root.id, ...divisions.map((d) => d.id), ...teams.slice(0, 20).map((t) => t.id)];
  const latencies: number[] = [];
  const rootLatencies: number[] = [];
  let rootAssigned = 0;
  for (let i = 0; i < REQUESTS; i++) {
    const dept = targets[i % targets.length];
    const s0 = performance.now();
    const r = await departmentReport(deps, scoped, tenantId, dept, { live: false });
    const ms = performance.now() - s0;
    latencies.push(ms);
    if (dept === root.id) {
      rootLatencies.push(ms);
      rootAssigned = r.totals.assigned;
    }
  }
  const p95 = percentile(latencies, 95);
  const rootP95 = percentile(rootLatencies, 95);
  console.log(`dept-report: ${REQUESTS} reports, p50 ${round(percentile(latencies, 50))} ms, p95 ${round(p95)} ms; whole enterprise p95 ${round(rootP95)} ms (${rootAssigned} assignments, live ${liveAssigned})`);
  report('dept-report', {
    learners: LEARNERS, tasks: TASKS, completions: completions.length, requests: REQUESTS, p50Ms: round(percentile(latencies, 50)), p95Ms: round(p95),
    wholeEnterpriseP95Ms: round(rootP95), refreshMs: round(refreshMs), consistent: rootAssigned === liveAssigned,
    baseline: round(baseline), ratio: round(rootP95 / baseline, 4), target: { p95Ms: 200 }, pass: p95 < 200 && rootP95 < 200 && rootAssigned === liveAssigned,
  });
}).catch((err) => {
  console.error(err);
  process.exit(1);
});
