/** Every page's path, in one place, and navigation helpers (Taro's router on both builds). */
import Taro from '@tarojs/taro';
import { withQuery, type QueryValue } from './query';

export const routes = {
  home: '/pages/home/index',
  knowledge: '/pages/knowledge/index',
  tasks: '/pages/tasks/index',
  me: '/pages/me/index',
  signIn: '/packages/account/pages/sign-in/index',
  inbox: '/packages/account/pages/inbox/index',
  records: '/packages/account/pages/records/index',
  password: '/packages/account/pages/password/index',
  phone: '/packages/account/pages/phone/index',
  profile: '/packages/account/pages/profile/index',
  logins: '/packages/account/pages/logins/index',
  agreements: '/packages/account/pages/agreements/index',
  privacy: '/packages/account/pages/privacy/index',
  myData: '/packages/account/pages/my-data/index',
  cancellation: '/packages/account/pages/cancellation/index',
  space: '/packages/knowledge/pages/space/index',
  doc: '/packages/knowledge/pages/doc/index',
  search: '/packages/knowledge/pages/search/index',
  courses: '/packages/course/pages/list/index',
  course: '/packages/course/pages/detail/index',
  certificate: '/packages/course/pages/certificate/index',
  exam: '/packages/exam/pages/take/index',
  examResult: '/packages/exam/pages/result/index',
  adminDashboard: '/packages/admin/pages/dashboard/index',
  adminMembers: '/packages/admin/pages/members/index',
  adminKnowledge: '/packages/admin/pages/knowledge/index',
  adminCourses: '/packages/admin/pages/courses/index',
  adminExams: '/packages/admin/pages/exams/index',
  adminTasks: '/packages/admin/pages/tasks/index',
  adminReports: '/packages/admin/pages/reports/index',
  adminSettings: '/packages/admin/pages/settings/index',
  adminAudit: '/packages/admin/pages/audit/index',
  adminInvitations: '/packages/admin/pages/invitations/index',
  adminMessages: '/packages/admin/pages/messages/index',
  adminIntegrity: '/packages/admin/pages/integrity/index',
  adminLrs: '/packages/admin/pages/lrs/index',
  community: '/packages/community/pages/index/index',
  communityAsk: '/packages/community/pages/ask/index',
  communityPost: '/packages/community/pages/post/index',
  communityPenalties: '/packages/community/pages/penalties/index',
  adminModeration: '/packages/admin/pages/moderation/index',
  notFound: '/packages/common/pages/not-found/index',
} as const;

const tabs: string[] = [routes.home, routes.knowledge, routes.tasks, routes.me];

export function go(path: string, params?: Record<string, QueryValue>): void {
  if (tabs.includes(path)) {
    Taro.switchTab({ url: path });
    return;
  }
  Taro.navigateTo({ url: withQuery(path, params) }).catch(() => Taro.redirectTo({ url: withQuery(path, params) }));
}

export function replace(path: string, params?: Record<string, QueryValue>): void {
  if (tabs.includes(path)) Taro.switchTab({ url: path });
  else Taro.redirectTo({ url: withQuery(path, params) });
}

export function relaunch(path: string): void {
  Taro.reLaunch({ url: path });
}
