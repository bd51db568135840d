/**
 * Pushes callbacks to the suite the way the host does: the event as XML, encrypted with the suite's
 * EncodingAESKey (receive id: the suite id for instruction callbacks, the corp id for data
 * callbacks), wrapped in <xml><ToUserName/><Encrypt/><AgentID/></xml>, signed in the query string.
 * Encryption uses the official @wecom/crypto package — deliberately not Qixue's own code, so the
 * two implementations check each other.
 */
import { randomBytes } from 'node:crypto';
import { encrypt, getSignature } from '@wecom/crypto';
import type { PushedCallback, SandboxState } from './state';

const cdata = (value: string | number) => (typeof value === 'number' ? String(value) : `<![CDATA[${value}]]>`);

export function toXml(fields: Record<string, string | number>): string {
  return `<xml>${Object.entries(fields).map(([k, v]) => `<${k}>${cdata(v)}</${k}>`).join('')}</xml>`;
}

/** Builds (and records) one signed, encrypted callback; delivers it unless callbacks are held. */
export async function pushCallback(
  state: SandboxState,
  endpoint: 'instruction' | 'data',
  event: Record<string, string | number>,
  options: { corpid?: string; agentId?: number } = {},
): Promise<PushedCallback> {
  const receiveId = endpoint === 'instruction' ? state.suite.suiteId : options.corpid!;
  const ciphertext = encrypt(state.suite.encodingAesKey, toXml(event), receiveId);
  // Callback timestamps follow the wall clock: the host and Qixue agree on the time of day.
  const timestamp = String(Math.floor(Date.now() / 1000));
  const nonce = randomBytes(8).toString('hex');
  const body = toXml({ ToUserName: receiveId, Encrypt: ciphertext, AgentID: options.agentId ? String(options.agentId) : '' });
  const record = state.recordCallback({
    endpoint,
    infoType: String(event.InfoType ?? event.Event ?? event.MsgType ?? ''),
    corpid: options.corpid,
    event,
    query: { msg_signature: getSignature(state.suite.token, timestamp, nonce, ciphertext), timestamp, nonce },
    body,
  });
  if (!state.holdCallbacks) {
    await deliver(state, record);
    if (record.response !== 'success' && state.callbackRetryDelaysMs.length) void retry(state, record);
  }
  return record;
}

/** The host tries again (three times, a few seconds apart) until it reads `success`. */
async function retry(state: SandboxState, record: PushedCallback): Promise<void> {
  for (const delay of state.callbackRetryDelaysMs) {
    await new Promise((r) => setTimeout(r, delay).unref());
    if (!state.callbackUrls[record.endpoint]) return;
    await deliver(state, record);
    record.attempts = (record.attempts ?? 1) + 1;
    if (record.response === 'success') return;
  }
}

/** Sends a recorded callback (again, if it was sent before: that is how tests replay). */
export async function deliver(state: SandboxState, callback: PushedCallback): Promise<PushedCallback> {
  const url = state.callbackUrls[callback.endpoint];
  if (!url) {
    callback.status = 0;
    callback.response = 'no callback url configured';
    return callback;
  }
  const target = new URL(url);
  for (const [k, v] of Object.entries(callback.query)) target.searchParams.set(k, v);
  try {
    const res = await fetch(target, { method: 'POST', headers: { 'content-type': 'text/xml' }, body: callback.body, signal: AbortSignal.timeout(5000) });
    callback.status = res.status;
    callback.response = await res.text();
  } catch (err) {
    callback.status = 0;
    callback.response = (err as Error).message;
  }
  callback.deliveredAt = Date.now();
  return callback;
}

/** The URL-verification request the host makes when a callback URL is saved. */
export function verificationQuery(state: SandboxState, receiveId: string, echo = randomBytes(8).toString('hex')) {
  const echostr = encrypt(state.suite.encodingAesKey, echo, receiveId);
  const timestamp = String(Math.floor(Date.now() / 1000));
  const nonce = randomBytes(8).toString('hex');
  return { echo, query: { msg_signature: getSignature(state.suite.token, timestamp, nonce, echostr), timestamp, nonce, echostr } };
}

/** A fresh suite_ticket, pushed to the instruction callback (the host does so every 10 minutes). */
export async function pushSuiteTicket(state: SandboxState): Promise<PushedCallback> {
  const ticket = state.newCode(32);
  state.suiteTickets.set(ticket, state.now());
  return pushCallback(state, 'instruction', {
    SuiteId: state.suite.suiteId,
    InfoType: 'suite_ticket',
    TimeStamp: Math.floor(state.now() / 1000),
    SuiteTicket: ticket,
  });
}
