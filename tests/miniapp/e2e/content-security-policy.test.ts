/**
 * Defect 2 (issue 13): no Content-Security-Policy on /app/ and /admin. In Chromium, on the H5
 * build: the app and the console load, sign-in and the home page included, without one CSP
 * violation; a script injected into the page — an inline <script>, an onerror= attribute, a
 * javascript: link — does not run.
 * Skips (does not fail) without Chromium or without the H5 build.
 */
import { chromium, type Browser, type Page } from 'playwright-core';
import { api, CHROMIUM, missingPrerequisite, startStage, type Stage } from './harness';

const missing = missingPrerequisite();
if (missing) console.warn(`e2e skipped: ${missing}`);
const maybe = missing ? describe.skip : describe;

interface Person {
  hostUserId: string;
  role: string;
}

maybe('defect 2: Content-Security-Policy on the app documents', () => {
  jest.setTimeout(120_000);
  let stage: Stage;
  let browser: Browser;

  beforeAll(async () => {
    stage = await startStage();
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
  });
  afterAll(async () => {
    await browser?.close();
    await stage?.close();
  });

  /** A page that records every CSP violation and every console message about one. */
  async function watchedPage(): Promise<{ page: Page; violations: string[] }> {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    const violations: string[] = [];
    page.on('console', (m) => {
      if (/Content Security Policy|Refused to/i.test(m.text())) violations.push(`console: ${m.text()}`);
    });
    await page.exposeFunction('__reportViolation', (v: string) => violations.push(v));
    // Init scripts run through the DevTools protocol, outside the page's CSP: a faithful observer.
    await page.addInitScript({
      content: "document.addEventListener('securitypolicyviolation', (e) => window.__reportViolation(e.violatedDirective + ' ' + e.blockedURI));",
    });
    return { page, violations };
  }

  it('sends a strict policy: no inline script except the build’s own, by hash', async () => {
    const res = await fetch(`${stage.url}/app/`);
    const policy = res.headers.get('content-security-policy') ?? '';
    const script = /script-src ([^;]*)/.exec(policy)?.[1] ?? '';
    expect(script).toMatch(/^'self'( 'sha256-[A-Za-z0-9+/=]+')*$/);
    expect(policy).not.toMatch(/unsafe-eval/);
    expect(policy).toContain("object-src 'none'");
    const deep = await fetch(`${stage.url}/app/packages/admin/pages/dashboard/index`);
    expect(deep.headers.get('content-security-policy')).toBe(policy);
  });

  it('the app and the console load without a violation, and an injected script does not run', async () => {
    const people = (await api<{ items: Person[] }>(stage.url, 'GET', '/dev/sandbox/people')).items;
    const employee = people.find((p) => p.role !== 'admin')!;
    const { page, violations } = await watchedPage();

    await page.goto(`${stage.url}/app/`);
    await page.waitForURL(/sign-in/);
    const card = page.locator(`[data-testid=demo-person][data-user="${employee.hostUserId}"]`);
    await card.waitFor();
    await card.locator('taro-button-core, button').click();
    await page.locator('[data-testid=home]').waitFor();
    await page.goto(`${stage.url}/admin`);
    await page.waitForLoadState('networkidle');
    expect(violations).toEqual([]);

    // Run in the page as a string (the tests compile without the DOM library).
    const ran = await page.evaluate(`(async () => {
      const script = document.createElement('script');
      script.textContent = 'window.__injected = "inline script"';
      document.body.appendChild(script);
      const holder = document.createElement('div');
      holder.innerHTML = '<img src="data:," onerror="window.__injected = 1"><a id="qx-js-link" href="javascript:window.__injected=2">x</a>';
      document.body.appendChild(holder);
      document.getElementById('qx-js-link').click();
      await new Promise((r) => setTimeout(r, 300));
      return window.__injected ?? null;
    })()`);
    expect(ran).toBeNull();
    await page.waitForTimeout(200);
    expect(violations.filter((v) => /script-src/.test(v)).length).toBeGreaterThan(0);
    await page.close();
  });
});
