/**
 * WeCom app messages to members and departments, within the host's caps, with every recipient's
 * outcome recorded (AppMessageRecipient) for admins to read.
 *
 *   await deps.messenger.send(tenantId, { memberIds, departmentIds, card, source: 'training.reminder' })
 *
 * Caps (the host drops the excess silently, so Qixue must not count on it): per app and member
 * 30 a minute and 1,000 an hour; per app and day seat cap × 200 person-times. Qixue checks them
 * against what it recorded as sent before calling, so a capped recipient is recorded as capped
 * rather than lost. Departments are expanded to their members (with sub-departments) here, since
 * caps and outcomes are per person; recipients go as `touser`, at most 1,000 per call.
 */
import type { Config } from '@qixue/config';
import type { AppDeps } from '../../core/context';
import { AppError } from '../../core/errors';
import type { PrismaClient } from '../../db/client';
import { WecomApiError } from './client';

export const CAPS = { perMinute: 30, perHour: 1000, perSeatPerDay: 200 } as const;
const BATCH = 1000;

export type Card =
  | { kind: 'textcard'; title: string; description: string; url: string; buttonText?: string }
  | { kind: 'template_card'; title: string; description?: string; url?: string; pagePath?: string; source?: string }
  | { kind: 'miniprogram_notice'; title: string; description?: string; page?: string; items?: { key: string; value: string }[]; emphasisFirstItem?: boolean };

export interface SendRequest {
  memberIds?: string[];
  departmentIds?: string[];
  card: Card;
  /** Who asks: 'admin', 'training.reminder' … */
  source: string;
  createdById?: string;
}

export type Outcome = 'sent' | 'capped_minute' | 'capped_hour' | 'capped_day' | 'invalid_user' | 'inactive' | 'failed';

export interface SendResult {
  messageId: string;
  recipients: number;
  outcomes: Record<Outcome, number>;
}

/** The message body the host expects for a card. */
export function hostMessage(card: Card, agentId: number, config: Config): Record<string, unknown> {
  switch (card.kind) {
    case 'textcard':
      return { msgtype: 'textcard', agentid: agentId, textcard: { title: card.title, description: card.description, url: card.url, btntxt: card.buttonText ?? '详情' } };
    case 'template_card':
      return {
        msgtype: 'template_card',
        agentid: agentId,
        template_card: {
          card_type: 'text_notice',
          ...(card.source && { source: { desc: card.source } }),
          main_title: { title: card.title, ...(card.description && { desc: card.description }) },
          card_action: card.pagePath ? { type: 2, appid: config.WECHAT_APP_ID, pagepath: card.pagePath } : { type: 1, url: card.url ?? config.PUBLIC_URL },
        },
      };
    case 'miniprogram_notice':
      return {
        msgtype: 'miniprogram_notice',
        miniprogram_notice: {
          appid: config.WECHAT_APP_ID,
          page: card.page ?? 'pages/home/index',
          title: card.title,
          description: card.description ?? '',
          emphasis_first_item: card.emphasisFirstItem ?? false,
          content_item: card.items ?? [],
        },
      };
  }
}

/** The start of today in China (UTC+8), where the host's day begins. */
export function startOfHostDay(now = Date.now()): Date {
  const offset = 8 * 3600_000;
  return new Date(Math.floor((now + offset) / 86_400_000) * 86_400_000 - offset);
}

export class Messenger {
  /** `deps` is read at call time: the messenger is built inside buildDeps, before deps exists. */
  constructor(private readonly deps: () => Pick<AppDeps, 'db' | 'wecom' | 'config' | 'logger'>) {}

  private get prisma(): PrismaClient {
    return this.deps().db.prisma;
  }

  async send(tenantId: string, request: SendRequest): Promise<SendResult> {
    const { config, wecom, logger } = this.deps();
    const auth = await this.prisma.wecomCorpAuth.findUnique({ where: { tenantId }, select: { agentId: true, status: true } });
    const tenant = await this.prisma.tenant.findUnique({ where: { id: tenantId }, select: { status: true } });
    if (!tenant || tenant.status !== 'active' || !auth || auth.status !== 'active' || !auth.agentId) {
      throw new AppError(422, 'wecom_not_connected', '该企业未通过企业微信安装企学，无法发送应用消息 / This enterprise has no WeCom app to send through');
    }
    const members = await this.recipients(tenantId, request);
    const message = await this.prisma.appMessage.create({
      data: {
        tenantId, kind: request.card.kind, title: request.card.title.slice(0, 200), payload: request.card as object,
        source: request.source, createdById: request.createdById, recipientCount: members.length,
      },
      select: { id: true },
    });

    const outcome = new Map<string, { outcome: Outcome; errcode?: number }>();
    const deliverable = await this.applyCaps(tenantId, members, outcome);
    const body = hostMessage(request.card, auth.agentId, config);
    const hostMsgIds: string[] = [];
    for (let i = 0; i < deliverable.length; i += BATCH) {
      const batch = deliverable.slice(i, i + BATCH);
      try {
        const res = await wecom.corpPost(tenantId, 'message/send', { ...body, touser: batch.map((m) => m.hostUserId).join('|') });
        if (res.msgid) hostMsgIds.push(String(res.msgid));
        const invalid = new Set(String(res.invaliduser ?? '').split('|').filter(Boolean));
        for (const m of batch) outcome.set(m.id, { outcome: invalid.has(m.hostUserId) ? 'invalid_user' : 'sent' });
      } catch (err) {
        if (!(err instanceof WecomApiError)) throw err;
        const all = err.errcode === 81013 ? 'invalid_user' : 'failed';
        if (all === 'failed') logger.warn({ tenantId, errcode: err.errcode }, 'wecom: message/send failed');
        for (const m of batch) outcome.set(m.id, { outcome: all, errcode: err.errcode });
      }
    }

    const rows = members.map((m) => ({ tenantId, messageId: message.id, memberId: m.id, ...outcome.get(m.id)! }));
    for (let i = 0; i < rows.length; i += BATCH) await this.prisma.appMessageRecipient.createMany({ data: rows.slice(i, i + BATCH) });
    const counts = Object.fromEntries(
      (['sent', 'capped_minute', 'capped_hour', 'capped_day', 'invalid_user', 'inactive', 'failed'] as Outcome[]).map((o) => [o, rows.filter((r) => r.outcome === o).length]),
    ) as Record<Outcome, number>;
    await this.prisma.appMessage.update({ where: { id: message.id }, data: { sentCount: counts.sent, hostMsgIds }, select: { id: true } });
    return { messageId: message.id, recipients: members.length, outcomes: counts };
  }

  /** The members named and the members of the departments named (sub-departments included), once each. */
  private async recipients(tenantId: string, request: SendRequest) {
    const ids = new Set(request.memberIds ?? []);
    if (request.departmentIds?.length) {
      const roots = await this.prisma.department.findMany({ where: { tenantId, id: { in: request.departmentIds } }, select: { path: true } });
      if (roots.length) {
        const depts = await this.prisma.department.findMany({ where: { tenantId, OR: roots.map((r) => ({ path: { startsWith: r.path } })) }, select: { id: true } });
        const links = await this.prisma.departmentMember.findMany({ where: { tenantId, departmentId: { in: depts.map((d) => d.id) } }, select: { memberId: true } });
        for (const l of links) ids.add(l.memberId);
      }
    }
    if (!ids.size) return [];
    return this.prisma.member.findMany({ where: { tenantId, id: { in: [...ids] } }, select: { id: true, hostUserId: true, status: true }, orderBy: { id: 'asc' } });
  }

  /** Marks inactive and capped members; returns those the host may receive now. */
  private async applyCaps(
    tenantId: string,
    members: { id: string; hostUserId: string | null; status: string }[],
    outcome: Map<string, { outcome: Outcome }>,
  ): Promise<{ id: string; hostUserId: string }[]> {
    const active = members.filter((m): m is { id: string; hostUserId: string; status: string } => {
      const ok = m.status === 'active' && !!m.hostUserId;
      if (!ok) outcome.set(m.id, { outcome: 'inactive' });
      return ok;
    });
    if (!active.length) return [];
    const now = Date.now();
    const countSince = async (since: Date) => {
      const counts = new Map<string, number>();
      for (let i = 0; i < active.length; i += BATCH) {
        const groups = await this.prisma.appMessageRecipient.groupBy({
          by: ['memberId'],
          where: { tenantId, outcome: 'sent', createdAt: { gte: since }, memberId: { in: active.slice(i, i + BATCH).map((m) => m.id) } },
          _count: { _all: true },
        });
        for (const g of groups) counts.set(g.memberId, g._count._all);
      }
      return counts;
    };
    const [lastMinute, lastHour, today, seats] = await Promise.all([
      countSince(new Date(now - 60_000)),
      countSince(new Date(now - 3600_000)),
      this.prisma.appMessageRecipient.count({ where: { tenantId, outcome: 'sent', createdAt: { gte: startOfHostDay(now) } } }),
      // The corp's seat cap is not stored; its people in Qixue never exceed it, so this errs on the safe side.
      this.prisma.member.count({ where: { tenantId, status: { not: 'cancelled' } } }),
    ]);
    let dayLeft = Math.max(0, seats * CAPS.perSeatPerDay - today);
    const deliverable: { id: string; hostUserId: string }[] = [];
    for (const m of active) {
      if ((lastMinute.get(m.id) ?? 0) >= CAPS.perMinute) outcome.set(m.id, { outcome: 'capped_minute' });
      else if ((lastHour.get(m.id) ?? 0) >= CAPS.perHour) outcome.set(m.id, { outcome: 'capped_hour' });
      else if (dayLeft <= 0) outcome.set(m.id, { outcome: 'capped_day' });
      else {
        dayLeft--;
        deliverable.push(m);
      }
    }
    return deliverable;
  }
}
