/**
 * End to end on the H5 build, in Chromium, against a real Qixue and the WeCom sandbox:
 *   a demo employee signs in (sandbox sign-in page → real OAuth login), finds a document by a
 *   Chinese search, completes a short video course — the test speeds the clip up and moves the
 *   server's training clock with it, so the server's rules (no faster than the clock) still hold —
 *   passes its exam and sees the credit hours; the demo admin opens the console, assigns a task to
 *   the employee's department and sees the progress (when the task and report APIs exist). The demo
 *   corp's own content (sandbox/demo/content.ts) is there too, as after `npm start`.
 * Every step fails on a page error, a console error, a failed request or an HTTP error.
 * Screenshots at phone size and of the console at 1280×800 go to tests/e2e-artifacts/.
 * Skips (does not fail) without Chromium or without the H5 build.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { clock } from '../../../server/src/modules/courses/clock';
import { api, ARTIFACTS, CHROMIUM, expectText, missingPrerequisite, silentWav, startStage, watch, type Stage, signInAs as signIn, type DemoPerson as Person } from './harness';

const missing = missingPrerequisite();
if (missing) console.warn(`e2e skipped: ${missing}`);
const maybe = missing ? describe.skip : describe;

const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1280, height: 800 };
const CLIP_SEC = 20;
const SPEED = 4;

maybe('H5 app in Chromium against Qixue and the sandbox', () => {
  jest.setTimeout(180_000);
  let stage: Stage;
  let browser: Browser;
  let media: Server;
  let mediaUrl: string;
  let admin: Person;
  let employee: Person;
  let adminToken: string;
  let desk: BrowserContext;
  const deskErrors: string[] = [];
  const made: { docTitle?: string; courseId?: string; examId?: string } = {};
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

    // What the admin prepares in the console, done through the API: a document, an exam, a course.
    const people = (await api<{ items: Person[] }>(stage.url, 'GET', '/dev/sandbox/people')).items;
    admin = people.find((p) => p.role === 'admin')!;
    employee = people.find((p) => p.role === 'member')!;
    const { authCode } = await api<{ authCode: string }>(stage.url, 'POST', '/dev/sandbox/login-code', undefined, { corpId: admin.corpId, userid: admin.hostUserId, kind: 'admin' });
    adminToken = (await api<{ token: string }>(stage.url, 'POST', '/api/v1/auth/wecom/admin-sso', undefined, { authCode })).token;
    const t = adminToken;
    const { question } = await api<{ question: { id: string } }>(stage.url, 'POST', '/api/v1/questions', t, {
      type: 'single', stem: '课程学时在什么情况下记入？',
      options: [{ key: 'A', text: '完成全部章节并通过考试' }, { key: 'B', text: '打开课程即可' }], answer: ['A'],
    });
    const { exam } = await api<{ exam: { id: string } }>(stage.url, 'POST', '/api/v1/exams', t, { title: '网络安全考试', passScore: 60, timeLimitSec: 600, maxAttempts: 3, resultVisibility: 'full' });
    await api(stage.url, 'PUT', `/api/v1/exams/${exam.id}/questions`, t, { questions: [{ questionId: question.id, score: 100 }] });
    const { course } = await api<{ course: { id: string } }>(stage.url, 'POST', '/api/v1/courses', t, { title: '网络安全基础', creditHours: 2, examId: exam.id });
    await api(stage.url, 'PATCH', `/api/v1/exams/${exam.id}`, t, { courseId: course.id });
    await api(stage.url, 'POST', `/api/v1/exams/${exam.id}/publish`, t);
    await api(stage.url, 'POST', `/api/v1/courses/${course.id}/chapters`, t, { title: '安全意识', kind: 'video', durationSec: CLIP_SEC, mediaUrl });
    await api(stage.url, 'POST', `/api/v1/courses/${course.id}/publish`, t);
    Object.assign(made, { courseId: course.id, examId: exam.id });
  });

  afterAll(async () => {
    clock.now = realNow;
    await browser?.close();
    await new Promise((r) => media?.close(r));
    await stage?.close();
  });

  // Taro's H5 router slides a new page in: let it settle before the picture.
  const shot = async (page: Page, name: string) => {
    await page.waitForTimeout(500);
    await page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: false });
  };

  async function phone() {
    const context = await browser.newContext({ viewport: PHONE, deviceScaleFactor: 2, isMobile: true, hasTouch: true, locale: 'zh-CN' });
    const page = await context.newPage();
    const errors = watch(page, []);
    return { context, page, errors };
  }

  const signInAs = (page: Page, person: Person) => signIn(page, stage.url, person);

  it('an employee signs in and finds a document by a Chinese search', async () => {
    const t = adminToken;
    const { space } = await api<{ space: { id: string } }>(stage.url, 'POST', '/api/v1/spaces', t, { name: '员工手册' });
    await api(stage.url, 'POST', `/api/v1/spaces/${space.id}/permissions`, t, { subjectKind: 'enterprise', role: 'viewer' });
    made.docTitle = '考勤与学习制度';
    await api(stage.url, 'POST', `/api/v1/spaces/${space.id}/nodes`, t, {
      kind: 'document', title: made.docTitle, body: '<p>员工每年需要完成规定学时的学习，并遵守公司的考勤制度。</p>',
    });
    const { context, page, errors } = await phone();

    await page.goto(`${stage.url}/app/`);
    await page.waitForURL(/sign-in/);
    await page.locator('[data-testid=demo-person]').first().waitFor();
    await shot(page, 'phone-01-sign-in');
    await signInAs(page, employee);
    await page.locator('[data-testid=home]').waitFor();
    await page.getByText('我的培训任务').waitFor();
    await shot(page, 'phone-02-home');

    // Knowledge: a Chinese search finds the document; it opens under the reader's watermark.
    await page.goto(`${stage.url}/app/pages/knowledge/index`);
    await page.locator('[data-testid=space-card]').first().waitFor();
    await shot(page, 'phone-03-knowledge');
    const box = page.locator('[data-testid=search-input] input, input').first();
    await box.fill('考勤');
    await box.press('Enter');
    const hit = page.locator('[data-testid=search-hit]').first();
    await hit.waitFor();
    await expectText(hit, made.docTitle!);
    await shot(page, 'phone-04-search');
    await hit.click();
    await page.locator('[data-testid=document]').waitFor();
    await page.locator('[data-testid=watermark]').waitFor({ state: 'attached' });
    await expectText(page.locator('[data-testid=document]'), '考勤制度');
    await shot(page, 'phone-05-document');

    expect(errors).toEqual([]);
    await context.close();
  });

  it('the admin (console at 1280×800) assigns the course as a task to the employee\'s department', async () => {
    desk = await browser.newContext({ viewport: DESKTOP, locale: 'zh-CN' });
    const page = await desk.newPage();
    watch(page, deskErrors);
    await signInAs(page, admin);
    await page.waitForURL(/packages\/admin\/pages\/dashboard/);
    await page.locator('[data-testid=dashboard]').waitFor();

    await page.goto(`${stage.url}/app/packages/admin/pages/members/index`);
    await page.locator('[data-testid=member-row]').first().waitFor();
    await shot(page, 'admin-02-members');
    await page.goto(`${stage.url}/app/packages/admin/pages/exams/index`);
    await page.waitForLoadState('networkidle');
    await shot(page, 'admin-03-exams');

    await page.goto(`${stage.url}/app/packages/admin/pages/tasks/index`);
    await page.locator('[data-testid=assign-task]').waitFor();
    await page.locator('[data-testid=task-title]').locator('input').fill('网络安全专项培训');
    await page.locator('[data-testid=pick-course]', { hasText: '网络安全基础' }).click();
    const target = page.locator('[data-testid=pick-department-toggle]', { hasText: new RegExp(`^\\W*${employee.department}$`) });
    await page.locator('[data-testid=pick-department]').first().waitFor();
    for (let i = 0; i < 10 && !(await target.count()); i++) await page.locator('[data-testid=pick-department-expand]').first().click();
    await target.click();
    await page.locator('[data-testid=assign]').click();
    await expectText(page.locator('[data-testid=task-message]'), '任务已下发');
    await shot(page, 'admin-04-task-assigned');
  });

  it('the employee completes a short course, passes its exam and sees the credit hours', async () => {
    const { context, page, errors } = await phone();
    await signInAs(page, employee);
    await page.locator('[data-testid=home]').waitFor();
    const card = page.locator('[data-testid=task-card]', { hasText: '网络安全专项培训' });
    await expectText(card, '网络安全专项培训');
    // The card says how far along and what is next: the course's first chapter.
    await expectText(card.locator('[data-testid=task-next]'), '下一步：学习《网络安全基础》第1章');
    await expectText(card.locator('[data-testid=task-percent]'), '0%');
    await shot(page, 'phone-02-home-task');

    // The course: enrol, play the clip at 4× while the server's clock runs at 4× too.
    await page.goto(`${stage.url}/app/packages/course/pages/detail/index?id=${made.courseId}`);
    await page.locator('[data-testid=enrol]').click();
    await page.locator('[data-testid=chapter]').first().click();
    const video = page.locator('[data-testid=player] video');
    await video.waitFor({ state: 'attached' });
    const t0 = Date.now();
    const offsetAtStart = realNow() - Date.now();
    clock.now = () => Date.now() + offsetAtStart + (Date.now() - t0) * (SPEED - 1);
    await video.evaluate((el, speed: number) => {
      const v = el as unknown as { muted: boolean; playbackRate: number; play(): Promise<void> };
      v.muted = true;
      v.playbackRate = speed;
      return v.play();
    }, SPEED);
    await page.locator('[data-testid=chapter-status]', { hasText: '已完成' }).waitFor({ timeout: (CLIP_SEC / SPEED) * 1000 + 30_000 });
    // Keep the server clock where it got to (never backwards).
    const reached = clock.now() - Date.now();
    clock.now = () => Date.now() + reached;
    await shot(page, 'phone-06-course');

    // The exam: answer, submit, pass.
    await page.locator('[data-testid=take-exam]').click();
    await page.locator('[data-testid=question]').waitFor();
    await page.locator('[data-testid=option]', { hasText: '完成全部章节并通过考试' }).click();
    await shot(page, 'phone-07-exam');
    await page.locator('[data-testid=submit-exam]').click();
    await page.locator('.taro__modal .taro-model__confirm').click(); // Taro H5's showModal (its class names)
    await page.locator('[data-testid=exam-result]').waitFor();
    await expectText(page.locator('[data-testid=exam-verdict]'), '考试通过');
    // The exam shows answers after submission: my answer and the right one, in words.
    const reviewed = page.locator('[data-testid=review-question]').first();
    await expectText(reviewed.locator('[data-testid=review-mine]'), '我的答案：A. 完成全部章节并通过考试（正确）');
    await expectText(reviewed.locator('[data-testid=review-right]'), '正确答案：A. 完成全部章节并通过考试');
    await shot(page, 'phone-08-exam-result');

    // Me: the course's 2 credit hours against the annual requirement.
    await page.goto(`${stage.url}/app/pages/me/index`);
    await expectText(page.locator('[data-testid=hours-earned]'), '2');
    await shot(page, 'phone-09-me');

    // The certificate: a page of its own from the records, and a picture to save.
    await page.goto(`${stage.url}/app/packages/account/pages/records/index`);
    await page.locator('[data-testid=certificate-card]', { hasText: '网络安全基础' }).click();
    await page.locator('[data-testid=certificate]').waitFor();
    await expectText(page.locator('[data-testid=certificate-course]'), '《网络安全基础》');
    await expectText(page.locator('[data-testid=certificate-hours]'), '获得学时：2 学时');
    await expectText(page.locator('[data-testid=certificate-date]'), '发证日期：');
    await expectText(page.locator('[data-testid=certificate-number]'), '证书编号：');
    await shot(page, 'phone-09-certificate');
    const [saved] = await Promise.all([page.waitForEvent('download'), page.locator('[data-testid=save-certificate]').click()]);
    expect(saved.suggestedFilename()).toMatch(/^证书-网络安全基础-[A-Z0-9]+\.png$/);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('the admin sees the employee\'s progress in the task, in the department report and in a chart', async () => {
    const page = await desk.newPage();
    watch(page, deskErrors);
    await page.goto(`${stage.url}/app/packages/admin/pages/tasks/index`);
    await page.locator('[data-testid=task-row]', { hasText: '网络安全专项培训' }).getByText('进度', { exact: true }).click();
    await page.locator('[data-testid=assignee-filter]', { hasText: '已完成' }).click();
    const row = page.locator(`[data-testid=assignee-row][data-host-user-id="${employee.hostUserId}"]`);
    await expectText(row, '已完成');
    await shot(page, 'admin-05-task-progress');

    await page.goto(`${stage.url}/app/packages/admin/pages/reports/index`);
    await page.locator('.qx-abtn', { hasText: new RegExp(`^${employee.department}$`) }).first().click();
    const reportRow = page.locator('[data-testid=report-row]', { hasText: '网络安全专项培训' });
    await reportRow.waitFor();
    expect(Number((await reportRow.locator('.qx-table__cell').nth(3).textContent()) ?? 0)).toBeGreaterThanOrEqual(1);
    await page.locator('[data-testid=chart-report]').waitFor();
    await shot(page, 'admin-06-report');

    await page.goto(`${stage.url}/app/packages/admin/pages/dashboard/index`);
    await page.locator('[data-testid=chart-completion]').waitFor();
    await expectText(page.locator('[data-testid=chart-tasks]'), '网络安全');
    await shot(page, 'admin-01-dashboard');

    await page.goto(`${stage.url}/app/packages/admin/pages/settings/index`);
    await page.locator('[data-testid=settings]').waitFor();
    await shot(page, 'admin-07-settings');

    // 学习记录接口: a credential for another system; its secret is shown this once, then it is revoked.
    await page.goto(`${stage.url}/app/packages/admin/pages/lrs/index`);
    await expectText(page.locator('[data-testid=lrs-endpoint]'), '/xapi');
    await page.locator('[data-testid=lrs-name] input').fill('集团学习平台');
    await page.locator('[data-testid=lrs-issue]').click();
    await expectText(page.locator('[data-testid=lrs-issued]'), '密钥只显示这一次');
    expect((await page.locator('[data-testid=lrs-issued-secret]').textContent())?.length).toBeGreaterThan(20);
    await expectText(page.locator('[data-testid=lrs-credentials]'), '集团学习平台');
    await shot(page, 'admin-08-lrs-issued');
    await page.locator('[data-testid=lrs-issued-done]').click();
    await page.locator('[data-testid=lrs-issued]').waitFor({ state: 'detached' });
    await page.locator('[data-testid=lrs-revoke]').click();
    await page.getByText('撤销', { exact: true }).last().click();
    await expectText(page.locator('[data-testid=lrs-credentials]'), '已撤销');
    expect(deskErrors).toEqual([]);
    await desk.close();
  });

  it('an unknown app route shows 页面不存在; an unknown URL answers a Chinese page to the browser', async () => {
    const { context, page, errors } = await phone();
    await signInAs(page, employee);
    await page.locator('[data-testid=home]').waitFor();
    await page.goto(`${stage.url}/app/pages/no-such-page/index`);
    await expectText(page.locator('[data-testid=not-found]'), '页面不存在');
    await shot(page, 'phone-10-not-found');
    const res = await page.goto(`${stage.url}/no-such-page`);
    expect(res?.status()).toBe(404);
    await expectText(page.locator('h1'), '页面不存在');
    await shot(page, 'phone-11-server-404');
    // The two 404s are what this step asked for; nothing else may fail.
    expect(errors.filter((e) => !/HTTP 404: GET .*\/no-such-page$/.test(e) && !/status of 404 \(Not Found\)/.test(e))).toEqual([]);
    await context.close();
  });
});
