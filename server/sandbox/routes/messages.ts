/**
 * `message/send` as the host answers it, with its caps, and an outbox to read what each member got.
 *
 *  - agentid must be the app's (301002 otherwise; a mini-program notice needs none);
 *  - recipients outside the app's visible range or unknown are returned in invaliduser /
 *    invalidparty / invalidtag with errcode 0; when none is valid → 81013;
 *  - per app and member at most 30 messages a minute and 1,000 an hour, and per app at most
 *    seat cap × 200 person-times a day: the excess is dropped silently (still errcode 0).
 *
 *   GET  /sandbox/corps/:corpid/members/:userid/messages  → { messages, dropped }
 *   POST /sandbox/corps/:corpid/message-caps { seatCap }  → the seat cap behind the daily limit
 */
import Router from '@koa/router';
import type { Context } from 'koa';
import { devCorpMember, ERRMSG, fail, jsonBody, ok, requireToken } from '../host-api';
import type { Corp, SandboxState, User } from '../state';

Object.assign(ERRMSG, { 40008: 'invalid message type' });

const MSGTYPES = new Set(['text', 'textcard', 'template_card', 'miniprogram_notice', 'markdown', 'news']);
export const PER_MINUTE = 30;
export const PER_HOUR = 1000;
const DEFAULT_SEAT_CAP = 100_000;

export interface DeliveredMessage {
  msgid: string;
  msgtype: string;
  agentid?: number;
  content: Record<string, unknown>;
  at: number;
}

export class MessageArea {
  /** `${corpid}:${internalId}` → messages delivered, oldest first */
  readonly delivered = new Map<string, DeliveredMessage[]>();
  /** `${corpid}:${internalId}` → messages dropped by a cap */
  readonly dropped = new Map<string, { msgid: string; reason: 'minute' | 'hour' | 'day'; at: number }[]>();
  readonly seatCap = new Map<string, number>();
  /** `${corpid}:${day}` → person-times delivered that day */
  readonly perDay = new Map<string, number>();
}

export const messageArea = (state: SandboxState) => state.area('messages', () => new MessageArea());

const split = (value: unknown) => (typeof value === 'string' ? value.split('|').map((s) => s.trim()).filter(Boolean) : []);

function recipients(state: SandboxState, corp: Corp, body: Record<string, unknown>) {
  const visible = state.visibleDepts(corp);
  const users = new Map<string, User>();
  const invalid = { user: [] as string[], party: [] as string[], tag: [] as string[] };
  const addDept = (root: number) => {
    const children = state.childrenIndex(corp);
    const stack = [root];
    const depts = new Set<number>();
    while (stack.length) {
      const id = stack.pop()!;
      if (depts.has(id) || !visible.has(id)) continue;
      depts.add(id);
      stack.push(...(children.get(id) ?? []));
    }
    for (const u of corp.users.values()) if (u.status !== 5 && u.department.some((d) => depts.has(d))) users.set(u.internalId, u);
  };
  for (const id of split(body.touser)) {
    if (id === '@all') {
      for (const u of corp.users.values()) if (u.status !== 5 && state.userVisible(corp, u, visible)) users.set(u.internalId, u);
      continue;
    }
    const u = state.user(corp, id);
    // Apps only know ciphertext ids; the corp's internal id is not a valid recipient.
    if (!u || id === u.internalId || u.status === 5 || !state.userVisible(corp, u, visible)) invalid.user.push(id);
    else users.set(u.internalId, u);
  }
  for (const id of split(body.toparty)) {
    if (!/^\d+$/.test(id) || !visible.has(Number(id))) invalid.party.push(id);
    else addDept(Number(id));
  }
  for (const id of split(body.totag)) {
    const tag = corp.tags.get(Number(id));
    if (!tag || !corp.auth?.privilege.allow_tag.includes(tag.tagid)) {
      invalid.tag.push(id);
      continue;
    }
    for (const internalId of tag.users) {
      const u = corp.users.get(internalId);
      if (u && u.status !== 5) users.set(u.internalId, u);
    }
    for (const d of tag.parties) addDept(d);
  }
  return { users: [...users.values()], invalid };
}

export function messageRoutes(state: SandboxState): Router {
  const router = new Router();
  const area = () => messageArea(state);

  router.post('/cgi-bin/message/send', requireToken(state, 'corp'), (ctx: Context) => {
    const corp = ctx.state.corp as Corp;
    const body = jsonBody(ctx);
    const msgtype = String(body.msgtype ?? '');
    if (!MSGTYPES.has(msgtype)) return fail(ctx, 40008);
    const content = body[msgtype];
    if (!content || typeof content !== 'object') return fail(ctx, 44004);
    if (msgtype !== 'miniprogram_notice' && Number(body.agentid) !== corp.auth!.agentid) return fail(ctx, 301002);
    const { users, invalid } = recipients(state, corp, body);
    const invalidFields = {
      ...(invalid.user.length && { invaliduser: invalid.user.join('|') }),
      ...(invalid.party.length && { invalidparty: invalid.party.join('|') }),
      ...(invalid.tag.length && { invalidtag: invalid.tag.join('|') }),
    };
    if (users.length === 0) {
      fail(ctx, 81013);
      Object.assign(ctx.body as object, invalidFields);
      return;
    }
    const msgid = state.newCode(24);
    const now = state.now();
    const dayKey = `${corp.corpid}:${new Date(now + 8 * 3600_000).toISOString().slice(0, 10)}`;
    const dayCap = (area().seatCap.get(corp.corpid) ?? DEFAULT_SEAT_CAP) * 200;
    for (const user of users) {
      const key = `${corp.corpid}:${user.internalId}`;
      const got = area().delivered.get(key) ?? [];
      const lastMinute = got.filter((m) => m.at > now - 60_000).length;
      const lastHour = got.filter((m) => m.at > now - 3600_000).length;
      const today = area().perDay.get(dayKey) ?? 0;
      const reason = lastMinute >= PER_MINUTE ? 'minute' : lastHour >= PER_HOUR ? 'hour' : today >= dayCap ? 'day' : null;
      if (reason) {
        area().dropped.set(key, [...(area().dropped.get(key) ?? []), { msgid, reason, at: now }]);
        continue;
      }
      got.push({ msgid, msgtype, agentid: body.agentid === undefined ? undefined : Number(body.agentid), content: content as Record<string, unknown>, at: now });
      area().delivered.set(key, got);
      area().perDay.set(dayKey, today + 1);
    }
    ok(ctx, { ...invalidFields, msgid, response_code: state.newCode(16) });
  });

  router.get('/sandbox/corps/:corpid/members/:userid/messages', (ctx) => {
    const found = devCorpMember(state, ctx);
    if (!found) return;
    const key = `${found.corp.corpid}:${found.user.internalId}`;
    ctx.body = { messages: area().delivered.get(key) ?? [], dropped: area().dropped.get(key) ?? [] };
  });

  router.post('/sandbox/corps/:corpid/message-caps', (ctx) => {
    const body = jsonBody(ctx) as { seatCap?: number };
    if (!state.corp(ctx.params.corpid) || !Number.isInteger(body.seatCap) || body.seatCap! < 1) {
      ctx.status = 400;
      ctx.body = { error: 'give an existing corp and a positive integer seatCap' };
      return;
    }
    area().seatCap.set(ctx.params.corpid, body.seatCap!);
    ctx.body = { seatCap: body.seatCap, perDay: body.seatCap! * 200 };
  });

  return router;
}
