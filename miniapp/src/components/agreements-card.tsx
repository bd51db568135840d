/** New versions of the user agreement / privacy policy waiting for acceptance, with what changed. */
import { useState } from 'react';
import { Button, Text, View } from '@tarojs/components';
import { useRequest } from '../hooks/use-request';
import { displayMessage } from '../lib/api-error';
import { acceptAgreement, pendingAgreements } from '../services/records';

const kindLabel: Record<string, string> = { user_agreement: '用户协议', privacy_policy: '隐私政策', children_privacy: '儿童隐私声明' };

export function AgreementsCard({ enabled }: { enabled: boolean }) {
  const pending = useRequest(() => pendingAgreements(), [], enabled);
  const [error, setError] = useState<unknown>(null);
  if (!pending.data?.length) return null;
  const accept = (id: string) =>
    acceptAgreement(id).then(
      () => pending.reload(),
      (err) => setError(err),
    );
  return (
    <View className='qx-card' data-testid='agreements'>
      <Text className='qx-card__title'>协议已更新，请阅读并确认</Text>
      {pending.data.map((a) => (
        <View key={a.id} className='qx-row' style={{ marginTop: '16px' }}>
          <View>
            <Text className='qx-card__meta'>{`${kindLabel[a.kind] ?? a.kind} ${a.version}`}</Text>
            {a.changeSummary ? <Text className='qx-card__meta'>{`变更：${a.changeSummary}`}</Text> : null}
          </View>
          <Button size='mini' className='qx-btn qx-btn--primary' onClick={() => accept(a.id)}>同意</Button>
        </View>
      ))}
      {error ? <Text className='qx-card__meta qx-error-message'>{displayMessage(error)}</Text> : null}
    </View>
  );
}
