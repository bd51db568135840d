/**
 * The sandbox: a local stand-in for the WeCom (and WeChat) HTTP APIs Qixue calls, with the same
 * paths, JSON and error codes, and the encrypted callbacks the host pushes. In memory, seeded.
 *
 *   const sandbox = await startSandbox({ port: 0 });
 *   sandbox.state.callbackUrls = { instruction: `${qixue}/wecom/suite/callback`, data: `${qixue}/wecom/suite/data` };
 *   // point WECOM_API_BASE at sandbox.url
 */
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import Koa from 'koa';
import { areas } from './routes';
import { hostErrors } from './host-api';
import { pushSuiteTicket } from './push';
import { SandboxState, type SandboxSuite } from './state';

export function createSandboxApp(state: SandboxState): Koa {
  const app = new Koa();
  app.use(async (ctx, next) => {
    // The host reads bodies as text whatever the content type says; so does the sandbox.
    if (ctx.method === 'POST' || ctx.method === 'PUT' || ctx.method === 'PATCH' || ctx.method === 'DELETE') {
      const chunks: Buffer[] = [];
      for await (const chunk of ctx.req) chunks.push(chunk as Buffer);
      (ctx.request as unknown as { rawBody: string }).rawBody = Buffer.concat(chunks).toString('utf8');
    }
    await next();
  });
  app.use(hostErrors());
  for (const area of areas) {
    const router = area(state);
    app.use(router.routes());
    app.use(router.allowedMethods());
  }
  app.use(async (ctx) => {
    // Unknown paths: the host answers with an errcode, not a 404 page.
    ctx.status = 404;
    ctx.body = { errcode: 404, errmsg: `sandbox: no such API ${ctx.path}` };
  });
  return app;
}

export interface Sandbox {
  state: SandboxState;
  url: string;
  /** Pushes a suite_ticket now and every 10 minutes (as the host does), once callbackUrls are set. */
  startTicketPush(): Promise<void>;
  close(): Promise<void>;
}

export async function startSandbox(options: { port?: number; host?: string; suite?: Partial<SandboxSuite> } = {}): Promise<Sandbox> {
  const state = new SandboxState(options.suite);
  const app = createSandboxApp(state);
  const host = options.host ?? '127.0.0.1';
  const server: Server = await new Promise((resolve, reject) => {
    const s = app.listen(options.port ?? 0, host, () => resolve(s));
    s.on('error', reject);
  });
  const { port } = server.address() as AddressInfo;
  let timer: NodeJS.Timeout | null = null;
  return {
    state,
    url: `http://${host}:${port}`,
    async startTicketPush() {
      await pushSuiteTicket(state);
      timer = setInterval(() => void pushSuiteTicket(state), 10 * 60_000);
      timer.unref();
    },
    close: () =>
      new Promise<void>((resolve) => {
        if (timer) clearInterval(timer);
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
