/**
 * The e2e stage: a real Qixue (as `npm start` runs it, in this process so the test can move the
 * training clock), the in-process WeCom sandbox with its demo corp installed through real
 * callbacks, the built H5 app, and Debian's Chromium driven by playwright-core.
 */
import { existsSync, mkdirSync, mkdtempSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import pino from 'pino';
import type { Page } from 'playwright-core';
import { loadConfig } from '@qixue/config';
import { createApp } from '../../../server/src/app';
import { bootstrap } from '../../../server/src/bootstrap';
import type { AppDeps } from '../../../server/src/core/context';
import { startLocalHosts, type LocalHosts } from '../../../server/sandbox/local';

export const ROOT = resolve(__dirname, '..', '..', '..');
export const H5_INDEX = join(ROOT, 'miniapp', 'dist', 'h5', 'index.html');
export const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
export const ARTIFACTS = join(ROOT, 'tests', 'e2e-artifacts');

/** Why the browser tests cannot run here, or null when they can. */
export function missingPrerequisite(): string | null {
  // The stage has its own embedded database: once per CI run (the SQLite pass) is enough.
  if (process.env.TEST_DATABASE_URL) return 'runs on the embedded-SQLite pass only';
  if (!existsSync(CHROMIUM)) return `no Chromium at ${CHROMIUM} (apt-get install -y chromium)`;
  if (!existsSync(H5_INDEX)) return 'no H5 build (npm run build:miniapp)';
  return null;
}

export interface Stage {
  url: string;
  deps: AppDeps;
  local: LocalHosts;
  close(): Promise<void>;
}

export async function startStage(): Promise<Stage> {
  const dir = mkdtempSync(join(tmpdir(), 'qixue-e2e-'));
  let config = loadConfig({
    NODE_ENV: 'development',
    LOG_LEVEL: process.env.E2E_LOG_LEVEL || 'silent',
    PORT: '0',
    HOST: '127.0.0.1',
    SQLITE_PATH: join(dir, 'qixue.db'),
    STORAGE_DIR: join(dir, 'files'),
    SANDBOX_DEMO: 'true',
  });
  const logger = pino({ level: process.env.E2E_LOG_LEVEL || 'silent' });
  const local = await startLocalHosts(config, logger);
  config = { ...config, WECOM_API_BASE: local.url };
  const deps = await bootstrap(config, logger);
  const server: Server = createApp(deps).listen(0, '127.0.0.1');
  await new Promise((r) => server.once('listening', r));
  const port = (server.address() as AddressInfo).port;
  config.PUBLIC_URL = `http://127.0.0.1:${port}`;
  deps.jobs.start();
  // Installs the demo corp (create_auth callback → tenant → full directory sync); quiet its banner.
  const log = console.log;
  console.log = () => undefined;
  try {
    await local.connect(deps, port);
  } finally {
    console.log = log;
  }
  mkdirSync(ARTIFACTS, { recursive: true });
  return {
    url: `http://127.0.0.1:${port}`,
    deps,
    local,
    async close() {
      await new Promise((r) => server.close(r));
      await deps.jobs.stop();
      await local.close();
      await deps.db.close();
    },
  };
}

/** JSON against the stage's API (setup steps an admin would do in the console). */
export async function api<T>(base: string, method: string, path: string, token?: string, body?: unknown): Promise<T> {
  const res = await fetch(`${base}${path}`, {
    method,
    headers: { 'content-type': 'application/json', ...(token && { authorization: `Bearer ${token}` }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  const json = text ? JSON.parse(text) : undefined;
  if (!res.ok) throw new Error(`${method} ${path} → ${res.status} ${text}`);
  return json as T;
}

/** A silent PCM WAV clip: the "video" of the test course (Chromium plays it in a <video>). */
export function silentWav(seconds: number, rate = 8000): Buffer {
  const data = Buffer.alloc(seconds * rate, 128);
  const h = Buffer.alloc(44);
  h.write('RIFF', 0);
  h.writeUInt32LE(36 + data.length, 4);
  h.write('WAVEfmt ', 8);
  h.writeUInt32LE(16, 16);
  h.writeUInt16LE(1, 20);
  h.writeUInt16LE(1, 22);
  h.writeUInt32LE(rate, 24);
  h.writeUInt32LE(rate, 28);
  h.writeUInt16LE(1, 32);
  h.writeUInt16LE(8, 34);
  h.write('data', 36);
  h.writeUInt32LE(data.length, 40);
  return Buffer.concat([h, data]);
}

/** A person of the sandbox's demo corp, as GET /dev/sandbox/people lists them. */
export interface DemoPerson {
  corpId: string;
  hostUserId: string;
  role: string;
  department?: string;
}

/** Signs in through the development sign-in page, by the person's card (a real OAuth login). */
export async function signInAs(page: Page, base: string, person: Pick<DemoPerson, 'hostUserId'>): Promise<void> {
  await page.goto(`${base}/app/`);
  await page.waitForURL(/sign-in/);
  const card = page.locator(`[data-testid=demo-person][data-user="${person.hostUserId}"]`);
  await card.waitFor();
  await card.locator('taro-button-core, button').click();
}

/** Everything that goes wrong on a page: page errors, console errors, failed requests, HTTP errors. */
export function watch(page: Page, errors: string[]): string[] {
  page.on('pageerror', (e) => errors.push(`page error: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(`console: ${m.text()}`);
  });
  page.on('requestfailed', (r) => {
    // A media element that is left (navigating away mid-clip) cancels its download: not a failure.
    if (r.failure()?.errorText !== 'net::ERR_ABORTED') errors.push(`request failed: ${r.method()} ${r.url()} ${r.failure()?.errorText}`);
  });
  page.on('response', (r) => {
    if (r.status() >= 400) errors.push(`HTTP ${r.status()}: ${r.request().method()} ${r.url()}`);
  });
  return errors;
}

/** Waits (up to 10 s once it is there) for the locator's text to contain `text`. */
export async function expectText(locator: { textContent(): Promise<string | null>; waitFor(): Promise<void> }, text: string) {
  await locator.waitFor();
  for (let i = 0; i < 100; i++) {
    if ((await locator.textContent())?.includes(text)) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  expect(await locator.textContent()).toContain(text);
}
