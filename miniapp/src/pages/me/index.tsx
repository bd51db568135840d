/** 我的: hours against the annual requirement, records, certificates, inbox, admin entry, sign out. */
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
import { download } from '../../services/files';
import { saveProfile } from '../../services/session';

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
      <View className='qx-card' onClick={() => download('/api/v1/me/data-export', 'qixue-my-data.json').catch(setOutError)}>
        <Text className='qx-card__title'>导出我的个人信息</Text>
        <Text className='qx-card__meta'>查看本应用保存的关于你的全部数据（JSON）</Text>
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
