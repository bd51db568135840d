/**
 * Sign-in. Mini-program: the host's login code, silently. H5 in WeCom: OAuth redirect. Elsewhere
 * in development: the sandbox (standing in for WeCom) lists demo people to sign in as.
 */
import { useEffect, useState } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { Button, Text, View } from '@tarojs/components';
import { StateView } from '../../../../components/state-view';
import { displayMessage } from '../../../../lib/api-error';
import { relaunch, routes } from '../../../../lib/routes';
import { useRequest } from '../../../../hooks/use-request';
import { detectHost, hostLoginCode } from '../../../../platform/host';
import { oauthUrl, sandboxPeople, sandboxSignIn, signInWithAdminSso, signInWithMiniprogramCode, signInWithOauthCode, type DemoPerson } from '../../../../services/auth';
import './index.css';

export default function SignIn() {
  const { params } = useRouter();
  const host = detectHost();
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const people = useRequest(() => sandboxPeople().then((r) => r.items), [], host === 'browser');

  const finish = (role: string) => relaunch(role === 'admin' && host === 'browser' ? routes.adminDashboard : routes.home);

  useEffect(() => {
    // Back from the host with a code (WeCom OAuth or admin-console SSO).
    if (params.auth_code) {
      setBusy('sso');
      signInWithAdminSso(params.auth_code).then((r) => finish(r.member.role), setError);
    } else if (params.code) {
      setBusy('oauth');
      signInWithOauthCode(params.code).then((r) => finish(r.member.role), setError);
    } else if (host === 'wxwork' || host === 'wechat') {
      setBusy('host');
      hostLoginCode()
        .then(({ code }) => signInWithMiniprogramCode(code, host))
        .then((r) => finish(r.member.role), setError);
    } else if (host === 'wxwork-h5') {
      setBusy('oauth');
      oauthUrl(location.href.split('?')[0]).then((url) => location.replace(url), setError);
    }
  }, []);

  const pick = (p: DemoPerson) => {
    setBusy(p.hostUserId);
    setError(null);
    sandboxSignIn(p).then(
      (r) => {
        Taro.showToast({ title: '登录成功', icon: 'success' });
        finish(r.member.role);
      },
      (err) => {
        setBusy(null);
        setError(err);
      },
    );
  };

  return (
    <View className='qx-page qx-signin'>
      <Text className='qx-signin__brand'>企学</Text>
      <Text className='qx-signin__sub'>企业学习与知识平台</Text>
      {error ? <View className='qx-signin__error qx-error-message'>{displayMessage(error)}</View> : null}
      {host !== 'browser' ? (
        <View className='qx-signin__busy'>{error ? '' : '正在登录…'}</View>
      ) : (
        <View className='qx-signin__people'>
          <Text className='qx-signin__hint'>开发环境：沙箱模拟企业微信，选择一位演示成员登录</Text>
          <StateView loading={people.loading} error={people.error} onRetry={people.reload} empty={(people.data ?? []).length === 0} emptyText='沙箱中没有演示成员'>
            {(people.data ?? []).map((p) => (
              <View key={`${p.corpId}/${p.hostUserId}`} className='qx-card qx-row qx-signin__person' data-testid='demo-person' data-role={p.role} data-user={p.hostUserId}>
                <View>
                  <Text className='qx-card__title'>{p.label}</Text>
                  <Text className='qx-card__meta'>{[p.tenantName, p.department, p.role === 'admin' ? '企业管理员' : '员工'].filter(Boolean).join(' · ')}</Text>
                </View>
                <Button size='mini' className={`qx-btn qx-btn--primary ${busy && busy !== p.hostUserId ? 'qx-btn--disabled' : ''}`} loading={busy === p.hostUserId} disabled={!!busy} onClick={() => pick(p)}>
                  {p.role === 'admin' ? '以管理员登录' : '登录'}
                </Button>
              </View>
            ))}
          </StateView>
        </View>
      )}
    </View>
  );
}
