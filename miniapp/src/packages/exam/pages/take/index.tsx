/**
 * Taking an exam: the server's deadline drives the timer, questions arrive without answers,
 * answers are saved as you go, and the server grades on submit (twice is harmless).
 */
import { useEffect, useState } from 'react';
import Taro, { useDidHide, useRouter } from '@tarojs/taro';
import { Button, Input, Text, View } from '@tarojs/components';
import { StateView } from '../../../../components/state-view';
import { useCountdown } from '../../../../hooks/use-countdown';
import { useRequest } from '../../../../hooks/use-request';
import { answer, answeredCount, confirmText, goTo, isAnswered, newSheet, submission, type Sheet } from '../../../../lib/answer-sheet';
import { displayMessage } from '../../../../lib/api-error';
import { formatDuration, timerTone } from '../../../../lib/countdown';
import { replace, routes } from '../../../../lib/routes';
import { reportSwitchAway, saveAnswers, startAttempt, submitAttempt } from '../../../../services/exams';

const typeLabel: Record<string, string> = { single: '单选题', multiple: '多选题', true_false: '判断题', fill: '填空题' };

export default function TakeExam() {
  const { params } = useRouter();
  const examId = params.id ?? '';
  const attempt = useRequest(() => startAttempt(examId), [examId]);
  const [sheet, setSheet] = useState<Sheet | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const [submitError, setSubmitError] = useState<unknown>(null);

  useEffect(() => {
    if (!attempt.data) return;
    setSheet(newSheet(attempt.data.questions, attempt.data.answers));
  }, [attempt.data]);

  const left = useCountdown(attempt.data?.attempt.deadlineAt);
  useDidHide(() => {
    if (attempt.data) void reportSwitchAway(attempt.data.attempt.id).catch(() => undefined);
  });

  const submit = async (confirmed: boolean) => {
    if (!attempt.data || !sheet || submitting) return;
    if (!confirmed) {
      const { confirm } = await Taro.showModal({ title: '交卷', content: confirmText(sheet) });
      if (!confirm) return;
    }
    setSubmitting(true);
    setSubmitError(null);
    try {
      await submitAttempt(attempt.data.attempt.id, sheet.questions, submission(sheet));
      replace(routes.examResult, { attemptId: attempt.data.attempt.id, courseId: params.courseId });
    } catch (err) {
      setSubmitError(err);
      setSubmitting(false);
    }
  };

  useEffect(() => {
    if (left === 0 && sheet) void submit(true); // time is up: the server also refuses late answers
  }, [left === 0]);

  const pick = (questionId: string, value: string) => {
    if (!sheet || !attempt.data) return;
    const next = answer(sheet, questionId, value);
    setSheet(next);
    void saveAnswers(attempt.data.attempt.id, next.questions, submission(next).filter((a) => a.questionId === questionId)).catch(() => undefined);
  };

  const q = sheet?.questions[sheet.current];
  return (
    <View className='qx-page' data-testid='exam'>
      <StateView loading={attempt.loading} error={attempt.error} onRetry={attempt.reload} empty={!!sheet && sheet.questions.length === 0} emptyText='试卷没有题目'>
        {sheet && q ? (
          <>
            <View className='qx-card qx-row'>
              <Text className='qx-card__meta'>{`已答 ${answeredCount(sheet)}/${sheet.questions.length}`}</Text>
              {left !== null ? <Text className={`qx-timer qx-timer--${timerTone(left)}`} data-testid='timer'>{formatDuration(left)}</Text> : <Text className='qx-card__meta'>不限时</Text>}
            </View>
            <View className='qx-card' data-testid='question'>
              <Text className='qx-card__meta'>{`第 ${sheet.current + 1} 题 · ${typeLabel[q.type] ?? q.type}${q.score ? ` · ${q.score} 分` : ''}`}</Text>
              <Text className='qx-card__title'>{q.stem}</Text>
            </View>
            {q.type === 'fill' ? (
              <Input className='qx-input' placeholder='填写答案' value={(sheet.answers[q.id] ?? [])[0] ?? ''} onInput={(e) => pick(q.id, e.detail.value)} />
            ) : (
              (q.options ?? (q.type === 'true_false' ? [{ key: 'true', text: '正确' }, { key: 'false', text: '错误' }] : [])).map((o) => (
                <View key={o.key} data-testid='option' className={`qx-option ${(sheet.answers[q.id] ?? []).includes(o.key) ? 'qx-option--picked' : ''}`} onClick={() => pick(q.id, o.key)}>
                  {q.type === 'true_false' ? o.text : `${o.key}. ${o.text}`}
                </View>
              ))
            )}
            <View className='qx-row'>
              <Button size='mini' disabled={sheet.current === 0} onClick={() => setSheet(goTo(sheet, sheet.current - 1))}>上一题</Button>
              {sheet.current < sheet.questions.length - 1 ? (
                <Button size='mini' data-testid='next-question' onClick={() => setSheet(goTo(sheet, sheet.current + 1))}>下一题</Button>
              ) : (
                // No `loading` prop: Taro's H5 button then inserts its spinner among React's children, and
                // React's next insertBefore throws (the page error seen on submit).
                <Button size='mini' className='qx-btn--primary' data-testid='submit-exam' disabled={submitting} onClick={() => submit(false)}>
                  {submitting ? '交卷中…' : '交卷'}
                </Button>
              )}
            </View>
            <View className='qx-nav-grid'>
              {sheet.questions.map((x, i) => (
                <View key={x.id} className={`qx-nav-cell ${isAnswered(sheet, x.id) ? 'qx-nav-cell--done' : ''} ${i === sheet.current ? 'qx-nav-cell--current' : ''}`} onClick={() => setSheet(goTo(sheet, i))}>
                  {i + 1}
                </View>
              ))}
            </View>
            {submitError ? <View className='qx-error-message'>{displayMessage(submitError)}</View> : null}
          </>
        ) : null}
      </StateView>
    </View>
  );
}
