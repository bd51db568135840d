/**
 * Every page of the app, at phone size (390×844) and at the console's 1280×800: the employee's pages
 * as the first demo employee, the console's as the demo admin, on the demo corp's own content.
 * Each page must settle without a page error, a console error or a 5xx; its visible text must not
 * show a raw id, an ISO/UTC timestamp or an English key. A screenshot of each goes to
 * tests/e2e-artifacts/tour-<size>-<page>.png. The page list is read from app.config.ts, so a new
 * page joins the tour by being registered.
 */
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { api, ARTIFACTS, CHROMIUM, missingPrerequisite, startStage, type Stage, signInAs, type DemoPerson as Person } from './harness';

const missing = missingPrerequisite();
const maybe = missing ? describe.skip : describe;

const SIZES = { phone: { width: 390, height: 844 }, desk: { width: 1280, height: 800 } } as const;

/** Every registered page path (without a leading slash), from the app config. */
function registeredPages(): string[] {
  (globalThis as unknown as { defineAppConfig: (c: unknown) => unknown }).defineAppConfig = (c) => c;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const config = require('../../../miniapp/src/app.config').default as { pages: string[]; subPackages: Array<{ root: string; pages: string[] }> };
  return [...config.pages, ...config.subPackages.flatMap((p) => p.pages.map((page) => `${p.root}/${page}`))];
}

/** What a page's text must never show. */
const forbidden: Array<[string, RegExp]> = [
  ['a raw id', /\bc[a-z0-9]{24}\b/],
  ['an ISO timestamp', /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/],
  ['UTC', /\bUTC\b/],
  ['an English key', /\b[a-z]+_[a-z]+(?:_[a-z]+)*\b/],
];

maybe('every page, at both sizes', () => {
  jest.setTimeout(600_000);
  let stage: Stage;
  let browser: Browser;
  let admin: Person;
  let employee: Person;
  const params: Record<string, string> = {};

  beforeAll(async () => {
    stage = await startStage();
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
    const people = (await api<{ items: Person[] }>(stage.url, 'GET', '/dev/sandbox/people')).items;
    admin = people.find((p) => p.role === 'admin')!;
    employee = people.find((p) => p.role === 'member' && p.department)!;
    // The demo content's ids, for the pages that show one thing.
    const { authCode } = await api<{ authCode: string }>(stage.url, 'POST', '/dev/sandbox/login-code', undefined, { corpId: admin.corpId, userid: admin.hostUserId, kind: 'admin' });
    const token = (await api<{ token: string }>(stage.url, 'POST', '/api/v1/auth/wecom/admin-sso', undefined, { authCode })).token;
    const spaces = await api<{ items: Array<{ id: string }> }>(stage.url, 'GET', '/api/v1/spaces', token);
    const tree = await api<{ items: Array<{ id: string; kind: string }> }>(stage.url, 'GET', `/api/v1/spaces/${spaces.items[0].id}/tree`, token);
    const courses = await api<{ items: Array<{ id: string }> }>(stage.url, 'GET', '/api/v1/courses', token);
    const exams = await api<{ items: Array<{ id: string }> }>(stage.url, 'GET', '/api/v1/exams', token);
    params['packages/knowledge/pages/space/index'] = `id=${spaces.items[0].id}`;
    params['packages/knowledge/pages/doc/index'] = `id=${tree.items.find((n) => n.kind === 'document')!.id}`;
    params['packages/knowledge/pages/search/index'] = `q=${encodeURIComponent('考勤')}`;
    params['packages/course/pages/detail/index'] = `id=${courses.items[0].id}`;
    params['packages/exam/pages/take/index'] = `id=${exams.items[0].id}`;
  });

  afterAll(async () => {
    await browser?.close();
    await stage?.close();
  });

  async function signedIn(size: keyof typeof SIZES, person: Person) {
    const context = await browser.newContext({ viewport: SIZES[size], deviceScaleFactor: size === 'phone' ? 2 : 1, isMobile: size === 'phone', hasTouch: size === 'phone', locale: 'zh-CN' });
    const page = await context.newPage();
    await signInAs(page, stage.url, person);
    await page.waitForURL((url) => !/sign-in/.test(url.pathname));
    return { context, page };
  }

  async function visit(page: Page, path: string, name: string): Promise<string[]> {
    const problems: string[] = [];
    const onError = (e: Error) => problems.push(`page error: ${e.message}`);
    const onConsole = (m: { type(): string; text(): string }) => {
      // A 4xx the page answers with its error state is logged by Chromium as a failed resource: the
      // 5xx check below is what matters there.
      if (m.type() === 'error' && !/Failed to load resource: the server responded with a status of 4\d\d/.test(m.text())) problems.push(`console: ${m.text()}`);
    };
    const onResponse = (r: { status(): number; url(): string }) => {
      if (r.status() >= 500) problems.push(`HTTP ${r.status()}: ${r.url()}`);
    };
    page.on('pageerror', onError);
    page.on('console', onConsole);
    page.on('response', onResponse);
    try {
      const query = params[path] ? `?${params[path]}` : '';
      await page.goto(`${stage.url}/app/${path}${query}`);
      await page.waitForLoadState('networkidle');
      await page.waitForTimeout(600);
      const text = await page.locator('body').innerText();
      for (const [what, pattern] of forbidden) {
        const hit = pattern.exec(text);
        if (hit) problems.push(`shows ${what}: "${hit[0]}"`);
      }
      await page.screenshot({ path: join(ARTIFACTS, `tour-${name}.png`) });
    } finally {
      page.off('pageerror', onError);
      page.off('console', onConsole);
      page.off('response', onResponse);
    }
    return problems.map((p) => `${path}: ${p}`);
  }

  for (const size of Object.keys(SIZES) as Array<keyof typeof SIZES>) {
    it(`at ${SIZES[size].width}×${SIZES[size].height}: every page settles clean`, async () => {
      const pages = registeredPages().filter((p) => !/sign-in/.test(p));
      const problems: string[] = [];
      for (const [who, person] of [['employee', employee], ['admin', admin]] as const) {
        const { context, page } = await signedIn(size, person);
        const mine = pages.filter((p) => p.startsWith('packages/admin/') === (who === 'admin'));
        for (const path of mine) problems.push(...(await visit(page, path, `${size}-${path.replace(/^(packages\/)?/, '').replace(/\/index$/, '').replace(/\W+/g, '-')}`)));
        await context.close();
      }
      expect(problems).toEqual([]);
    });
  }
});
