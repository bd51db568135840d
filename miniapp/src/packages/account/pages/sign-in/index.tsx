/**
 * Sign-in. Mini-program: the host's login code, silently; in WeChat a person invited by phone
 * shares their number once (the WeChat phone step). H5 in WeCom: OAuth redirect. In a browser, and
 * whenever the host's sign-in did not work: phone + SMS code or password (components/phone-sign-in).
 * In development the sandbox (standing in for WeCom) also lists demo people to sign in as.
 */
import { useEffect, useState } from 'react';
import { useRouter } from '@tarojs/taro';
import { Button, Text, View } from '@tarojs/components';
import { StateView } from '../../../../components/state-view';
import { displayMessage } from '../../../../lib/api-error';
import { relaunch, routes } from '../../../../lib/routes';
import { useRequest } from '../../../../hooks/use-request';
import { detectHost, hostLoginCode } from '../../../../platform/host';
import { nextStep, type TenantChoice } from '../../../../lib/sign-in-flow';
import {
  oauthUrl, sandboxPeople, sandboxSignIn, signInWithAdminSso, signInWithMiniprogramCode, signInWithOauthCode, signInWithWechatPhone,
  type DemoPerson, type LoginAnswer,
} from '../../../../services/auth';
import { pendingAgreements } from '../../../../services/records';
import { PhoneSignIn } from '../../components/phone-sign-in';
import { WechatPhoneStep } from '../../components/wechat-phone-step';
import './index.css';

export default function SignIn() {
  const { params } = useRouter();
  const host = detectHost();
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  // WeChat: the server asked for the phone number (first sign-in of an invited person), or which enterprise.
  const [wechatStep, setWechatStep] = useState<{ phoneCode?: string; tenants?: TenantChoice[] } | null>(null);
  const people = useRequest(() => sandboxPeople().then((r) => r.items), [], host === 'browser');

  // Agreements published since the last visit come first: every other page would refuse until they are accepted.
  const finish = (role: string) =>
    pendingAgreements()
      .catch(() => [])
      .then((pending) => relaunch(pending.length ? `${routes.agreements}?next=home` : role === 'admin' && host === 'browser' ? routes.adminDashboard : routes.home));

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
        .then((r) => finish(r.member.role), hostRefused);
    } else if (host === 'wxwork-h5') {
      setBusy('oauth');
      oauthUrl(location.href.split('?')[0]).then((url) => location.replace(url), setError);
    }
  }, []);

  const hostRefused = (err: unknown) => {
    setBusy(null);
    const next = nextStep(err);
    if (host === 'wechat' && next.kind === 'wechat-phone') setWechatStep({});
    else setError(err);
  };

  // A fresh login code each time: WeChat's codes are used once.
  const wechatWithPhone = (phoneCode: string, tenantId?: string) => {
    setBusy('host');
    setError(null);
    hostLoginCode()
      .then(({ code }) => signInWithWechatPhone(code, phoneCode, tenantId))
      .then(
        (r) => finish(r.member.role),
        (err) => {
          setBusy(null);
          const next = nextStep(err);
          if (next.kind === 'tenant') setWechatStep({ phoneCode, tenants: next.tenants });
          else setError(err);
        },
      );
  };

  // No "登录成功" toast: the next page replaces this one at once, and Taro's toast module (with its
  // icon font) would be the largest part of this first page's JS.
  const phoneSignedIn = (r: LoginAnswer) => finish(r.member.role);

  const pick = (p: DemoPerson) => {
    setBusy(p.hostUserId);
    setError(null);
    sandboxSignIn(p).then(
      (r) => finish(r.member.role),
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
      {wechatStep ? (
        <WechatPhoneStep
          busy={!!busy}
          tenants={wechatStep.phoneCode ? wechatStep.tenants : undefined}
          onPhoneCode={(phoneCode) => wechatWithPhone(phoneCode)}
          onTenant={(tenantId) => wechatWithPhone(wechatStep.phoneCode!, tenantId)}
          onRefused={() => setError(new Error('未授权手机号：可改用下方的手机号验证码登录'))}
        />
      ) : null}
      {host !== 'browser' && busy === 'host' && !error ? <View className='qx-signin__busy'>正在登录…</View> : null}
      {host === 'browser' || (error && host !== 'wxwork-h5') || wechatStep ? <PhoneSignIn onSignedIn={phoneSignedIn} /> : null}
      {/* Development only: the sandbox's people (in production the list answers 404 and is not shown). */}
      {host === 'browser' && !people.error ? (
        <View className='qx-signin__people'>
          <Text className='qx-signin__hint'>开发环境：沙箱模拟企业微信，选择一位演示成员登录</Text>
          <StateView loading={people.loading} empty={(people.data ?? []).length === 0} emptyText='沙箱中没有演示成员'>
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
      ) : null}
    </View>
  );
}
