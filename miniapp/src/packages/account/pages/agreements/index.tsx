/**
 * 我的协议: the current user agreement and privacy policy (read them, accept a new version), what I
 * accepted and when. Consent is withdrawn by a request to the platform (the server has no instant
 * withdrawal: the platform answers within 15 days), started from here.
 */
import { useState } from 'react';
import { useRouter } from '@tarojs/taro';
import { Button, Text, View } from '@tarojs/components';
import { StateView } from '../../../../components/state-view';
import { useRequest } from '../../../../hooks/use-request';
import { useSignedIn } from '../../../../hooks/use-signed-in';
import { useTimeZone } from '../../../../hooks/use-time-zone';
import { agreementKindLabel } from '../../../../lib/account-labels';
import { displayMessage } from '../../../../lib/api-error';
import { go, relaunch, routes } from '../../../../lib/routes';
import { formatDate, formatDateTime } from '../../../../lib/time';
import { acceptAgreementVersion, acceptedAgreements, currentAgreements } from '../../../../services/account';
import '../../components/form.css';

export default function Agreements() {
  const { signedIn } = useSignedIn();
  const { params } = useRouter();
  const tz = useTimeZone();
  const data = useRequest(() => Promise.all([currentAgreements(), acceptedAgreements()]), [], signedIn);
  const [open, setOpen] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [current, accepted] = data.data ?? [[], []];
  const acceptedAt = new Map(accepted.map((a) => [a.versionId, a.acceptedAt]));

  const accept = (id: string) => {
    setBusy(id);
    setError(null);
    acceptAgreementVersion(id).then(
      () => {
        setBusy(null);
        data.reload();
      },
      (err) => {
        setBusy(null);
        setError(err);
      },
    );
  };

  return (
    <View className='qx-page' data-testid='agreements-page'>
      <StateView loading={data.loading} error={data.error} onRetry={data.reload} empty={current.length === 0 && accepted.length === 0} emptyText='平台尚未发布用户协议或隐私政策'>
        <View className='qx-section__title'><Text>当前版本</Text></View>
        {current.length === 0 ? <View className='qx-card__meta'>暂无当前版本</View> : null}
        {current.map((a) => {
          const at = acceptedAt.get(a.id);
          return (
            <View key={a.id} className='qx-card' data-testid='agreement'>
              <View className='qx-row'>
                <Text className='qx-card__title'>{`${agreementKindLabel(a.kind)}（${a.version}）`}</Text>
                <Text className={`qx-pill ${at ? 'qx-pill--ok' : 'qx-pill--wait'}`} data-testid='agreement-state'>{at ? '已同意' : '待同意'}</Text>
              </View>
              <Text className='qx-card__meta'>{`发布于 ${formatDate(a.publishedAt, tz)}${at ? ` · 你于 ${formatDateTime(at, tz)} 同意` : ''}`}</Text>
              {a.changeSummary ? <Text className='qx-card__meta'>{`本版变更：${a.changeSummary}`}</Text> : null}
              <View className='qx-row' style={{ marginTop: '16px' }}>
                <Text className='qx-section__more' onClick={() => setOpen(open === a.id ? null : a.id)}>{open === a.id ? '收起全文' : '阅读全文'}</Text>
                {at ? null : (
                  <Button size='mini' className={`qx-btn qx-btn--primary ${busy ? 'qx-btn--disabled' : ''}`} disabled={!!busy} data-testid='accept-agreement' onClick={() => accept(a.id)}>
                    {busy === a.id ? '请稍候…' : '同意'}
                  </Button>
                )}
              </View>
              {open === a.id ? <View className='qx-agreement-body' data-testid='agreement-body'>{a.content}</View> : null}
            </View>
          );
        })}
        {error ? <View className='qx-error-message'>{displayMessage(error)}</View> : null}
        {params.next === 'home' && current.length > 0 && current.every((a) => acceptedAt.has(a.id)) ? (
          <Button className='qx-btn qx-btn--primary' data-testid='agreements-done' onClick={() => relaunch(routes.home)}>已全部同意，进入首页</Button>
        ) : null}

        <View className='qx-section__title'><Text>同意记录</Text></View>
        {accepted.length === 0 ? <View className='qx-card__meta'>你还没有同意过任何协议</View> : null}
        {accepted.map((a) => (
          <View key={a.id} className='qx-card qx-row' data-testid='acceptance'>
            <Text className='qx-card__title'>{`${agreementKindLabel(a.kind)}（${a.version}）`}</Text>
            <Text className='qx-card__meta'>{formatDateTime(a.acceptedAt, tz)}</Text>
          </View>
        ))}

        <View className='qx-section__title'><Text>撤回同意</Text></View>
        <View className='qx-card' data-testid='withdraw-consent'>
          <Text className='qx-card__meta'>
            你可以撤回对协议或隐私政策的同意。撤回由平台在 15 天内处理；撤回后，本应用将无法继续为你提供服务（未同意当前版本时无法使用学习功能）。
          </Text>
          <Button className='qx-btn qx-section' style={{ marginTop: '16px' }} data-testid='start-withdraw' onClick={() => go(routes.privacy, { kind: 'withdraw_consent' })}>
            申请撤回同意
          </Button>
        </View>
      </StateView>
    </View>
  );
}
