/** A course in 继续学习: hours, % done and what is next, from the server's progress for me. */
import { Text, View } from '@tarojs/components';
import { useRequest } from '../hooks/use-request';
import { courseStep } from '../lib/course-progress';
import { go, routes } from '../lib/routes';
import { courseProgress } from '../services/courses';
import type { Course } from '../services/types';

export function CourseCard({ course }: { course: Course }) {
  const progress = useRequest(() => courseProgress(course.id), [course.id]);
  const data = progress.data;
  const started = !!data?.enrolment;
  const step = data ? courseStep(data.chapters.map((c) => ({ id: c.chapterId, title: c.title })), data.chapters, data.status) : null;
  return (
    <View className='qx-card' data-testid='course-card' onClick={() => go(routes.course, { id: course.id })}>
      <Text className='qx-card__title'>{course.title}</Text>
      <Text className='qx-card__meta'>
        {[`${course.creditHours} 学时`, course.required ? '必修' : '', step && started ? `已完成 ${step.percent}%` : '未开始'].filter(Boolean).join(' · ')}
      </Text>
      {step && started ? (
        <>
          <View className='qx-progress'>
            <View className='qx-progress__bar' style={{ width: `${step.percent}%` }} />
          </View>
          <Text className='qx-card__meta' data-testid='course-next'>{step.complete ? '课程已完成' : `下一步：${step.next}`}</Text>
        </>
      ) : null}
    </View>
  );
}
