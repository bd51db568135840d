/**
 * The admin console's desktop layout: a fixed sidebar and a content column, sized in PX (which
 * Taro's pxtransform leaves alone) so that 1280×800 renders at 1×, not scaled like a phone page.
 */
import type { CSSProperties, ReactNode } from 'react';
import { Text, View } from '@tarojs/components';
import { go, relaunch, routes } from '../lib/routes';
import { signOut } from '../services/auth';
import { getProfile } from '../services/session';
import { ToastHost } from './toast';
import './admin-layout.css';

const menu = [
  { path: routes.adminDashboard, label: '数据看板' },
  { path: routes.adminTasks, label: '培训任务' },
  { path: routes.adminCourses, label: '课程管理' },
  { path: routes.adminExams, label: '考试与题库' },
  { path: routes.adminKnowledge, label: '知识库管理' },
  { path: routes.adminReports, label: '报表与导出' },
  { path: routes.adminMembers, label: '成员与管理员' },
  { path: routes.adminInvitations, label: '邀请外部成员' },
  { path: routes.adminMessages, label: '消息送达' },
  { path: routes.adminIntegrity, label: '学习异常' },
  { path: routes.adminLrs, label: '学习记录接口' },
  { path: routes.adminModeration, label: '社区审核' },
  { path: routes.adminAudit, label: '操作日志' },
  { path: routes.adminSettings, label: '企业设置' },
];

/** Ends the session on the server (best effort) and goes to sign-in; nothing of it stays in storage. */
async function leave() {
  await signOut().catch(() => undefined);
  relaunch(routes.signIn);
}

export function AdminLayout({ active, title, actions, children }: { active: string; title: string; actions?: ReactNode; children: ReactNode }) {
  const profile = getProfile();
  return (
    <View className='qx-admin'>
      <View className='qx-admin__side'>
        <Text className='qx-admin__brand'>企学 · 管理后台</Text>
        <Text className='qx-admin__tenant'>{profile?.tenant.name ?? ''}</Text>
        {menu.map((m) => (
          <View key={m.path} className={`qx-admin__nav ${m.path === active ? 'qx-admin__nav--active' : ''}`} onClick={() => go(m.path)}>
            {m.label}
          </View>
        ))}
        <View className='qx-admin__nav qx-admin__nav--back' onClick={() => go(routes.home)}>
          返回学员端
        </View>
        <View className='qx-admin__nav' data-testid='sign-out' onClick={leave}>
          退出登录
        </View>
      </View>
      <ToastHost />
      <View className='qx-admin__main'>
        <View className='qx-admin__head'>
          <Text className='qx-admin__title'>{title}</Text>
          <View className='qx-admin__actions'>{actions}</View>
        </View>
        {profile && profile.member.role !== 'admin' ? (
          <View className='qx-admin__denied qx-error-message'>仅企业管理员可以使用管理后台</View>
        ) : (
          children
        )}
      </View>
    </View>
  );
}

/** The header row of an admin table: one cell per column title (with the rows' style where a column is sized). */
export function TableHead({ cells }: { cells: Array<string | { label: string; style: CSSProperties }> }) {
  return (
    <View className='qx-table__row qx-table__row--head'>
      {cells.map((c, i) => (
        <Text key={i} className='qx-table__cell' style={typeof c === 'string' ? undefined : c.style}>
          {typeof c === 'string' ? c : c.label}
        </Text>
      ))}
    </View>
  );
}
