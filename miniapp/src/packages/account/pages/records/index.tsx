/** 学习档案: hours this year, completed courses, certificates (paginated). */
import { Text, View } from '@tarojs/components';
import { HoursCard } from '../../../../components/hours-card';
import { ListFooter, StateView } from '../../../../components/state-view';
import { usePagedList } from '../../../../hooks/use-paged-list';
import { useRequest } from '../../../../hooks/use-request';
import { myCertificates, myRecord } from '../../../../services/records';

export default function Records() {
  const record = useRequest(() => myRecord(), []);
  const certs = usePagedList(myCertificates);
  return (
    <View className='qx-page' data-testid='records'>
      <StateView loading={record.loading} error={record.error} onRetry={record.reload}>
        {record.data ? (
          <>
            <HoursCard earned={record.data.hoursEarned} required={record.data.hoursRequired} year={record.data.year} />
            <View className='qx-section__title'>
              <Text>课程记录</Text>
            </View>
            {(record.data.courses ?? []).length === 0 ? <View className='qx-card__meta'>还没有学习记录</View> : null}
            {(record.data.courses ?? []).map((c) => (
              <View key={c.courseId} className='qx-card qx-row' data-testid='record-course'>
                <Text className='qx-card__title'>{c.title}</Text>
                <Text className='qx-card__meta'>{c.completedAt ? `${c.hours} 学时 · ${c.completedAt.slice(0, 10)}` : '学习中'}</Text>
              </View>
            ))}
          </>
        ) : null}
      </StateView>
      <View className='qx-section__title'>
        <Text>证书</Text>
      </View>
      <StateView loading={certs.view === 'loading'} error={certs.view === 'error' ? certs.error : null} onRetry={certs.reload} empty={certs.view === 'empty'} emptyText='暂无证书'>
        {certs.items.map((c) => (
          <View key={c.id} className='qx-card'>
            <Text className='qx-card__title'>{c.courseTitle}</Text>
            <Text className='qx-card__meta'>{`验证码 ${c.code} · ${c.issuedAt.slice(0, 10)}`}</Text>
          </View>
        ))}
        <ListFooter status={certs.status} hasMore={certs.hasMore} error={certs.error} onMore={certs.loadMore} />
      </StateView>
    </View>
  );
}
