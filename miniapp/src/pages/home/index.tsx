/** 首页: my training tasks with due dates, continue learning, notices. */
import { Text, View } from '@tarojs/components';
import { StateView } from '../../components/state-view';
import { ApiError } from '../../lib/api-error';
import { CourseCard } from '../../components/course-card';
import { openTask, TaskCard } from '../../components/task-card';
import { useRequest } from '../../hooks/use-request';
import { useSignedIn } from '../../hooks/use-signed-in';
import { go, routes } from '../../lib/routes';
import { listCourses } from '../../services/courses';
import { noticeTarget } from '../../lib/notice-link';
import { inbox, markRead, type InboxItem } from '../../services/records';
import { myTasks } from '../../services/tasks';
import { useTimeZone } from '../../hooks/use-time-zone';
import { formatRelative } from '../../lib/time';

function openNotice(n: InboxItem) {
  if (!n.readAt) void markRead(n.id).catch(() => undefined);
  const target = noticeTarget(n);
  go(target?.path ?? routes.inbox, target?.params);
}

export default function Home() {
  const { signedIn, profile } = useSignedIn();
  const tz = useTimeZone();
  const tasks = useRequest(() => myTasks(), [], signedIn);
  const courses = useRequest(() => listCourses(), [], signedIn);
  const notices = useRequest(() => inbox(), [], signedIn);

  return (
    <View className='qx-page' data-testid='home'>
      <View className='qx-section'>
        <Text className='qx-card__meta'>{profile?.tenant.name ?? '企学'}</Text>
        <View className='qx-card qx-row' onClick={() => go(routes.search)}>
          <Text className='qx-card__meta'>🔍 搜索知识库</Text>
        </View>
        <View className='qx-card qx-row' data-testid='home-community' onClick={() => go(routes.community)}>
          <Text className='qx-card__meta'>💬 社区问答：提问、回答、交流</Text>
        </View>
      </View>

      <View className='qx-section'>
        <View className='qx-section__title'>
          <Text>我的培训任务</Text>
          <Text className='qx-section__more' onClick={() => go(routes.tasks)}>全部</Text>
        </View>
        <StateView loading={tasks.loading} error={tasks.error} onRetry={tasks.reload} empty={!tasks.data?.items.length} emptyText='暂无培训任务'>
          {tasks.data?.items.slice(0, 3).map((t) => <TaskCard key={t.id} task={t} onClick={() => void openTask(t)} />)}
        </StateView>
      </View>

      <View className='qx-section'>
        <View className='qx-section__title'>
          <Text>继续学习</Text>
          <Text className='qx-section__more' onClick={() => go(routes.courses)}>全部课程</Text>
        </View>
        <StateView loading={courses.loading} error={courses.error} onRetry={courses.reload} empty={!courses.data?.items.length} emptyText='暂无课程'>
          {courses.data?.items.slice(0, 4).map((c) => <CourseCard key={c.id} course={c} />)}
        </StateView>
      </View>

      {/* A server without the in-app inbox (404) shows no notices section rather than an error. */}
      {notices.error instanceof ApiError && notices.error.status === 404 ? null : (
      <View className='qx-section'>
        <View className='qx-section__title'>
          <Text>通知</Text>
          <Text className='qx-section__more' onClick={() => go(routes.inbox)}>收件箱</Text>
        </View>
        <StateView loading={notices.loading} error={notices.error} onRetry={notices.reload} empty={!notices.data?.items.length} emptyText='暂无通知'>
          {notices.data?.items.slice(0, 3).map((n) => (
            <View key={n.id} className='qx-card' onClick={() => openNotice(n)}>
              <Text className='qx-card__title'>{n.title}</Text>
              <Text className='qx-card__meta'>{formatRelative(n.createdAt, Date.now(), tz)}</Text>
            </View>
          ))}
        </StateView>
      </View>
      )}
    </View>
  );
}
