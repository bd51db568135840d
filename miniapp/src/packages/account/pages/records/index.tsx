/** 学习档案: hours this year, completed courses, certificates (paginated). */
import { Text, View } from '@tarojs/components';
import { HoursCard } from '../../../../components/hours-card';
import { PagedListView, StateView } from '../../../../components/state-view';
import { usePagedList } from '../../../../hooks/use-paged-list';
import { useRequest } from '../../../../hooks/use-request';
import { myCertificates, myCredits } from '../../../../services/records';
import { useTimeZone } from '../../../../hooks/use-time-zone';
import { formatDate } from '../../../../lib/time';
import { go, routes } from '../../../../lib/routes';

export default function Records() {
  const tz = useTimeZone();
  const record = useRequest(() => myCredits(), []);
  const certs = usePagedList(myCertificates);
  return (
    <View className='qx-page' data-testid='records'>
      <StateView loading={record.loading} error={record.error} onRetry={record.reload}>
        {record.data ? (
          <>
            <HoursCard earned={record.data.earnedHours} required={record.data.requiredHours} year={record.data.year} />
            <View className='qx-section__title'>
              <Text>学时记录</Text>
            </View>
            {record.data.records.length === 0 ? <View className='qx-card__meta'>今年还没有记入学时的课程</View> : null}
            {record.data.records.map((c) => (
              <View key={c.courseId} className='qx-card qx-row' data-testid='record-course'>
                <Text className='qx-card__title'>{c.courseTitle ?? c.courseId}</Text>
                <Text className='qx-card__meta'>{`${c.hours} 学时${c.score !== null ? ` · ${c.score} 分` : ''} · ${formatDate(c.earnedAt, tz)}`}</Text>
              </View>
            ))}
          </>
        ) : null}
      </StateView>
      <View className='qx-section__title'>
        <Text>证书</Text>
      </View>
      <PagedListView list={certs} emptyText='暂无证书'>
        {certs.items.map((c) => (
          <View key={c.id} className='qx-card' data-testid='certificate-card' onClick={() => go(routes.certificate, { id: c.id })}>
            <View className='qx-row'>
              <Text className='qx-card__title'>{c.course}</Text>
              <Text className='qx-section__more'>查看证书</Text>
            </View>
            <Text className='qx-card__meta'>{`证书编号 ${c.verificationCode} · ${formatDate(c.issuedAt, tz)}`}</Text>
          </View>
        ))}
      </PagedListView>
    </View>
  );
}
