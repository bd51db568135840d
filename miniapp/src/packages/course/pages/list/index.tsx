/** 全部课程, paginated. */
import { Text, View } from '@tarojs/components';
import { ListFooter, StateView } from '../../../../components/state-view';
import { usePagedList } from '../../../../hooks/use-paged-list';
import { go, routes } from '../../../../lib/routes';
import { listCourses } from '../../../../services/courses';

export default function Courses() {
  const list = usePagedList(listCourses);
  return (
    <View className='qx-page' data-testid='courses'>
      <StateView loading={list.view === 'loading'} error={list.view === 'error' ? list.error : null} onRetry={list.reload} empty={list.view === 'empty'} emptyText='暂无课程'>
        {list.items.map((c) => (
          <View key={c.id} className='qx-card' data-testid='course-card' onClick={() => go(routes.course, { id: c.id })}>
            <Text className='qx-card__title'>{c.title}</Text>
            <Text className='qx-card__meta'>{`${c.creditHours} 学时${c.required ? ' · 必修' : ' · 选修'}`}</Text>
          </View>
        ))}
        <ListFooter status={list.status} hasMore={list.hasMore} error={list.error} onMore={list.loadMore} />
      </StateView>
    </View>
  );
}
