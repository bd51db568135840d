/** 成员与管理员: the synced directory's members by name (drawn by the host), search, roles, unfreezing. */
import { useState } from 'react';
import Taro from '@tarojs/taro';
import { Input, Text, View } from '@tarojs/components';
import { AdminLayout, TableHead } from '../../../../components/admin-layout';
import { OpenDataName } from '../../../../components/open-data-name';
import { PagedListView } from '../../../../components/state-view';
import { toast } from '../../../../components/toast';
import { useDebounced } from '../../../../hooks/use-debounced';
import { usePagedList } from '../../../../hooks/use-paged-list';
import { useSignedIn } from '../../../../hooks/use-signed-in';
import { useTimeZone } from '../../../../hooks/use-time-zone';
import { go, routes } from '../../../../lib/routes';
import { formatRelative } from '../../../../lib/time';
import { changeRole, listMembers, unfreezeMember } from '../../../../services/admin';
import type { Member } from '../../../../services/types';

const statusLabel: Record<string, string> = { active: '在职', left: '已离开', frozen: '已冻结', cancelled: '已注销' };
const roles: Array<[string, string]> = [['', '全部角色'], ['admin', '管理员'], ['member', '员工']];
const statuses: Array<[string, string]> = [['', '全部状态'], ['active', '在职'], ['frozen', '已冻结'], ['left', '已离开']];

export default function Members() {
  useSignedIn();
  const zone = useTimeZone();
  const [role, setRole] = useState('');
  const [status, setStatus] = useState('');
  const [search, setSearch] = useState('');
  const q = useDebounced(search.trim());
  const members = usePagedList((cursor) => listMembers(cursor, { role: role || undefined, status: status || undefined, q }), [role, status, q]);
  const [changed, setChanged] = useState<Record<string, Member>>({});

  const flip = async (m: Member) => {
    const next = m.role === 'admin' ? 'member' : 'admin';
    const { confirm } = await Taro.showModal({ title: '修改角色', content: next === 'admin' ? '设为企业管理员？' : '取消管理员身份？' });
    if (!confirm) return;
    try {
      const updated = await changeRole(m.id, next);
      setChanged((c) => ({ ...c, [m.id]: updated }));
      toast.success(next === 'admin' ? '已设为管理员' : '已取消管理员身份');
    } catch (err) {
      toast.error(err);
    }
  };

  const unfreeze = async (m: Member) => {
    const { confirm } = await Taro.showModal({ title: '解冻账号', content: '该成员长期未登录已被冻结。解冻后可立即登录，是否解冻？' });
    if (!confirm) return;
    try {
      await unfreezeMember(m.id);
      setChanged((c) => ({ ...c, [m.id]: { ...m, status: 'active' } }));
      toast.success('已解冻');
    } catch (err) {
      toast.error(err);
    }
  };

  const chips = (options: Array<[string, string]>, value: string, set: (v: string) => void, testId: string) =>
    options.map(([v, label]) => (
      <View key={v} data-testid={`${testId}-${v || 'all'}`} className={`qx-abtn ${value === v ? 'qx-abtn--primary' : ''}`} onClick={() => set(v)}>
        {label}
      </View>
    ));

  return (
    <AdminLayout active={routes.adminMembers} title='成员与管理员' actions={<View className='qx-abtn' onClick={() => go(routes.adminInvitations)}>邀请外部成员</View>}>
      <View className='qx-admin__filters'>
        <Input className='qx-ainput' style={{ width: '240PX' }} placeholder='按姓名搜索成员' value={search} onInput={(e) => setSearch(e.detail.value)} data-testid='member-search' />
        {chips(roles, role, setRole, 'role')}
        <Text className='qx-muted'>|</Text>
        {chips(statuses, status, setStatus, 'status')}
      </View>
      <View className='qx-panel' data-testid='members'>
        <TableHead cells={['姓名', '来源', '状态', '角色', '最近活跃', '操作']} />
        <PagedListView list={members} emptyText={q ? `没有姓名包含“${q}”的成员` : '没有符合条件的成员'}>
          {members.items.map((raw) => {
            const m = changed[raw.id] ?? raw;
            return (
              <View key={m.id} className='qx-table__row' data-testid='member-row'>
                <View className='qx-table__cell'>
                  <OpenDataName hostUserId={m.hostUserId} name={m.name} />
                </View>
                <Text className='qx-table__cell'>{m.hostUserId ? '企业微信通讯录' : '手机号邀请'}</Text>
                <Text className={`qx-table__cell ${m.status === 'frozen' ? 'qx-error-message' : ''}`}>{statusLabel[m.status ?? ''] ?? '—'}</Text>
                <Text className='qx-table__cell'>{m.role === 'admin' ? '管理员' : '员工'}</Text>
                <Text className='qx-table__cell'>{m.lastActiveAt ? formatRelative(m.lastActiveAt, Date.now(), zone) : '从未登录'}</Text>
                <View className='qx-table__cell' style={{ display: 'flex', gap: '6PX' }}>
                  <View className='qx-abtn' onClick={() => flip(m)}>
                    {m.role === 'admin' ? '取消管理员' : '设为管理员'}
                  </View>
                  {m.status === 'frozen' ? (
                    <View className='qx-abtn qx-abtn--primary' data-testid='unfreeze' onClick={() => unfreeze(m)}>
                      解冻
                    </View>
                  ) : null}
                </View>
              </View>
            );
          })}
        </PagedListView>
      </View>
    </AdminLayout>
  );
}
