/**
 * 社区 end to end on the H5 build, in Chromium, against a real Qixue and the WeCom sandbox:
 * an employee asks a question (mentioning a colleague found by name), the colleague answers, a
 * third employee reports the question (举报, with a reason), the admin hides it from the review
 * queue in the console (1280×800), and the author sees the notice, the hidden state and the way
 * to appeal. Every step fails on a page error, a console error, a failed request or an HTTP error.
 * Screenshots (phone 390×844, console 1280×800) go to tests/e2e-artifacts/community-*.png.
 * Skips (does not fail) without Chromium or without the H5 build.
 */
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { api, ARTIFACTS, CHROMIUM, expectText, missingPrerequisite, startStage, watch, type Stage } from './harness';

const missing = missingPrerequisite();
if (missing) console.warn(`e2e skipped: ${missing}`);
const maybe = missing ? describe.skip : describe;

const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1280, height: 800 };
const TITLE = '新员工的年假怎么计算？';

interface Person {
  corpId: string;
  hostUserId: string;
  role: string;
  label: string;
}

maybe('社区 in Chromium: ask, answer, report, hide from the queue, the author is told', () => {
  jest.setTimeout(180_000);
  let stage: Stage;
  let browser: Browser;
  let admin: Person;
  let asker: Person;
  let answerer: Person;
  let reporter: Person;

  beforeAll(async () => {
    stage = await startStage();
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
    const people = (await api<{ items: Person[] }>(stage.url, 'GET', '/dev/sandbox/people')).items;
    admin = people.find((p) => p.role === 'admin')!;
    [asker, answerer, reporter] = people.filter((p) => p.role === 'member');
    expect(reporter).toBeDefined();
  });

  afterAll(async () => {
    await browser?.close();
    await stage?.close();
  });

  const shot = async (page: Page, name: string) => {
    await page.waitForTimeout(500); // Taro's H5 router slides a new page in
    await page.screenshot({ path: join(ARTIFACTS, `community-${name}.png`), fullPage: false });
  };

  /** A fresh browser for one person, signed in through the sandbox sign-in page; errors collected. */
  async function as(person: Person, viewport = PHONE) {
    const context = await browser.newContext(viewport === PHONE ? { viewport, deviceScaleFactor: 2, isMobile: true, hasTouch: true, locale: 'zh-CN' } : { viewport, locale: 'zh-CN' });
    const page = await context.newPage();
    const errors = watch(page, []);
    await page.goto(`${stage.url}/app/`);
    await page.waitForURL(/sign-in/);
    const card = page.locator(`[data-testid=demo-person][data-user="${person.hostUserId}"]`);
    await card.waitFor();
    await card.locator('taro-button-core, button').click();
    return { context, page, errors };
  }

  const openQuestion = async (page: Page) => {
    await page.goto(`${stage.url}/app/packages/community/pages/index/index`);
    const box = page.locator('[data-testid=community-search] input');
    await box.fill('年假');
    await box.press('Enter');
    const item = page.locator('[data-testid=community-item]', { hasText: TITLE });
    await item.click();
    await expectText(page.locator('[data-testid=post-title]'), TITLE);
  };

  it('an employee asks a question from 首页 → 社区, mentioning a colleague by name; it is published', async () => {
    const { context, page, errors } = await as(asker);
    await page.locator('[data-testid=home]').waitFor();
    await page.locator('[data-testid=home-community]').click();
    await page.locator('[data-testid=community]').waitFor();
    await shot(page, 'phone-01-list');
    await page.locator('[data-testid=community-new]').click();
    await page.locator('[data-testid=ask-title] input').fill(TITLE);
    await page.locator('[data-testid=ask-body] textarea').fill('入职不满一年，年假按月折算吗？');
    await page.locator('[data-testid=mention-open]').click();
    await page.locator('[data-testid=mention-search] input').fill(answerer.label.slice(0, 2));
    await page.locator('[data-testid=mention-candidate]', { hasText: answerer.label }).click();
    await expectText(page.locator('[data-testid=mention-picked]'), answerer.label);
    await shot(page, 'phone-02-ask');
    await page.locator('[data-testid=ask-send]').click();
    await page.locator('[data-testid=outcome-published]').waitFor();
    await expectText(page.locator('[data-testid=post-title]'), TITLE);
    await expectText(page.locator('[data-testid=mentions]'), answerer.label);
    await shot(page, 'phone-03-published');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('the mentioned colleague finds it by a Chinese search and answers', async () => {
    const { context, page, errors } = await as(answerer);
    await page.locator('[data-testid=home]').waitFor();
    await openQuestion(page);
    await page.locator('[data-testid=reply-input] textarea').fill('按入职后剩余的日历天数折算，不足一天的部分不计。');
    await page.locator('[data-testid=reply-send]').click();
    await expectText(page.locator('[data-testid=reply-body]').first(), '折算');
    await shot(page, 'phone-04-answered');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('a third employee reports the question with a reason', async () => {
    const { context, page, errors } = await as(reporter);
    await page.locator('[data-testid=home]').waitFor();
    await openQuestion(page);
    await page.locator('[data-testid=post-report]').click();
    await page.locator('[data-testid=report-sheet]').waitFor();
    await page.locator('[data-testid=report-reason]', { hasText: '垃圾广告' }).click();
    await shot(page, 'phone-05-report');
    await page.locator('[data-testid=report-send]').click();
    await page.locator('[data-testid=report-sheet]').waitFor({ state: 'detached' });
    expect(errors).toEqual([]);
    await context.close();
  });

  it('the admin hides it from the review queue in the console', async () => {
    const { context, page, errors } = await as(admin, DESKTOP);
    await page.waitForURL(/packages\/admin\/pages\/dashboard/);
    await page.goto(`${stage.url}/app/packages/admin/pages/moderation/index`);
    const row = page.locator('[data-testid=case-row]', { hasText: '举报' });
    await row.first().click();
    await expectText(page.locator('[data-testid=case-text]'), TITLE);
    await expectText(page.locator('[data-testid=case-panel]'), '垃圾广告 1 次');
    await page.locator('[data-testid=decision-reason] textarea').fill('与公司制度问答无关的推广内容');
    await shot(page, 'admin-01-queue');
    await page.locator('[data-testid=decide-hide]').click();
    await page.locator('[data-testid=toast-success]').waitFor();
    await page.locator('[data-testid=case-row]').first().waitFor({ state: 'detached' });
    await shot(page, 'admin-02-hidden');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('the author sees the notice, the question hidden, and can appeal', async () => {
    const { context, page, errors } = await as(asker);
    await page.locator('[data-testid=home]').waitFor();
    const notice = page.locator('.qx-card', { hasText: '你的问题已被隐藏' });
    await notice.waitFor();
    await shot(page, 'phone-06-notice');
    await notice.click();
    await page.locator('[data-testid=community-penalties]').waitFor();
    await expectText(page.locator('[data-testid=moderation-notice]').first(), '与公司制度问答无关的推广内容');
    await page.locator('[data-testid=appeal-form]').waitFor();
    await page.locator('[data-testid=appeal-text] textarea').fill('这是关于年假制度的正常提问。');
    await page.locator('[data-testid=appeal-send]').click();
    await page.locator('[data-testid=appeal-sent]').waitFor();
    await expectText(page.locator('[data-testid=my-appeal]').first(), '处理中');
    await shot(page, 'phone-07-appeal');

    await page.goto(`${stage.url}/app/packages/community/pages/index/index`);
    await page.locator('[data-testid=community-mine]').click();
    await page.locator('[data-testid=community-item]', { hasText: TITLE }).click();
    await page.locator('[data-testid=outcome-hidden]').waitFor();
    await shot(page, 'phone-08-hidden');
    expect(errors).toEqual([]);
    await context.close();
  });
});
