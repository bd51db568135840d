/** The graded result, as the server reports it (and the credit hours when the course is complete). */
import { useRouter } from '@tarojs/taro';
import { Button, Text, View } from '@tarojs/components';
import { StateView } from '../../../../components/state-view';
import { useRequest } from '../../../../hooks/use-request';
import { go, replace, routes } from '../../../../lib/routes';
import { getResult } from '../../../../services/exams';

export default function ExamResult() {
  const { params } = useRouter();
  const id = params.attemptId ?? '';
  const result = useRequest(() => getResult(id), [id]);
  const r = result.data;
  return (
    <View className='qx-page' data-testid='exam-result'>
      <StateView loading={result.loading} error={result.error} onRetry={result.reload}>
        {r ? (
          <View className='qx-card' style={{ textAlign: 'center' }}>
            <Text className='qx-big-number'>{r.score ?? '—'}</Text>
            <Text className='qx-card__title' data-testid='exam-verdict'>{r.passed === undefined || r.passed === null ? '已交卷，成绩待公布' : r.passed ? '考试通过' : '未通过'}</Text>
            {r.maxScore ? <Text className='qx-card__meta'>{`满分 ${r.maxScore}`}</Text> : null}
            {r.endReason === 'time_limit' ? <Text className='qx-card__meta'>考试时间已到，系统已自动交卷</Text> : null}
            <Button className='qx-btn qx-btn--primary' onClick={() => go(routes.records)}>查看学习档案</Button>
            {params.courseId ? <Button className='qx-btn' onClick={() => replace(routes.course, { id: params.courseId })}>返回课程</Button> : null}
          </View>
        ) : null}
      </StateView>
    </View>
  );
}
