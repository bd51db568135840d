/**
 * The callback endpoints refuse what the host did not send, and change nothing when they do:
 * forged, tampered, replayed, stale, misaddressed and malformed callbacks each get their own error.
 * Requests are built with the official @wecom/crypto package, independent of Qixue's implementation.
 */
import { randomBytes } from 'node:crypto';
import { encrypt, getSignature } from '@wecom/crypto';
import pino from 'pino';
import supertest from 'supertest';
import { createApp } from '../../../server/src/app';
import { buildDeps } from '../../../server/src/bootstrap';
import { startWecomHarness, type WecomHarness } from '../../support/wecom-sandbox';

let h: WecomHarness;
beforeAll(async () => (h = await startWecomHarness()));
afterAll(() => h.close());

const INSTRUCTION = '/wecom/suite/callback';
const now = () => Math.floor(Date.now() / 1000);

function signed(inner: string, options: { receiveId?: string; token?: string; timestamp?: number; nonce?: string } = {}) {
  const { suite } = h.sandbox.state;
  const ciphertext = encrypt(suite.encodingAesKey, inner, options.receiveId ?? suite.suiteId);
  const timestamp = String(options.timestamp ?? now());
  const nonce = options.nonce ?? randomBytes(6).toString('hex');
  const msg_signature = getSignature(options.token ?? suite.token, timestamp, nonce, ciphertext);
  return { query: { msg_signature, timestamp, nonce }, ciphertext, body: `<xml><ToUserName><![CDATA[${suite.suiteId}]]></ToUserName><Encrypt><![CDATA[${ciphertext}]]></Encrypt><AgentID><![CDATA[]]></AgentID></xml>` };
}

const ticketEvent = (ticket: string) =>
  `<xml><SuiteId><![CDATA[${h.sandbox.state.suite.suiteId}]]></SuiteId><InfoType><![CDATA[suite_ticket]]></InfoType><TimeStamp>${now()}</TimeStamp><SuiteTicket><![CDATA[${ticket}]]></SuiteTicket></xml>`;

const post = (c: { query: Record<string, string>; body: string }, path = INSTRUCTION) => h.http.post(path).query(c.query).set('Content-Type', 'text/xml').send(c.body);

/** What a rejected callback must leave untouched. */
async function state() {
  const prisma = h.deps.db.prisma;
  return { ticket: await h.deps.wecom.suiteTicket(), jobs: await prisma.job.count(), nonces: await prisma.callbackNonce.count(), tenants: await prisma.tenant.count() };
}

async function expectRejected(request: () => Promise<{ status: number; body: { error?: { code: string } } }>, status: number, code: string) {
  const before = await state();
  const res = await request();
  expect(res.status).toBe(status);
  expect(res.body.error?.code).toBe(code);
  expect(await state()).toEqual(before);
}

describe('suite callbacks', () => {
  it('accepts a genuine callback: answers success and stores the suite_ticket', async () => {
    const res = await post(signed(ticketEvent('ticket-genuine'))).expect(200);
    expect(res.text).toBe('success');
    expect(await h.deps.wecom.suiteTicket()).toBe('ticket-genuine');
  });

  it('reads the XML whatever the content type says', async () => {
    const c = signed(ticketEvent('any-content-type'));
    const res = await h.http.post(INSTRUCTION).query(c.query).set('Content-Type', 'application/octet-stream').send(Buffer.from(c.body)).expect(200);
    expect(res.text).toBe('success');
    expect(await h.deps.wecom.suiteTicket()).toBe('any-content-type');
  });

  it('answers the URL verification with the decrypted echostr, and refuses a forged one', async () => {
    const { suite } = h.sandbox.state;
    const echostr = encrypt(suite.encodingAesKey, 'echo-123', suite.providerCorpId);
    const timestamp = String(now());
    const query = { msg_signature: getSignature(suite.token, timestamp, 'n1', echostr), timestamp, nonce: 'n1', echostr };
    const res = await h.http.get(INSTRUCTION).query(query).expect(200);
    expect(res.text).toBe('echo-123');
    await h.http.get('/wecom/suite/data').query(query).expect(200);
    const forged = { ...query, msg_signature: getSignature('not-the-token', timestamp, 'n1', echostr) };
    expect((await h.http.get(INSTRUCTION).query(forged).expect(401)).body.error.code).toBe('callback_bad_signature');
  });

  it('refuses a forged callback (signed without the suite token)', async () => {
    await expectRejected(() => post(signed(ticketEvent('forged'), { token: 'guessed-token' })), 401, 'callback_bad_signature');
  });

  it('refuses a tampered callback (ciphertext or timestamp changed after signing)', async () => {
    const genuine = signed(ticketEvent('tampered'));
    const bytes = Buffer.from(genuine.ciphertext, 'base64');
    bytes[20] ^= 0xff;
    const tampered = { query: genuine.query, body: genuine.body.replace(genuine.ciphertext, bytes.toString('base64')) };
    await expectRejected(() => post(tampered), 401, 'callback_bad_signature');
    await expectRejected(() => post({ ...genuine, query: { ...genuine.query, timestamp: String(Number(genuine.query.timestamp) + 1) } }), 401, 'callback_bad_signature');
  });

  it('refuses a replayed callback, including one the sandbox delivered', async () => {
    const genuine = signed(ticketEvent('replayed-1'));
    await post(genuine).expect(200);
    await expectRejected(() => post(genuine), 409, 'callback_replayed');

    const pushed = (await h.host.post('/sandbox/suite-ticket').expect(200)).body.callback;
    expect(pushed.response).toBe('success');
    const replay = await h.host.post('/sandbox/callbacks/deliver').send({ ids: [pushed.id] }).expect(200);
    expect(replay.body.items[0].status).toBe(409);
  });

  it('a callback one server process accepted is a replay for every other process', async () => {
    const other = supertest(createApp(buildDeps(h.deps.config, h.deps.db, pino({ level: 'silent' }))).callback());
    const genuine = signed(ticketEvent('two-processes'));
    await post(genuine).expect(200);
    const res = await other.post(INSTRUCTION).query(genuine.query).set('Content-Type', 'text/xml').send(genuine.body).expect(409);
    expect(res.body.error.code).toBe('callback_replayed');
  });

  it('refuses a stale callback (timestamp outside the window), even correctly signed', async () => {
    await expectRejected(() => post(signed(ticketEvent('stale'), { timestamp: now() - 3600 })), 400, 'callback_stale');
    await expectRejected(() => post(signed(ticketEvent('future'), { timestamp: now() + 3600 })), 400, 'callback_stale');
  });

  it('refuses a callback encrypted for another receiver', async () => {
    await expectRejected(() => post(signed(ticketEvent('elsewhere'), { receiveId: 'ww_another_suite' })), 403, 'callback_wrong_receiver');
    // Data callbacks are addressed to an installed corp, not to the suite or a stranger.
    await expectRejected(() => post(signed('<xml><MsgType><![CDATA[event]]></MsgType></xml>', { receiveId: 'ww_unknown_corp' }), '/wecom/suite/data'), 403, 'callback_wrong_receiver');
  });

  it('refuses malformed callbacks: not XML, no Encrypt, bad query, undecryptable, inner not XML', async () => {
    const genuine = signed(ticketEvent('malformed'));
    await expectRejected(() => post({ query: genuine.query, body: 'not xml at all' }), 400, 'callback_malformed');
    await expectRejected(() => post({ query: genuine.query, body: '<xml><ToUserName>x</ToUserName></xml>' }), 400, 'callback_malformed');
    await expectRejected(() => post({ query: genuine.query, body: '<xml><Encrypt>unclosed</xml>' }), 400, 'callback_malformed');
    await expectRejected(() => post({ query: { ...genuine.query, msg_signature: 'zz' }, body: genuine.body }), 400, 'callback_malformed');
    await expectRejected(() => h.http.post(INSTRUCTION).set('Content-Type', 'text/xml').send(genuine.body), 400, 'callback_malformed');
    await expectRejected(() => post(signed('<xml><InfoType>suite_ticket</InfoType>')), 400, 'callback_malformed');
    const short = 'AAAA';
    const { suite } = h.sandbox.state;
    const timestamp = String(now());
    await expectRejected(
      () => post({ query: { msg_signature: getSignature(suite.token, timestamp, 'n9', short), timestamp, nonce: 'n9' }, body: `<xml><Encrypt><![CDATA[${short}]]></Encrypt></xml>` }),
      400,
      'callback_malformed',
    );
  });

  it('refuses an install the suite did not make: a callback for another suite id changes nothing', async () => {
    const inner = `<xml><SuiteId><![CDATA[ww_other]]></SuiteId><InfoType><![CDATA[create_auth]]></InfoType><AuthCode><![CDATA[x]]></AuthCode><TimeStamp>${now()}</TimeStamp></xml>`;
    const jobs = await h.deps.db.prisma.job.count();
    await post(signed(inner)).expect(200);
    expect(await h.deps.db.prisma.job.count()).toBe(jobs);
  });
});

describe('host retries', () => {
  it('a callback Qixue could not take is retried by the host until it is answered success', async () => {
    const { state } = h.sandbox;
    const urls = { ...state.callbackUrls };
    state.callbackRetryDelaysMs = [100, 200, 400];
    state.callbackUrls = { ...urls, instruction: 'http://127.0.0.1:9/wecom/suite/callback' };
    const pushed = (await h.host.post('/sandbox/suite-ticket').expect(200)).body.callback;
    expect(pushed.status).toBe(0);
    state.callbackUrls = urls;
    await new Promise((r) => setTimeout(r, 500));
    const record = state.callbacks.find((c) => c.id === pushed.id)!;
    expect(record).toMatchObject({ response: 'success', attempts: 2 });
    expect(await h.deps.wecom.suiteTicket()).toBe(record.event.SuiteTicket);
  });
});
