/**
 * 注销账号: whether I may cancel now and, if not, what stops it — in words, with what to do; then,
 * after a code to my phone (where I have one) and a last confirmation, the account is erased.
 */
import { useState } from 'react';
import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { StateView } from '../../../../components/state-view';
import { useRequest } from '../../../../hooks/use-request';
import { useSignedIn } from '../../../../hooks/use-signed-in';
import { useTimeZone } from '../../../../hooks/use-time-zone';
import { blockerText } from '../../../../lib/account-labels';
import { ApiError } from '../../../../lib/api-error';
import { relaunch, routes } from '../../../../lib/routes';
import { isSmsCode } from '../../../../lib/sign-in-flow';
import { formatDate } from '../../../../lib/time';
import { cancelAccount, cancellationPreview, sendCancellationCode } from '../../../../services/account';
import { clearSession } from '../../../../services/session';
import { CodeField, FormMessage, Submit } from '../../components/form';

export default function Cancellation() {
  const { signedIn } = useSignedIn();
  const tz = useTimeZone();
  const preview = useRequest(() => cancellationPreview(), [], signedIn);
  const [code, setCode] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const p = preview.data;

  const why = !p ? null : !p.allowed ? '请先处理上面列出的事项' : p.codeRequired && !isSmsCode(code) ? '请先获取并填写 6 位短信验证码' : null;

  const cancel = async () => {
    const { confirm } = await Taro.showModal({
      title: '确认注销账号？',
      content: '注销后，你的个人信息将被删除且无法恢复，也不能再登录本企业的企学。',
      confirmText: '确认注销',
      cancelText: '再想想',
    });
    if (!confirm) return;
    setBusy(true);
    setError(null);
    cancelAccount(p?.codeRequired ? code.trim() : undefined).then(
      () => {
        clearSession();
        Taro.showToast({ title: '账号已注销', icon: 'success' });
        relaunch(routes.signIn);
      },
      (err) => {
        setBusy(false);
        setError(err);
        // Something new blocks it (e.g. an enrolment since the page opened): show the current reasons.
        if (err instanceof ApiError && err.code === 'cancellation_blocked') preview.reload();
      },
    );
  };

  return (
    <View className='qx-page' data-testid='cancellation-page'>
      <View className='qx-card'>
        <Text className='qx-card__title'>注销前请了解</Text>
        <Text className='qx-card__meta'>· 注销后，你的姓名、手机号、实名信息、登录记录等个人信息将被删除，且无法恢复。</Text>
        <Text className='qx-card__meta'>· 企业仍保留你已完成的学习记录（不含个人信息），以满足培训留档要求。</Text>
        <Text className='qx-card__meta'>· 注销只针对当前企业的账号。</Text>
      </View>
      <StateView loading={preview.loading} error={preview.error} onRetry={preview.reload}>
        {p ? (
          <>
            {p.allowed ? (
              <View className='qx-card' data-testid='cancellation-allowed'>
                <Text className='qx-card__title'>可以注销</Text>
                <Text className='qx-card__meta'>没有阻止注销的事项。</Text>
              </View>
            ) : (
              <View data-testid='cancellation-blockers'>
                <View className='qx-section__title'><Text>暂时不能注销，原因如下</Text></View>
                {p.blockers.map((b, i) => {
                  const t = blockerText(b, b.expiresAt ? formatDate(b.expiresAt, tz) : undefined);
                  return (
                    <View key={i} className='qx-card' data-testid='cancellation-blocker'>
                      <Text className='qx-card__title'>{t.title}</Text>
                      <Text className='qx-card__meta'>{t.action}</Text>
                    </View>
                  );
                })}
              </View>
            )}
            <View className='qx-form'>
              {p.codeRequired && p.allowed ? (
                <CodeField value={code} onChange={setCode} send={sendCancellationCode} hint='验证码将发送到你账号绑定的手机号' testId='cancel-code' sendTestId='send-cancel-code' />
              ) : null}
              <Submit onClick={cancel} busy={busy} why={why} danger testId='cancel-account'>注销账号</Submit>
              <FormMessage error={error} />
            </View>
          </>
        ) : null}
      </StateView>
    </View>
  );
}
