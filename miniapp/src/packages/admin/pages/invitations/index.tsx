/** 邀请外部成员: people outside WeCom join by an invitation to their phone number (002 §2.2.3). */
import { useState } from 'react';
import Taro from '@tarojs/taro';
import { Input, Text, View } from '@tarojs/components';
import { AdminLayout, TableHead } from '../../../../components/admin-layout';
import { PagedListView } from '../../../../components/state-view';
import { toast } from '../../../../components/toast';
import { usePagedList } from '../../../../hooks/use-paged-list';
import { useSignedIn } from '../../../../hooks/use-signed-in';
import { useTimeZone } from '../../../../hooks/use-time-zone';
import { routes } from '../../../../lib/routes';
import { formatDateTime } from '../../../../lib/time';
import { createInvitation, listInvitations, revokeInvitation, type Invitation } from '../../../../services/invitations';

const statusWords: Record<string, string> = { pending: '待接受', accepted: '已加入', revoked: '已撤销', expired: '已过期' };
const filters: Array<[string, string]> = [['', '全部'], ['pending', '待接受'], ['accepted', '已加入'], ['revoked', '已撤销']];

export default function Invitations() {
  useSignedIn();
  const zone = useTimeZone();
  const [status, setStatus] = useState('');
  const list = usePagedList((cursor) => listInvitations(cursor, status || undefined), [status]);
  const [form, setForm] = useState({ name: '', phone: '', role: 'member' as 'member' | 'admin', validDays: '7' });
  const [busy, setBusy] = useState(false);
  const [revoked, setRevoked] = useState<Record<string, Invitation>>({});

  const invite = async () => {
    const name = form.name.trim();
    const phone = form.phone.trim();
    const validDays = Number(form.validDays);
    if (!name) return toast.error('请填写被邀请人的姓名');
    if (!/^1\d{10}$/.test(phone)) return toast.error('请填写 11 位手机号');
    if (!Number.isInteger(validDays) || validDays < 1 || validDays > 30) return toast.error('有效期为 1 到 30 天');
    setBusy(true);
    try {
      await createInvitation({ name, phone, role: form.role, validDays });
      toast.success(`已邀请 ${name}：对方用手机号 ${phone.slice(0, 3)}****${phone.slice(-4)} 登录即可加入`);
      setForm({ name: '', phone: '', role: 'member', validDays: '7' });
      list.reload();
    } catch (err) {
      toast.error(err, '邀请失败');
    } finally {
      setBusy(false);
    }
  };

  const revoke = async (i: Invitation) => {
    const { confirm } = await Taro.showModal({ title: '撤销邀请', content: `撤销对 ${i.name ?? '该成员'} 的邀请？对方将无法再用此邀请加入。` });
    if (!confirm) return;
    try {
      const updated = await revokeInvitation(i.id);
      setRevoked((r) => ({ ...r, [i.id]: updated }));
      toast.success('已撤销邀请');
    } catch (err) {
      toast.error(err, '撤销失败');
    }
  };

  return (
    <AdminLayout active={routes.adminInvitations} title='邀请外部成员'>
      <View className='qx-panel' data-testid='invite-form'>
        <Text className='qx-panel__title'>发出邀请</Text>
        <Text className='qx-muted'>不在企业微信通讯录中的人员（如外部讲师、合作伙伴）可通过手机号加入，登录时需验证短信验证码。</Text>
        <View className='qx-form-row' style={{ marginTop: '12PX' }}>
          <Text className='qx-form-row__label'>姓名</Text>
          <Input className='qx-ainput' maxlength={100} value={form.name} onInput={(e) => setForm({ ...form, name: e.detail.value })} data-testid='invite-name' />
          <Text className='qx-form-row__label'>手机号</Text>
          <Input className='qx-ainput' type='number' maxlength={11} value={form.phone} onInput={(e) => setForm({ ...form, phone: e.detail.value })} data-testid='invite-phone' />
        </View>
        <View className='qx-form-row'>
          <Text className='qx-form-row__label'>身份</Text>
          {(['member', 'admin'] as const).map((r) => (
            <View key={r} className={`qx-abtn ${form.role === r ? 'qx-abtn--primary' : ''}`} onClick={() => setForm({ ...form, role: r })}>
              {r === 'admin' ? '管理员' : '员工'}
            </View>
          ))}
          <Text className='qx-form-row__label'>有效期（天）</Text>
          <Input className='qx-ainput' type='number' style={{ width: '80PX' }} value={form.validDays} onInput={(e) => setForm({ ...form, validDays: e.detail.value })} />
          <View className={`qx-abtn qx-abtn--primary ${busy ? 'qx-abtn--disabled' : ''}`} onClick={invite} data-testid='invite-submit'>
            {busy ? '正在邀请…' : '发送邀请'}
          </View>
        </View>
      </View>
      <View className='qx-admin__filters'>
        {filters.map(([v, label]) => (
          <View key={v} className={`qx-abtn ${status === v ? 'qx-abtn--primary' : ''}`} onClick={() => setStatus(v)}>
            {label}
          </View>
        ))}
      </View>
      <View className='qx-panel' data-testid='invitations'>
        <TableHead cells={['姓名', '手机号', '状态', '邀请时间', '有效期至', '操作']} />
        <PagedListView list={list} emptyText='还没有邀请记录'>
          {list.items.map((raw) => {
            const i = revoked[raw.id] ?? raw;
            return (
              <View key={i.id} className='qx-table__row' data-testid='invitation-row'>
                <Text className='qx-table__cell'>{i.name ?? '—'}</Text>
                <Text className='qx-table__cell'>{i.phone ?? '—'}</Text>
                <Text className='qx-table__cell'>{statusWords[i.status] ?? '—'}</Text>
                <Text className='qx-table__cell'>{formatDateTime(i.createdAt, zone)}</Text>
                <Text className='qx-table__cell'>{i.status === 'accepted' && i.acceptedAt ? `${formatDateTime(i.acceptedAt, zone)} 已加入` : formatDateTime(i.expiresAt, zone)}</Text>
                <View className='qx-table__cell'>
                  {i.status === 'pending' || i.status === 'expired' ? (
                    <View className='qx-abtn' onClick={() => revoke(i)} data-testid='invitation-revoke'>
                      撤销
                    </View>
                  ) : (
                    <Text className='qx-muted'>—</Text>
                  )}
                </View>
              </View>
            );
          })}
        </PagedListView>
      </View>
    </AdminLayout>
  );
}
