/**
 * The console walk (#12), in Chromium against a real Qixue and the sandbox, every step by clicking:
 *   the admin makes a knowledge space and documents (create, edit, rename, archive), a question by
 *   form (create, edit), an exam (settings, paper, publish; a second one deleted), a course with a
 *   reading chapter and a video chapter (a second course deleted), then assigns a task of the
 *   course, an exam and a document to the employee's department;
 *   the employee (phone) reads the chapter, watches the video, passes the course exam, reads the
 *   task document and confirms it, and sees the task done and the hours on 我的;
 *   the admin then finds the same figures on the task page, the report, the dashboard and the Excel
 *   export.
 * Fails on page errors, console errors, failed requests and HTTP errors; screenshots of each console
 * page go to tests/e2e-artifacts/walk-*.png. Skips without Chromium or the H5 build.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { chromium, type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { clock } from '../../../server/src/modules/courses/clock';
import { api, ARTIFACTS, CHROMIUM, missingPrerequisite, silentWav, startStage, type Stage, expectText, signInAs as signIn, watch, type DemoPerson as Person } from './harness';

const missing = missingPrerequisite();
const maybe = missing ? describe.skip : describe;

const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1280, height: 800 };
const CLIP_SEC = 12;
const SPEED = 4;
const TASK = '季度合规培训';
const COURSE = '合规入门';
const EXAM = '合规测验';
const DOC = '报销制度';

maybe('the admin console, end to end: content made by hand, a task, the same figures everywhere', () => {
  jest.setTimeout(300_000);
  let stage: Stage;
  let browser: Browser;
  let media: Server;
  let mediaUrl: string;
  let admin: Person;
  let employee: Person;
  let desk: BrowserContext;
  let page: Page;
  const deskErrors: string[] = [];
  const realNow = clock.now;

  beforeAll(async () => {
    stage = await startStage();
    const clip = silentWav(CLIP_SEC);
    media = createServer((_req, res) => res.writeHead(200, { 'content-type': 'audio/wav', 'content-length': clip.length }).end(clip));
    await new Promise<void>((r) => media.listen(0, '127.0.0.1', r));
    mediaUrl = `http://127.0.0.1:${(media.address() as AddressInfo).port}/clip.wav`;
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--autoplay-policy=no-user-gesture-required'],
    });
    const people = (await api<{ items: Person[] }>(stage.url, 'GET', '/dev/sandbox/people')).items;
    admin = people.find((p) => p.role === 'admin')!;
    employee = people.find((p) => p.role === 'member' && p.department)!;
    desk = await browser.newContext({ viewport: DESKTOP, locale: 'zh-CN', acceptDownloads: true });
    page = await desk.newPage();
    watch(page, deskErrors);
    await signInAs(page, admin);
    await page.waitForURL(/packages\/admin\/pages\/dashboard/);
  });

  afterAll(async () => {
    clock.now = realNow;
    await browser?.close();
    await new Promise((r) => media?.close(r));
    await stage?.close();
  });

  // The console as each step left it: the first thing to look at when a step fails.
  let step = 0;
  afterEach(async () => {
    await page?.screenshot({ path: join(ARTIFACTS, `walk-after-step-${++step}.png`) }).catch(() => undefined);
  });

  const shot = async (p: Page, name: string) => {
    await p.waitForTimeout(400);
    await p.screenshot({ path: join(ARTIFACTS, `walk-${name}.png`), fullPage: false });
  };

  const signInAs = (p: Page, person: Person) => signIn(p, stage.url, person);

  const open = (name: string) => page.goto(`${stage.url}/app/packages/admin/pages/${name}/index`);
  const fill = (testId: string, text: string, scope: Page | Locator = page) => scope.locator(`[data-testid=${testId}]`).locator('input, textarea').first().fill(text);
  const click = (testId: string, hasText?: string, scope: Page | Locator = page) => scope.locator(`[data-testid=${testId}]`, hasText ? { hasText } : {}).first().click();
  /** Taro H5's showModal: confirm. */
  const confirmModal = () => page.locator('.taro__modal .taro-model__confirm').click();
  const toast = (text: string) => page.getByText(text).first().waitFor();

  it('knowledge: a space, documents created, edited, renamed and archived', async () => {
    await open('knowledge');
    await fill('new-space-name', '新人指南');
    await click('create-space');
    await toast('空间已创建');
    await page.locator('[data-testid=space-tree]').waitFor();
    // A new document opens in the editor: write the first one's body there.
    await click('new-document');
    await fill('node-title', DOC);
    await click('create-node');
    await page.locator('[data-testid=document-editor]').waitFor();
    await fill('document-body', '差旅报销须在出差结束后 30 天内提交，并附发票原件。');
    await click('save-document');
    await toast('已保存');
    await shot(page, 'knowledge-document-editor');
    await page.getByText('返回目录').click();
    await click('new-document');
    await fill('node-title', '草稿文档');
    await click('create-node');
    await page.locator('[data-testid=document-editor]').waitFor();
    await page.getByText('返回目录').click();
    // Edit the first again: its body is there.
    await click('edit-document', undefined, page.locator('[data-testid=tree-node]', { hasText: DOC }));
    await expectValue(page.locator('[data-testid=document-body] textarea'), '发票原件');
    await page.getByText('返回目录').click();
    // Rename the second, then archive it.
    const draft = page.locator('[data-testid=tree-node]', { hasText: '草稿文档' });
    await click('rename-node', undefined, draft);
    await fill('rename-input', '作废文档');
    await page.locator('[data-testid=tree-node]').getByText('保存', { exact: true }).click();
    const renamed = page.locator('[data-testid=tree-node]', { hasText: '作废文档' });
    await renamed.waitFor();
    await renamed.getByText('归档', { exact: true }).click();
    await confirmModal();
    await renamed.waitFor({ state: 'detached' });
    await shot(page, 'knowledge-tree');
    // The employee's department may read the space.
    await page.getByText('空间设置与权限').click();
    await grantDepartment(employee.department!);
    expect(deskErrors).toEqual([]);
  });

  async function grantDepartment(name: string) {
    const target = page.locator('[data-testid=pick-department-toggle]', { hasText: new RegExp(`^\\W*${name}$`) });
    await page.locator('[data-testid=pick-department]').first().waitFor();
    for (let i = 0; i < 10 && !(await target.count()); i++) await page.locator('[data-testid=pick-department-expand]').first().click();
    await target.click();
    await page.getByText('授权', { exact: true }).click();
    await toast('已授权 1 个部门');
  }

  it('exams: a question by form (created, edited), an exam with settings and a paper; a spare exam deleted', async () => {
    await open('exams');
    await click('exam-tab', '题库');
    await click('new-question');
    await fill('question-stem', '发票原件需要在多少天内提交？');
    const options = page.locator('[data-testid=question-option]');
    await options.nth(0).locator('input').fill('30 天');
    await options.nth(1).locator('input').fill('一年');
    await page.locator('[data-testid=question-correct]').nth(1).click();
    await click('save-question');
    await toast('题目已添加');
    const row = page.locator('[data-testid=question-row]', { hasText: '发票原件' });
    await row.waitFor();
    // The right answer was picked wrong: edit it.
    await click('edit-question', undefined, row);
    await page.locator('[data-testid=question-form] [data-testid=question-correct]').nth(0).click();
    await click('save-question');
    await toast('题目已保存');
    await shot(page, 'exams-bank');

    await click('exam-tab', '考试');
    for (const title of [EXAM, '临时考试']) {
      await page.locator('.qx-panel', { hasText: '新建考试' }).locator('input').first().fill(title);
      await page.locator('.qx-panel', { hasText: '新建考试' }).getByText('创建', { exact: true }).click();
      await page.locator('[data-testid=exam-row]', { hasText: title }).waitFor();
    }
    const spare = page.locator('[data-testid=exam-row]', { hasText: '临时考试' });
    await spare.getByText('删除', { exact: true }).click();
    await confirmModal();
    await spare.waitFor({ state: 'detached' });

    const exam = page.locator('[data-testid=exam-row]', { hasText: EXAM });
    await click('exam-settings-toggle', undefined, exam);
    await fill('exam-attempts', '3');
    await fill('exam-pass', '60');
    await click('save-exam');
    await toast('已保存');
    await exam.getByText('组卷', { exact: true }).click();
    await page.locator('[data-testid=paper-editor] .qx-table__row', { hasText: '发票原件' }).click();
    await page.locator('[data-testid=paper-editor]').getByText('保存试卷').click();
    await page.getByText(`「${EXAM}」已组卷：1 题`).waitFor();
    await click('publish-exam', undefined, exam);
    await toast('考试已发布');
    await shot(page, 'exams');
    expect(deskErrors).toEqual([]);
  });

  it('courses: a reading chapter and a video chapter, ordered, the exam attached, published; a spare course deleted', async () => {
    await open('courses');
    await fill('new-course-title', '临时课程');
    await click('create-course');
    await page.locator('[data-testid=course-editor]').waitFor();
    await page.getByText('返回课程列表').click();
    const spare = page.locator('[data-testid=course-row]', { hasText: '临时课程' });
    await spare.getByText('删除', { exact: true }).click();
    await confirmModal();
    await spare.waitFor({ state: 'detached' });

    await fill('new-course-title', COURSE);
    await click('create-course');
    await page.locator('[data-testid=course-editor]').waitFor();
    await click('add-chapter');
    await fill('chapter-title', '报销须知');
    await fill('chapter-body', '出差结束后 30 天内提交报销单，附发票原件。\n超期需部门负责人审批。');
    await click('save-chapter');
    await toast('章节已添加');
    await click('add-chapter');
    await click('chapter-kind', '视频');
    await fill('chapter-title', '报销演示');
    await fill('chapter-video-url', mediaUrl);
    await fill('chapter-duration', String(CLIP_SEC));
    await click('save-chapter');
    await toast('章节已添加');
    await expectCount(page.locator('[data-testid=chapter-row]'), 2);
    // Order: the video first, then back.
    await page.locator('[data-testid=chapter-down]').first().click();
    await toast('章节顺序已保存');
    await page.locator('[data-testid=chapter-up]').nth(1).click();
    await expectText(page.locator('[data-testid=chapter-row]').first(), '报销须知');
    await fill('course-title', COURSE);
    await page.locator('.qx-form-row', { hasText: '课程考试' }).getByText(EXAM).click();
    await click('save-course');
    await toast('课程已保存');
    await shot(page, 'course-editor');
    await page.getByText('返回课程列表').click();
    await click('publish-course', undefined, page.locator('[data-testid=course-row]', { hasText: COURSE }));
    await toast('已发布');
    await shot(page, 'courses');
    expect(deskErrors).toEqual([]);
  });

  it('tasks: the course, the exam and the document, assigned to the employee\'s department', async () => {
    await open('tasks');
    await fill('task-title', TASK);
    await click('pick-course', COURSE);
    await click('pick-exam', EXAM);
    await click('pick-space', '新人指南');
    await click('pick-document', DOC);
    const target = page.locator('[data-testid=pick-department-toggle]', { hasText: new RegExp(`^\\W*${employee.department}$`) });
    await page.locator('[data-testid=pick-department]').first().waitFor();
    for (let i = 0; i < 10 && !(await target.count()); i++) await page.locator('[data-testid=pick-department-expand]').first().click();
    await target.click();
    await click('assign');
    await expectText(page.locator('[data-testid=task-message]'), '任务已下发');
    await shot(page, 'tasks');
    expect(deskErrors).toEqual([]);
  });

  it('the employee completes everything the task asks, on a phone', async () => {
    const context = await browser.newContext({ viewport: PHONE, deviceScaleFactor: 2, isMobile: true, hasTouch: true, locale: 'zh-CN' });
    const phone = await context.newPage();
    const errors = watch(phone, []);
    await signInAs(phone, employee);
    await phone.locator('[data-testid=home]').waitFor();
    const { items } = await api<{ items: Array<{ id: string; title: string }> }>(stage.url, 'GET', '/api/v1/me/tasks', await tokenOf(phone));
    const task = items.find((t) => t.title === TASK)!;
    const detail = await api<{ mine: { items: Array<{ kind: string; refId: string }> } }>(stage.url, 'GET', `/api/v1/tasks/${task.id}`, await tokenOf(phone));
    const ref = (kind: string) => detail.mine.items.find((i) => i.kind === kind)!.refId;

    // The server's training clock runs SPEED× while the employee studies (never backwards).
    const t0 = Date.now();
    const offset = realNow() - Date.now();
    clock.now = () => Date.now() + offset + (Date.now() - t0) * (SPEED - 1);

    await phone.goto(`${stage.url}/app/packages/course/pages/detail/index?id=${ref('course')}`);
    await phone.locator('[data-testid=enrol]').click();
    await phone.locator('[data-testid=chapter]', { hasText: '报销须知' }).click();
    await phone.locator('[data-testid=reading-status]').waitFor();
    await phone.locator('[data-testid=chapter]', { hasText: '报销须知' }).locator('[data-testid=chapter-status]', { hasText: '已完成' }).waitFor({ timeout: 60_000 });
    await shot(phone, 'phone-reading-done');
    await phone.locator('[data-testid=chapter]', { hasText: '报销演示' }).click();
    const video = phone.locator('[data-testid=player] video');
    await video.waitFor({ state: 'attached' });
    await video.evaluate((el, speed: number) => {
      const v = el as unknown as { muted: boolean; playbackRate: number; play(): Promise<void> };
      v.muted = true;
      v.playbackRate = speed;
      return v.play();
    }, SPEED);
    await phone.locator('[data-testid=chapter]', { hasText: '报销演示' }).locator('[data-testid=chapter-status]', { hasText: '已完成' }).waitFor({ timeout: 60_000 });
    const reached = clock.now() - Date.now();
    clock.now = () => Date.now() + reached;

    await phone.locator('[data-testid=take-exam]').click();
    await phone.locator('[data-testid=option]', { hasText: '30 天' }).click();
    await phone.locator('[data-testid=submit-exam]').click();
    await phone.locator('.taro__modal .taro-model__confirm').click();
    await expectText(phone.locator('[data-testid=exam-verdict]'), '考试通过');

    // The task's document, opened from the task: read and confirmed.
    await phone.goto(`${stage.url}/app/packages/knowledge/pages/doc/index?id=${ref('document')}&taskId=${task.id}`);
    await expectText(phone.locator('[data-testid=document]'), '发票原件');
    // Opening it from the task counts as reading it; the page says so (or offers 我已阅读 if not yet).
    await phone.locator('[data-testid=task-read]').waitFor();
    if (await phone.locator('[data-testid=confirm-read]').count()) await phone.locator('[data-testid=confirm-read]').click();
    await phone.locator('[data-testid=task-read-done]').waitFor();
    await shot(phone, 'phone-task-document');

    const done = await api<{ mine: { status: string } }>(stage.url, 'GET', `/api/v1/tasks/${task.id}`, await tokenOf(phone));
    expect(done.mine.status).toBe('completed');
    await phone.goto(`${stage.url}/app/pages/me/index`);
    await expectText(phone.locator('[data-testid=hours-earned]'), '1');
    await shot(phone, 'phone-me');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('the admin sees the same figures on the task page, the report, the dashboard and the Excel export', async () => {
    await open('tasks');
    const rate = page.locator('[data-testid=task-row]', { hasText: TASK }).locator('[data-testid=task-rate]');
    await expectText(rate, '%');
    const rateText = (await rate.textContent()) ?? '';
    const figures = /(\d+)\s*\/\s*(\d+)\s*（\s*([\d.]+)%/.exec(rateText);
    if (!figures) throw new Error(`task page rate reads "${rateText}"`);
    const [, completed, assigned, percent] = figures.map(Number);
    expect(completed).toBe(1);
    expect(assigned).toBeGreaterThanOrEqual(1);

    await open('reports');
    const reportRow = page.locator('[data-testid=report-row]', { hasText: TASK });
    await reportRow.waitFor();
    const cells = (await reportRow.locator('.qx-table__cell').allTextContents()).map((s) => s.trim());
    expect([cells[2], cells[3], cells[5]]).toEqual([String(assigned), String(completed), `${percent}%`]);
    await shot(page, 'report');

    await open('dashboard');
    const bar = page.locator('[data-testid=chart-tasks] .qx-chart__slot', { hasText: TASK });
    await expectText(bar.locator('.qx-chart__value'), `${percent}%`);
    await shot(page, 'dashboard');

    await open('reports');
    await click('export-tasks');
    await expectText(page.locator('[data-testid=export-job]'), '下载');
    const [download] = await Promise.all([page.waitForEvent('download'), click('export-download')]);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(readFileSync(await download.path()) as unknown as ArrayBuffer);
    const summary = book.worksheets[0];
    let found: unknown[] | null = null;
    summary.eachRow((r) => {
      const values = (r.values as unknown[]).slice(1);
      if (values[0] === TASK) found = values;
    });
    expect(found).not.toBeNull();
    const [, , , xAssigned, xCompleted, , xRate] = found as unknown as unknown[];
    expect([Number(xAssigned), Number(xCompleted), Number(xRate)]).toEqual([assigned, completed, percent]);
    expect(deskErrors).toEqual([]);
  });
});

/** The session token the H5 app keeps (Taro's H5 storage wraps values as {"data": …}). */
async function tokenOf(p: Page): Promise<string> {
  const raw = await p.evaluate(() => (globalThis as unknown as { localStorage: { getItem(k: string): string | null } }).localStorage.getItem('qixue.token'));
  const token = raw ? (JSON.parse(raw) as { data?: string }).data : undefined;
  if (!token) throw new Error('no session token in localStorage');
  return token;
}

async function expectValue(locator: Locator, text: string) {
  for (let i = 0; i < 100 && !(await locator.inputValue()).includes(text); i++) await new Promise((r) => setTimeout(r, 100));
  expect(await locator.inputValue()).toContain(text);
}

async function expectCount(locator: Locator, n: number) {
  for (let i = 0; i < 50 && (await locator.count()) !== n; i++) await new Promise((r) => setTimeout(r, 100));
  expect(await locator.count()).toBe(n);
}
