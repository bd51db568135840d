/**
 * 企业设置: the annual credit-hour requirement (seed 001 §4.4), the account policy (inactivity
 * freeze and retention, 003 §17; real-name fields) and the classified-marker rules (000 §5.4.4).
 */
import { useState } from 'react';
import { Input, Switch, Text, Textarea, View } from '@tarojs/components';
import { AdminLayout } from '../../../../components/admin-layout';
import { StateView } from '../../../../components/state-view';
import { toast } from '../../../../components/toast';
import { useRequest } from '../../../../hooks/use-request';
import { useSeed } from '../../../../hooks/use-seed';
import { useSignedIn } from '../../../../hooks/use-signed-in';
import { routes } from '../../../../lib/routes';
import { setTrainingPolicy, trainingPolicy } from '../../../../services/records';
import { accountPolicy, classifiedMarkers, saveAccountPolicy, saveClassifiedMarkers } from '../../../../services/policies';

const wholeNumber = (text: string) => (/^\d+$/.test(text.trim()) ? Number(text.trim()) : NaN);

function TrainingPanel({ enabled }: { enabled: boolean }) {
  const policy = useRequest(() => trainingPolicy(), [], enabled);
  const [hours, setHours] = useState('');
  const seeded = useSeed(policy.data, (d) => setHours(String(d.annualCreditHours)));
  const save = async () => {
    const value = Number(hours);
    if (!hours.trim() || !Number.isFinite(value) || value < 0) return toast.error('请输入不小于 0 的学时数');
    try {
      const saved = await setTrainingPolicy(value);
      toast.success(`已保存：每年需完成 ${saved.annualCreditHours} 学时`);
    } catch (err) {
      toast.error(err, '保存失败');
    }
  };
  return (
    <View className='qx-panel' data-testid='settings'>
      <Text className='qx-panel__title'>年度学时要求</Text>
      <StateView loading={policy.loading || !seeded} error={policy.error} onRetry={policy.reload}>
        <View className='qx-form-row'>
          <Text className='qx-form-row__label'>每年学时</Text>
          <Input className='qx-ainput' type='digit' value={hours} onInput={(e) => setHours(e.detail.value)} />
          <View className='qx-abtn qx-abtn--primary' onClick={save}>保存</View>
        </View>
        <Text className='qx-muted'>学员完成课程全部章节并通过考试后记入该课程学时；当年学时达到要求即完成年度培训。设为 0 表示不要求。</Text>
      </StateView>
    </View>
  );
}

function AccountPolicyPanel({ enabled }: { enabled: boolean }) {
  const policy = useRequest(() => accountPolicy(), [], enabled);
  const [freeze, setFreeze] = useState('');
  const [retain, setRetain] = useState('');
  const [realName, setRealName] = useState(false);
  const seeded = useSeed(policy.data, (d) => {
    setFreeze(String(d.freezeAfterDays));
    setRetain(String(d.retentionDays));
    setRealName(d.requireRealName);
  });
  const save = async () => {
    const freezeAfterDays = wholeNumber(freeze);
    const retentionDays = wholeNumber(retain);
    if (!(freezeAfterDays >= 30 && freezeAfterDays <= 3650)) return toast.error('冻结期限请填写 30 到 3650 之间的天数');
    if (!(retentionDays >= 30 && retentionDays <= 3650)) return toast.error('保留期限请填写 30 到 3650 之间的天数');
    if (retentionDays <= freezeAfterDays) return toast.error('数据保留期限须长于冻结期限');
    try {
      await saveAccountPolicy({ freezeAfterDays, retentionDays, requireRealName: realName });
      toast.success('账号策略已保存');
    } catch (err) {
      toast.error(err, '保存失败');
    }
  };
  return (
    <View className='qx-panel' data-testid='account-policy'>
      <Text className='qx-panel__title'>账号策略</Text>
      <StateView loading={policy.loading || !seeded} error={policy.error} onRetry={policy.reload}>
        <View className='qx-form-row'>
          <Text className='qx-form-row__label'>冻结期限</Text>
          <Input className='qx-ainput' type='number' value={freeze} onInput={(e) => setFreeze(e.detail.value)} data-testid='freeze-days' />
          <Text className='qx-muted'>天未登录的账号将被冻结（成员可用密码和短信验证码解冻，管理员也可在“成员与管理员”中解冻）</Text>
        </View>
        <View className='qx-form-row'>
          <Text className='qx-form-row__label'>数据保留</Text>
          <Input className='qx-ainput' type='number' value={retain} onInput={(e) => setRetain(e.detail.value)} data-testid='retention-days' />
          <Text className='qx-muted'>天未登录后删除个人信息（须长于冻结期限；企业依法需保留的学习记录除外）</Text>
        </View>
        <View className='qx-form-row'>
          <Text className='qx-form-row__label'>实名信息</Text>
          <Switch checked={realName} color='#1f6feb' onChange={(e) => setRealName(e.detail.value)} />
          <Text className='qx-muted'>{realName ? '要求成员填写姓名、身份证号、工作单位和地区（用于监管报送）' : '不要求成员填写实名信息'}</Text>
        </View>
        <View className='qx-abtn qx-abtn--primary' onClick={save} data-testid='save-account-policy'>保存账号策略</View>
      </StateView>
    </View>
  );
}

function MarkersPanel({ enabled }: { enabled: boolean }) {
  const markers = useRequest(() => classifiedMarkers(), [], enabled);
  const [text, setText] = useState('');
  const seeded = useSeed(markers.data, (d) => setText(d.classifiedMarkers.join('\n')));
  const save = async () => {
    const list = [...new Set(text.split(/[\n,，、]/).map((s) => s.trim()).filter(Boolean))];
    if (list.length > 100) return toast.error('最多 100 条标识');
    if (list.some((m) => m.length > 50)) return toast.error('每条标识不超过 50 个字');
    try {
      const saved = await saveClassifiedMarkers(list);
      setText(saved.classifiedMarkers.join('\n'));
      toast.success(`已保存 ${saved.classifiedMarkers.length} 条密级标识`);
    } catch (err) {
      toast.error(err, '保存失败');
    }
  };
  return (
    <View className='qx-panel' data-testid='classified-markers'>
      <Text className='qx-panel__title'>密级标识规则</Text>
      <StateView loading={markers.loading || !seeded} error={markers.error} onRetry={markers.reload}>
        <Text className='qx-muted'>含有以下标识的文件上传知识库时会被拒绝。平台内置标识：</Text>
        <View style={{ display: 'flex', flexWrap: 'wrap', gap: '6PX', margin: '8PX 0 12PX' }}>
          {(markers.data?.platformMarkers ?? []).map((m) => (
            <Text key={m} className='qx-tag'>{m}</Text>
          ))}
        </View>
        <Text className='qx-muted'>本企业追加的标识（每行一条）：</Text>
        <Textarea className='qx-ainput' style={{ width: '480PX', height: '120PX', display: 'block', margin: '8PX 0 12PX' }} value={text} maxlength={6000}
          onInput={(e) => setText(e.detail.value)} placeholder='例如：绝密、内部资料' data-testid='markers-input' />
        <View className='qx-abtn qx-abtn--primary' onClick={save} data-testid='save-markers'>保存标识</View>
      </StateView>
    </View>
  );
}

export default function Settings() {
  const { signedIn } = useSignedIn();
  return (
    <AdminLayout active={routes.adminSettings} title='企业设置'>
      <TrainingPanel enabled={signedIn} />
      <AccountPolicyPanel enabled={signedIn} />
      <MarkersPanel enabled={signedIn} />
    </AdminLayout>
  );
}
