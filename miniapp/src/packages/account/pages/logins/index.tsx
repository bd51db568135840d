/** 登录记录: every sign-in to my account (and failed attempts), newest first, in the enterprise's time. */
import { Text, View } from '@tarojs/components';
import { PagedListView } from '../../../../components/state-view';
import { usePagedList } from '../../../../hooks/use-paged-list';
import { useSignedIn } from '../../../../hooks/use-signed-in';
import { useTimeZone } from '../../../../hooks/use-time-zone';
import { deviceLabel, loginMethodLabel, loginOutcomeLabel, loginSucceeded } from '../../../../lib/account-labels';
import { formatDateTime } from '../../../../lib/time';
import { myLogins } from '../../../../services/account';
import '../../components/form.css';

export default function Logins() {
  useSignedIn();
  const tz = useTimeZone();
  const list = usePagedList(myLogins);
  return (
    <View className='qx-page' data-testid='logins-page'>
      <View className='qx-card'>
        <Text className='qx-card__meta'>如发现不是你本人的登录，请立即修改密码，并联系企业管理员。</Text>
      </View>
      <PagedListView list={list} emptyText='暂无登录记录'>
        {list.items.map((l) => (
          <View key={l.id} className='qx-card' data-testid='login-row'>
            <View className='qx-row'>
              <Text className='qx-card__title'>{formatDateTime(l.createdAt, tz)}</Text>
              <Text className={`qx-pill ${loginSucceeded(l.outcome) ? 'qx-pill--ok' : 'qx-pill--bad'}`}>{loginOutcomeLabel(l.outcome)}</Text>
            </View>
            <Text className='qx-card__meta'>{`${loginMethodLabel(l.method)} · ${deviceLabel(l.userAgent)}${l.ip ? ` · IP ${l.ip}` : ''}`}</Text>
          </View>
        ))}
      </PagedListView>
    </View>
  );
}
