/**
 * 学习记录接口 (xAPI LRS): the enterprise's learning-record store address and the credentials other
 * systems use with it (Basic auth). A credential's secret is shown once, when it is issued; the
 * server keeps only its hash. Revoking stops a credential within seconds.
 */
import { useState } from 'react';
import Taro from '@tarojs/taro';
import { Input, Text, View } from '@tarojs/components';
import { AdminLayout, TableHead } from '../../../../components/admin-layout';
import { StateView } from '../../../../components/state-view';
import { toast } from '../../../../components/toast';
import { useRequest } from '../../../../hooks/use-request';
import { useSignedIn } from '../../../../hooks/use-signed-in';
import { useTimeZone } from '../../../../hooks/use-time-zone';
import { routes } from '../../../../lib/routes';
import { formatDateTime } from '../../../../lib/time';
import { issueLrsCredential, listLrsCredentials, revokeLrsCredential, type IssuedCredential, type LrsCredential } from '../../../../services/xapi';
import './index.css';

async function copy(text: string, what: string) {
  try {
    await Taro.setClipboardData({ data: text });
    toast.success(`已复制${what}`);
  } catch {
    toast.error(`复制失败，请手动选中${what}复制`);
  }
}

function Copyable({ label, value, testId }: { label: string; value: string; testId: string }) {
  return (
    <View className='qx-form-row'>
      <Text className='qx-form-row__label'>{label}</Text>
      <Text className='qx-lrs__value' data-testid={testId}>{value}</Text>
      <View className='qx-abtn' onClick={() => copy(value, label)} data-testid={`${testId}-copy`}>
        复制
      </View>
    </View>
  );
}

/** The credential just issued: its secret, this once. */
function IssuedPanel({ issued, onDone }: { issued: IssuedCredential; onDone: () => void }) {
  return (
    <View className='qx-panel qx-lrs__issued' data-testid='lrs-issued'>
      <Text className='qx-panel__title'>已创建凭据「{issued.credential.name}」</Text>
      <Text className='qx-lrs__warning'>密钥只显示这一次，关闭后无法再次查看。请立即复制并妥善保存到对接系统中；如果遗失，请撤销此凭据并重新创建。</Text>
      <Copyable label='接口地址' value={issued.endpoint} testId='lrs-issued-endpoint' />
      <Copyable label='用户名（Key）' value={issued.credential.key} testId='lrs-issued-key' />
      <Copyable label='密钥（Secret）' value={issued.secret} testId='lrs-issued-secret' />
      <View className='qx-abtn qx-abtn--primary' onClick={onDone} data-testid='lrs-issued-done'>
        我已保存，关闭
      </View>
    </View>
  );
}

export default function LrsCredentials() {
  const { signedIn } = useSignedIn();
  const zone = useTimeZone();
  const list = useRequest(() => listLrsCredentials(), [], signedIn);
  const [name, setName] = useState('');
  const [busy, setBusy] = useState(false);
  const [issued, setIssued] = useState<IssuedCredential | null>(null);

  const issue = async () => {
    const trimmed = name.trim();
    if (!trimmed) return toast.error('请填写凭据名称，例如对接系统的名字');
    setBusy(true);
    try {
      setIssued(await issueLrsCredential(trimmed));
      setName('');
      list.reload();
    } catch (err) {
      toast.error(err, '创建失败');
    } finally {
      setBusy(false);
    }
  };

  const revoke = async (c: LrsCredential) => {
    const { confirm } = await Taro.showModal({
      title: '撤销凭据',
      content: `撤销「${c.name}」？使用它的系统将在数秒内无法再读写学习记录，此操作不能恢复。`,
      confirmText: '撤销',
      cancelText: '取消',
    });
    if (!confirm) return;
    try {
      await revokeLrsCredential(c.id);
      toast.success(`已撤销「${c.name}」`);
      list.reload();
    } catch (err) {
      toast.error(err, '撤销失败');
    }
  };

  const items = list.data?.items ?? [];
  return (
    <AdminLayout active={routes.adminLrs} title='学习记录接口'>
      <View className='qx-panel'>
        <Text className='qx-panel__title'>接口地址</Text>
        <Text className='qx-muted'>
          企学按 xAPI 2.0 标准保存学员的学习记录（完成章节、考试成绩、学时、证书等）。其他学习系统可用下方地址和凭据写入或导出本企业的学习记录。
        </Text>
        <StateView loading={list.loading && !list.data} error={list.error} onRetry={list.reload}>
          {list.data ? (
            <View className='qx-lrs__endpoint' style={{ marginTop: '12PX' }}>
              <Text className='qx-lrs__value' data-testid='lrs-endpoint'>{list.data.endpoint}</Text>
              <View className='qx-abtn' onClick={() => copy(list.data!.endpoint, '接口地址')}>
                复制
              </View>
            </View>
          ) : null}
        </StateView>
      </View>

      {issued ? <IssuedPanel issued={issued} onDone={() => setIssued(null)} /> : null}

      <View className='qx-panel'>
        <Text className='qx-panel__title'>创建凭据</Text>
        <View className='qx-form-row'>
          <Text className='qx-form-row__label'>名称</Text>
          <Input
            className='qx-ainput'
            style={{ width: '320PX' }}
            maxlength={100}
            placeholder='例如：集团学习平台'
            value={name}
            onInput={(e) => setName(e.detail.value)}
            data-testid='lrs-name'
          />
          <View className={`qx-abtn qx-abtn--primary ${busy ? 'qx-abtn--disabled' : ''}`} onClick={issue} data-testid='lrs-issue'>
            {busy ? '正在创建…' : '创建'}
          </View>
        </View>
      </View>

      <View className='qx-panel' data-testid='lrs-credentials'>
        <TableHead cells={['名称', '用户名（Key）', '创建时间', '状态', '操作']} />
        <StateView loading={list.loading && !list.data} error={list.data ? null : list.error} empty={!items.length} emptyText='还没有凭据' onRetry={list.reload}>
          {items.map((c) => (
            <View key={c.id} className='qx-table__row' data-testid='lrs-credential-row'>
              <Text className='qx-table__cell'>{c.name}</Text>
              <Text className='qx-table__cell'>{c.key}</Text>
              <Text className='qx-table__cell'>{formatDateTime(c.createdAt, zone)}</Text>
              <Text className='qx-table__cell'>
                {c.revokedAt ? <Text className='qx-tag qx-tag--danger'>已撤销 {formatDateTime(c.revokedAt, zone)}</Text> : <Text className='qx-tag'>使用中</Text>}
              </Text>
              <View className='qx-table__cell'>
                {c.revokedAt ? (
                  <Text className='qx-muted'>—</Text>
                ) : (
                  <View className='qx-abtn' onClick={() => revoke(c)} data-testid='lrs-revoke'>
                    撤销
                  </View>
                )}
              </View>
            </View>
          ))}
        </StateView>
      </View>
    </AdminLayout>
  );
}
