/** 成员与管理员: the synced directory's members (names rendered by the host), roles, audit log. */
import { useState } from 'react';
import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { AdminLayout, TableHead } from '../../../../components/admin-layout';
import { OpenDataName } from '../../../../components/open-data-name';
import { PagedListView } from '../../../../components/state-view';
import { usePagedList } from '../../../../hooks/use-paged-list';
import { useSignedIn } from '../../../../hooks/use-signed-in';
import { displayMessage } from '../../../../lib/api-error';
import { routes } from '../../../../lib/routes';
import { auditLogs, changeRole, listMembers } from '../../../../services/admin';
import type { Member } from '../../../../services/types';
import { useTimeZone } from '../../../../hooks/use-time-zone';
import { formatDateTime, formatRelative } from '../../../../lib/time';

const statusLabel: Record<string, string> = { active: '在职', left: '已离开', frozen: '已冻结', cancelled: '已注销' };

export default function Members() {
  const tz = useTimeZone();
  useSignedIn();
  const [role, setRole] = useState<string>('');
  const members = usePagedList((cursor) => listMembers(cursor, role ? { role } : {}), [role]);
  const audits = usePagedList(auditLogs);
  const [changed, setChanged] = useState<Record<string, Member>>({});

  const flip = async (m: Member) => {
    const next = m.role === 'admin' ? 'member' : 'admin';
    const { confirm } = await Taro.showModal({ title: '修改角色', content: next === 'admin' ? '设为企业管理员？' : '取消管理员身份？' });
    if (!confirm) return;
    try {
      const updated = await changeRole(m.id, next);
      setChanged({ ...changed, [m.id]: updated });
      audits.reload();
    } catch (err) {
      Taro.showModal({ title: '操作失败', content: displayMessage(err), showCancel: false });
    }
  };

  return (
    <AdminLayout
      active={routes.adminMembers}
      title='成员与管理员'
      actions={[['', '全部'], ['admin', '管理员'], ['member', '员工']].map(([v, label]) => (
        <View key={v} className={`qx-abtn ${role === v ? 'qx-abtn--primary' : ''}`} onClick={() => setRole(v)}>
          {label}
        </View>
      ))}
    >
      <View className='qx-panel' data-testid='members'>
        <TableHead cells={['姓名', '账号', '状态', '角色', '最近活跃', '操作']} />
        <PagedListView list={members} emptyText='没有成员'>
          {members.items.map((raw) => {
            const m = changed[raw.id] ?? raw;
            return (
              <View key={m.id} className='qx-table__row' data-testid='member-row'>
                <View className='qx-table__cell'>
                  <OpenDataName hostUserId={m.hostUserId} name={m.name} />
                </View>
                <Text className='qx-table__cell'>{m.hostUserId ?? '—'}</Text>
                <Text className='qx-table__cell'>{statusLabel[m.status ?? ''] ?? m.status}</Text>
                <Text className='qx-table__cell'>{m.role === 'admin' ? '管理员' : '员工'}</Text>
                <Text className='qx-table__cell'>{m.lastActiveAt ? formatRelative(m.lastActiveAt, Date.now(), tz) : '—'}</Text>
                <View className='qx-table__cell'>
                  <View className='qx-abtn' onClick={() => flip(m)}>
                    {m.role === 'admin' ? '取消管理员' : '设为管理员'}
                  </View>
                </View>
              </View>
            );
          })}
        </PagedListView>
      </View>
      <View className='qx-panel'>
        <Text className='qx-panel__title'>操作日志</Text>
        <PagedListView list={audits} emptyText='暂无操作记录'>
          {audits.items.map((a) => (
            <View key={a.id} className='qx-table__row'>
              <Text className='qx-table__cell'>{formatDateTime(a.createdAt, tz)}</Text>
              <Text className='qx-table__cell'>{a.action}</Text>
              <Text className='qx-table__cell'>{[a.targetType, a.targetId].filter(Boolean).join(' ')}</Text>
            </View>
          ))}
        </PagedListView>
      </View>
    </AdminLayout>
  );
}
