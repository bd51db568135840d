/** 我的: hours against the annual requirement, records, certificates, inbox, account and privacy pages, admin entry, sign out. */
import { useState } from 'react';
import { Button, Text, View } from '@tarojs/components';
import { AgreementsCard } from '../../components/agreements-card';
import { HoursCard } from '../../components/hours-card';
import { OpenDataName } from '../../components/open-data-name';
import { StateView } from '../../components/state-view';
import { useRequest } from '../../hooks/use-request';
import { useSignedIn } from '../../hooks/use-signed-in';
import { displayMessage } from '../../lib/api-error';
import { go, relaunch, routes } from '../../lib/routes';
import { me, signOut } from '../../services/auth';
import { myCertificates, myCredits } from '../../services/records';
import { saveProfile } from '../../services/session';
import './index.css';

const accountLinks = [
  { path: routes.profile, title: '个人资料', meta: '姓名与实名信息' },
  { path: routes.password, title: '修改密码', meta: '用短信验证码设置新密码' },
  { path: routes.phone, title: '更换手机号', meta: '学习记录随账号保留' },
  { path: routes.logins, title: '登录记录', meta: '何时、用什么方式登录过' },
  { path: routes.agreements, title: '我的协议', meta: '用户协议与隐私政策，同意或撤回' },
  { path: routes.myData, title: '我的个人信息', meta: '查看本应用保存的关于你的全部信息' },
  { path: routes.privacy, title: '个人信息申请', meta: '申请更正、删除个人信息或撤回同意' },
  { path: routes.cancellation, title: '注销账号', meta: '注销前会说明是否有未完成的事项' },
];

export default function Me() {
  const { signedIn } = useSignedIn();
  const profile = useRequest(() => me().then((p) => (saveProfile(p), p)), [], signedIn);
  const record = useRequest(() => myCredits(), [], signedIn);
  const certs = useRequest(() => myCertificates(), [], signedIn);
  const [outError, setOutError] = useState<unknown>(null);
  const p = profile.data;

  const out = () =>
    signOut().then(
      () => relaunch(routes.signIn),
      (err) => {
        setOutError(err);
        relaunch(routes.signIn);
      },
    );

  return (
    <View className='qx-page' data-testid='me'>
      <StateView loading={profile.loading} error={profile.error} onRetry={profile.reload}>
        {p ? (
          <View className='qx-card'>
            <OpenDataName className='qx-card__title' hostUserId={p.member.hostUserId} name={p.member.name} />
            <Text className='qx-card__meta'>{`${p.tenant.name} · ${p.member.role === 'admin' ? '企业管理员' : '员工'}`}</Text>
          </View>
        ) : null}
      </StateView>
      <StateView loading={record.loading} error={record.error} onRetry={record.reload}>
        {record.data ? <HoursCard earned={record.data.earnedHours} required={record.data.requiredHours} year={record.data.year} /> : null}
      </StateView>
      <AgreementsCard enabled={signedIn} />
      <View className='qx-card' onClick={() => go(routes.records)}>
        <Text className='qx-card__title'>学习档案与证书</Text>
      </View>
      {certs.data?.items.length ? (
        <View className='qx-card' data-testid='my-certificates'>
          <Text className='qx-card__title'>我的证书</Text>
          {certs.data.items.slice(0, 3).map((c) => (
            <View key={c.id} className='qx-row' data-testid='me-certificate' onClick={() => go(routes.certificate, { id: c.id })}>
              <Text className='qx-card__meta'>{`《${c.course}》`}</Text>
              <Text className='qx-section__more'>查看证书</Text>
            </View>
          ))}
        </View>
      ) : null}
      <View className='qx-card' onClick={() => go(routes.inbox)}>
        <Text className='qx-card__title'>收件箱</Text>
      </View>
      <View className='qx-section__title'>
        <Text>账号与隐私</Text>
      </View>
      <View className='qx-card qx-me-links' data-testid='account-links'>
        {accountLinks.map((l) => (
          <View key={l.path} className='qx-row qx-me-link' data-testid='account-link' data-path={l.path} onClick={() => go(l.path)}>
            <View>
              <Text className='qx-me-link__title'>{l.title}</Text>
              <Text className='qx-card__meta'>{l.meta}</Text>
            </View>
            <Text className='qx-me-link__arrow'>›</Text>
          </View>
        ))}
      </View>
      {p?.member.role === 'admin' ? (
        <View className='qx-card' data-testid='admin-entry' onClick={() => go(routes.adminDashboard)}>
          <Text className='qx-card__title'>管理后台</Text>
        </View>
      ) : null}
      {outError ? <View className='qx-error-message'>{displayMessage(outError)}</View> : null}
      <Button className='qx-btn qx-section' data-testid='sign-out' onClick={out}>退出登录</Button>
    </View>
  );
}
