/** WeCom app messages the enterprise sent, and what happened to each recipient. */
import { http } from './http';
import type { Page } from './types';

export interface AppMessage {
  id: string;
  kind: string;
  title: string;
  source: string;
  recipientCount: number;
  sentCount: number;
  createdAt: string;
}
export interface Recipient {
  id: string;
  memberId: string;
  hostUserId: string | null;
  name: string | null;
  outcome: string;
  errcode: number | null;
  createdAt: string;
}
export const listMessages = (cursor?: string | null) => http.get<Page<AppMessage>>('/api/v1/admin/messages', { cursor, limit: 30 });
export const messageOutcomes = (id: string) =>
  http.get<{ message: AppMessage; outcomes: Record<string, number> }>(`/api/v1/admin/messages/${id}`);
export const messageRecipients = (id: string, cursor?: string | null, outcome?: string) =>
  http.get<Page<Recipient>>(`/api/v1/admin/messages/${id}/recipients`, { cursor, limit: 50, outcome });

/** What each delivery outcome means, for the admin. */
export const outcomeWords: Record<string, string> = {
  sent: '已发出',
  capped_minute: '未发送：一分钟内发给该成员的消息过多',
  capped_hour: '未发送：一小时内发给该成员的消息过多',
  capped_day: '未发送：应用今日发送量已达上限',
  invalid_user: '未发送：不在应用可见范围内',
  inactive: '未发送：成员已离开或冻结',
  failed: '发送失败：企业微信未响应',
};
