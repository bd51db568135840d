/**
 * Opening a callback from the host: query and XML shape → signature → timestamp window → decrypt
 * and receive id → inner XML → nonce not seen before (recorded in the database, so every process
 * shares it). Every rejection is an AppError with its own code, logged by the route, and nothing is
 * changed — the nonce is recorded only for a callback that passed every other check, so forged
 * requests cannot burn the nonces of genuine ones.
 */
import { createHash } from 'node:crypto';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import type { Database } from '../../db/client';
import { AppError } from '../../core/errors';
import { CallbackCryptoError, type WecomCrypto } from './crypto';

/** How far a callback's timestamp may be from our clock, either way. */
export const TIMESTAMP_WINDOW_SECONDS = 300;

export type CallbackEndpoint = 'instruction' | 'data';
export type CallbackEvent = Record<string, string>;

const rejected = (status: number, code: string, message: string) => new AppError(status, code, message);
export const callbackErrors = {
  malformed: () => rejected(400, 'callback_malformed', '回调格式错误 / Malformed callback'),
  badSignature: () => rejected(401, 'callback_bad_signature', '回调签名错误 / Bad callback signature'),
  badReceiver: () => rejected(403, 'callback_wrong_receiver', '回调接收方不符 / Callback addressed to someone else'),
  stale: () => rejected(400, 'callback_stale', '回调时间戳超出允许范围 / Callback timestamp out of window'),
  replayed: () => rejected(409, 'callback_replayed', '重复的回调 / Replayed callback'),
};

const parser = new XMLParser({ parseTagValue: false, processEntities: false, ignoreDeclaration: true });

/** Parses `<xml>…</xml>` into a flat map of strings; anything else is malformed. */
export function parseXml(text: unknown): CallbackEvent {
  if (typeof text !== 'string' || !text.trim() || XMLValidator.validate(text) !== true) throw callbackErrors.malformed();
  const doc = parser.parse(text) as { xml?: Record<string, unknown> };
  if (!doc.xml || typeof doc.xml !== 'object') throw callbackErrors.malformed();
  const out: CallbackEvent = {};
  for (const [k, v] of Object.entries(doc.xml)) {
    if (typeof v === 'string' || typeof v === 'number') out[k] = String(v);
    else if (v === null || v === undefined) out[k] = '';
  }
  return out;
}

export interface CallbackQuery {
  msg_signature?: unknown;
  timestamp?: unknown;
  nonce?: unknown;
  echostr?: unknown;
}

function signedQuery(query: CallbackQuery) {
  const { msg_signature: signature, timestamp, nonce } = query;
  if (typeof signature !== 'string' || !/^[0-9a-fA-F]{40}$/.test(signature)) throw callbackErrors.malformed();
  if (typeof timestamp !== 'string' || !/^\d{1,12}$/.test(timestamp)) throw callbackErrors.malformed();
  if (typeof nonce !== 'string' || !nonce || nonce.length > 64) throw callbackErrors.malformed();
  return { signature, timestamp, nonce };
}

function checkWindow(timestamp: string, now: number): void {
  if (Math.abs(now / 1000 - Number(timestamp)) > TIMESTAMP_WINDOW_SECONDS) throw callbackErrors.stale();
}

function open(crypto: WecomCrypto, q: { signature: string; timestamp: string; nonce: string }, ciphertext: string, accept: (receiveId: string) => boolean | Promise<boolean>) {
  if (!crypto.verify(q.signature, q.timestamp, q.nonce, ciphertext)) throw callbackErrors.badSignature();
  let opened: { message: string; receiveId: string };
  try {
    opened = crypto.decrypt(ciphertext);
  } catch (err) {
    if (err instanceof CallbackCryptoError) throw callbackErrors.malformed();
    throw err;
  }
  return Promise.resolve(accept(opened.receiveId)).then((ok) => {
    if (!ok) throw callbackErrors.badReceiver();
    return opened.message;
  });
}

/** GET URL verification: returns the decrypted echostr. */
export async function openVerification(crypto: WecomCrypto, query: CallbackQuery, accept: (receiveId: string) => boolean | Promise<boolean>, now = Date.now()): Promise<string> {
  const q = signedQuery(query);
  if (typeof query.echostr !== 'string' || !query.echostr) throw callbackErrors.malformed();
  checkWindow(q.timestamp, now);
  return open(crypto, q, query.echostr, accept);
}

/** POST receipt: returns the decrypted event, after recording its nonce. */
export async function openCallback(
  db: Database,
  crypto: WecomCrypto,
  endpoint: CallbackEndpoint,
  query: CallbackQuery,
  body: unknown,
  accept: (receiveId: string) => boolean | Promise<boolean>,
  now = Date.now(),
): Promise<CallbackEvent> {
  const q = signedQuery(query);
  const envelope = parseXml(body);
  if (!envelope.Encrypt) throw callbackErrors.malformed();
  checkWindow(q.timestamp, now);
  const event = parseXml(await open(crypto, q, envelope.Encrypt, accept));
  await recordNonce(db, endpoint, q.timestamp, q.nonce, now);
  return event;
}

async function recordNonce(db: Database, endpoint: CallbackEndpoint, timestamp: string, nonce: string, now: number): Promise<void> {
  const id = createHash('sha256').update(`${endpoint}\u0000${timestamp}\u0000${nonce}`).digest('hex');
  const expiresAt = new Date((Number(timestamp) + 2 * TIMESTAMP_WINDOW_SECONDS) * 1000);
  try {
    await db.prisma.callbackNonce.create({ data: { id, expiresAt } });
  } catch (err) {
    if ((err as { code?: string }).code === 'P2002') throw callbackErrors.replayed();
    throw err;
  }
  // Now and then, forget nonces whose callbacks could no longer pass the window anyway.
  if (Math.random() < 0.02) await db.prisma.callbackNonce.deleteMany({ where: { expiresAt: { lt: new Date(now) } } });
}
