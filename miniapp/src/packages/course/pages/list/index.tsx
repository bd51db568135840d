/** 全部课程, paginated. */
import { Text, View } from '@tarojs/components';
import { PagedListView } from '../../../../components/state-view';
import { usePagedList } from '../../../../hooks/use-paged-list';
import { go, routes } from '../../../../lib/routes';
import { listCourses } from '../../../../services/courses';

export default function Courses() {
  const list = usePagedList(listCourses);
  return (
    <View className='qx-page' data-testid='courses'>
      <PagedListView list={list} emptyText='暂无课程'>
        {list.items.map((c) => (
          <View key={c.id} className='qx-card' data-testid='course-card' onClick={() => go(routes.course, { id: c.id })}>
            <Text className='qx-card__title'>{c.title}</Text>
            <Text className='qx-card__meta'>{`${c.creditHours} 学时${c.required ? ' · 必修' : ' · 选修'}`}</Text>
          </View>
        ))}
      </PagedListView>
    </View>
  );
}
