/**
 * The graded result, as the server reports it, and — when the exam shows answers after submission
 * (分数与答案解析) — the review: each question, my answer, the right answer and the explanation.
 */
import { useRouter } from '@tarojs/taro';
import { Button, Text, View } from '@tarojs/components';
import { StateView } from '../../../../components/state-view';
import { useRequest } from '../../../../hooks/use-request';
import { answerText, reviewSummary, typeLabel, type ReviewQuestion } from '../../../../lib/answer-review';
import { go, replace, routes } from '../../../../lib/routes';
import { getResult } from '../../../../services/exams';

function Review({ questions }: { questions: ReviewQuestion[] }) {
  return (
    <View className='qx-section' data-testid='answer-review'>
      <View className='qx-section__title'>
        <Text>答案解析</Text>
        <Text className='qx-card__meta'>{reviewSummary(questions)}</Text>
      </View>
      {questions.map((q, i) => (
        <View key={q.id} className='qx-card' data-testid='review-question' data-correct={q.correct ? 'yes' : 'no'}>
          <Text className='qx-card__meta'>{`第 ${i + 1} 题 · ${typeLabel[q.type ?? ''] ?? '题目'}${q.score !== undefined ? ` · ${q.score} 分` : ''}`}</Text>
          <Text className='qx-card__title'>{q.stem ?? '（题目已删除）'}</Text>
          {(q.options ?? []).map((o) => (
            <Text key={o.key} className='qx-card__meta' style={{ display: 'block' }}>{`${o.key}. ${o.text}`}</Text>
          ))}
          <Text className={`qx-card__meta ${q.correct ? '' : 'qx-error-message'}`} style={{ display: 'block' }} data-testid='review-mine'>
            {`我的答案：${answerText(q, q.yourAnswer)}${q.correct ? '（正确）' : '（错误）'}`}
          </Text>
          <Text className='qx-card__meta' style={{ display: 'block' }} data-testid='review-right'>{`正确答案：${answerText(q, q.correctAnswer)}`}</Text>
          {q.explanation ? <Text className='qx-card__meta' style={{ display: 'block' }}>{`解析：${q.explanation}`}</Text> : null}
        </View>
      ))}
    </View>
  );
}

export default function ExamResult() {
  const { params } = useRouter();
  const id = params.attemptId ?? '';
  const result = useRequest(() => getResult(id), [id]);
  const r = result.data?.attempt;
  const review = result.data?.questions;
  return (
    <View className='qx-page' data-testid='exam-result'>
      <StateView loading={result.loading} error={result.error} onRetry={result.reload}>
        {r ? (
          <>
            <View className='qx-card' style={{ textAlign: 'center' }}>
              <Text className='qx-big-number'>{r.score ?? '—'}</Text>
              <Text className='qx-card__title' data-testid='exam-verdict'>{r.passed === undefined || r.passed === null ? '已交卷，成绩待公布' : r.passed ? '考试通过' : '未通过'}</Text>
              {r.maxScore ? <Text className='qx-card__meta'>{`满分 ${r.maxScore}`}</Text> : null}
              {r.endReason === 'time_limit' ? <Text className='qx-card__meta'>考试时间已到，系统已自动交卷</Text> : null}
              {r.status === 'submitted' && !review ? <Text className='qx-card__meta' style={{ display: 'block' }}>本考试交卷后不公布答案</Text> : null}
              <Button className='qx-btn qx-btn--primary' onClick={() => go(routes.records)}>查看学习档案</Button>
              {params.courseId ? <Button className='qx-btn' onClick={() => replace(routes.course, { id: params.courseId })}>返回课程</Button> : null}
            </View>
            {review?.length ? <Review questions={review} /> : null}
          </>
        ) : null}
      </StateView>
    </View>
  );
}
