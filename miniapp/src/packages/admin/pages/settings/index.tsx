/** 企业设置: the annual credit-hour requirement (seed 001 §4.4) that members' hours count against. */
import { useEffect, useState } from 'react';
import { Input, Text, View } from '@tarojs/components';
import { AdminLayout } from '../../../../components/admin-layout';
import { StateView } from '../../../../components/state-view';
import { useRequest } from '../../../../hooks/use-request';
import { useSignedIn } from '../../../../hooks/use-signed-in';
import { displayMessage } from '../../../../lib/api-error';
import { routes } from '../../../../lib/routes';
import { setTrainingPolicy, trainingPolicy } from '../../../../services/records';

export default function Settings() {
  const { signedIn } = useSignedIn();
  const policy = useRequest(() => trainingPolicy(), [], signedIn);
  const [hours, setHours] = useState('');
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  useEffect(() => {
    if (policy.data) setHours(String(policy.data.annualCreditHours));
  }, [policy.data]);

  const save = async () => {
    const value = Number(hours);
    if (!Number.isFinite(value) || value < 0) return setMessage({ ok: false, text: '请输入不小于 0 的学时数' });
    try {
      const saved = await setTrainingPolicy(value);
      setMessage({ ok: true, text: `已保存：每年需完成 ${saved.annualCreditHours} 学时` });
    } catch (err) {
      setMessage({ ok: false, text: displayMessage(err) });
    }
  };

  return (
    <AdminLayout active={routes.adminSettings} title='企业设置'>
      {message ? <View className={`qx-panel ${message.ok ? '' : 'qx-error-message'}`}>{message.text}</View> : null}
      <StateView loading={policy.loading} error={policy.error} onRetry={policy.reload}>
        <View className='qx-panel' data-testid='settings'>
          <Text className='qx-panel__title'>年度学时要求</Text>
          <View className='qx-form-row'>
            <Text className='qx-form-row__label'>每年学时</Text>
            <Input className='qx-ainput' type='digit' value={hours} onInput={(e) => setHours(e.detail.value)} />
            <View className='qx-abtn qx-abtn--primary' onClick={save}>保存</View>
          </View>
          <Text className='qx-stat__label'>学员完成课程全部章节并通过考试后记入该课程学时；当年学时达到要求即完成年度培训。设为 0 表示不要求。</Text>
        </View>
      </StateView>
    </AdminLayout>
  );
}
