/**
 * Host credentials: the suite_ticket and the tokens live in the database, sealed, shared by every
 * process and surviving restarts; a refused token is refreshed by one process only; no log line
 * carries a token, ticket or permanent code.
 */
import { Writable } from 'node:stream';
import pino from 'pino';
import { createWecomClient } from '../../../server/src/hosts/wecom';
import type { WecomClient } from '../../../server/src/hosts/wecom/client';
import { startWecomHarness, type WecomHarness } from '../../support/wecom-sandbox';

const lines: string[] = [];
const sink = new Writable({
  write(chunk, _enc, done) {
    lines.push(String(chunk));
    done();
  },
});
const logger = pino({ level: 'debug' }, sink);

let h: WecomHarness;
beforeAll(async () => (h = await startWecomHarness({}, { logger })));
afterAll(() => h.close());

/** Another server process: its own client and memory, the same database. */
const anotherProcess = (): WecomClient => createWecomClient(h.deps.config, h.deps.db, logger);
const calls = (path: string) => h.sandbox.state.calls.get(path) ?? 0;
/** Tokens the host actually issued (a call refused for an expired suite token does not issue one). */
const issued = (kind: 'suite' | 'corp') => h.sandbox.state.tokensIssued[kind];

describe('host credentials', () => {
  it('the suite_ticket and suite token survive a restart: a new process uses them without asking again', async () => {
    await h.deps.wecom.suiteGet('service/get_pre_auth_code');
    const fetched = calls('service/get_suite_token');
    const restarted = anotherProcess();
    expect(await restarted.suiteTicket()).toBeTruthy();
    await restarted.suiteGet('service/get_pre_auth_code');
    expect(calls('service/get_suite_token')).toBe(fetched);
  });

  it('when a token is refused in several processes at once, one of them refreshes it, once', async () => {
    const corp = await h.createCorp({ departments: 3, members: 10 });
    const tenantId = await h.install(corp.corpid);
    const processes = [h.deps.wecom, anotherProcess(), anotherProcess()];
    await Promise.all(processes.map((p) => p.corpGet(tenantId, 'department/simplelist')));
    const corpBefore = calls('service/get_corp_token');
    h.sandbox.state.expireTokens({ kind: 'corp', errcode: 40014 });
    const results = await Promise.all(processes.flatMap((p) => [1, 2, 3].map(() => p.corpGet(tenantId, 'department/simplelist'))));
    expect(results.every((r) => r.errcode === 0)).toBe(true);
    expect(calls('service/get_corp_token') - corpBefore).toBe(1);

    const suiteBefore = calls('service/get_suite_token');
    h.sandbox.state.expireTokens({ kind: 'suite' });
    await Promise.all(processes.flatMap((p) => [1, 2].map(() => p.suiteGet('service/get_pre_auth_code'))));
    expect(calls('service/get_suite_token') - suiteBefore).toBe(1);
  });

  it('stores every credential sealed and never writes one to the log', async () => {
    const corp = await h.createCorp({ departments: 2, members: 5 });
    const tenantId = await h.install(corp.corpid);
    h.sandbox.state.expireTokens({});
    await h.deps.wecom.corpGet(tenantId, 'user/list', { department_id: 1 });
    const secrets = [...h.sandbox.state.tokens.keys(), ...h.sandbox.state.suiteTickets.keys(), ...[...h.sandbox.state.corps.values()].map((c) => c.auth?.permanentCode ?? '')].filter(Boolean);
    expect(secrets.length).toBeGreaterThan(5);
    const rows = await h.deps.db.prisma.hostToken.findMany({ select: { value: true } });
    const stored = rows.map((r) => r.value).join('\n') + (await h.deps.db.prisma.wecomCorpAuth.findMany()).map((a) => a.permanentCodeCipher).join('\n');
    const log = lines.join('');
    expect(log).toContain('token rejected, refreshing once');
    for (const secret of secrets) {
      expect(stored).not.toContain(secret);
      expect(log).not.toContain(secret);
    }
  });
});

describe('time passing on the host', () => {
  it('tokens expire with the host clock after two hours and are fetched again, with the suite_ticket pushed meanwhile', async () => {
    const corp = await h.createCorp({ departments: 2, members: 4 });
    const tenantId = await h.install(corp.corpid);
    const suiteBefore = issued('suite');
    const corpBefore = issued('corp');
    const advanced = await h.host.post('/sandbox/clock').send({ advance_seconds: 2 * 3600 + 60 }).expect(200);
    expect(advanced.body.ticket.response).toBe('success');
    const res = await h.deps.wecom.corpGet(tenantId, 'user/list', { department_id: 1 });
    expect(res.errcode).toBe(0);
    expect(issued('corp') - corpBefore).toBe(1);
    expect(issued('suite') - suiteBefore).toBe(1);
  });

  it('the host verifies both callback URLs', async () => {
    for (const endpoint of ['instruction', 'data']) {
      expect((await h.host.post('/sandbox/verify-url').send({ endpoint }).expect(200)).body.verified).toBe(true);
    }
  });
});
