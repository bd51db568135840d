/** An exam's rules: time limit, attempts, pass score, the window it is open, shuffling, switch-away limit, results shown. */
import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import { useTimeZone } from '../../../hooks/use-time-zone';
import { formatDateTime, zonedTimeToUtc } from '../../../lib/time';
import { updateExam, type Exam } from '../../../services/exams';
import { act, notify } from './feedback';
import { Button, Choice, Field, TextInput } from './fields';

/** `2026-03-01 09:00` typed by the admin, in the enterprise's zone → an ISO instant; '' → null; undefined if malformed. */
function parseWallTime(text: string, zone: string): string | null | undefined {
  const t = text.trim();
  if (!t) return null;
  const m = /^(\d{4}-\d{2}-\d{2})(?:\s+(\d{1,2}:\d{2}))?$/.exec(t);
  if (!m) return undefined;
  return zonedTimeToUtc(m[1], (m[2] ?? '00:00').padStart(5, '0'), zone) ?? undefined;
}

export function ExamSettings({ exam, onSaved }: { exam: Exam; onSaved: (exam: Exam) => void }) {
  const zone = useTimeZone();
  const [f, setF] = useState({
    title: exam.title,
    minutes: String(Math.round((exam.timeLimitSec ?? 3600) / 60)),
    attempts: String(exam.maxAttempts ?? 1),
    pass: String(exam.passScore ?? 60),
    opens: formatDateTime(exam.opensAt, zone),
    closes: formatDateTime(exam.closesAt, zone),
    shuffle: exam.shuffleQuestions ? 'yes' : 'no',
    switches: exam.maxSwitchAways === null || exam.maxSwitchAways === undefined ? '' : String(exam.maxSwitchAways),
    visibility: (exam.resultVisibility ?? 'score') as string,
  });
  const set = (key: keyof typeof f) => (v: string) => setF({ ...f, [key]: v });

  const save = () => {
    const opensAt = parseWallTime(f.opens, zone);
    const closesAt = parseWallTime(f.closes, zone);
    if (opensAt === undefined || closesAt === undefined) return notify.fail('时间格式为 2026-03-01 09:00');
    if (opensAt && closesAt && closesAt <= opensAt) return notify.fail('结束时间须晚于开始时间');
    const minutes = Number(f.minutes);
    const attempts = Number(f.attempts);
    if (!(minutes >= 1) || !(attempts >= 1) || !(Number(f.pass) >= 0)) return notify.fail('限时、次数须大于 0，及格分不能为负');
    return act(
      () => updateExam(exam.id, {
        title: f.title.trim() || exam.title, timeLimitSec: Math.round(minutes * 60), maxAttempts: Math.round(attempts), passScore: Number(f.pass),
        opensAt, closesAt, shuffleQuestions: f.shuffle === 'yes', maxSwitchAways: f.switches.trim() === '' ? null : Math.max(0, Math.round(Number(f.switches))),
        resultVisibility: f.visibility,
      }),
      '考试设置已保存',
      onSaved,
    );
  };

  return (
    <View className='qx-subtable' data-testid='exam-settings'>
      <Field label='考试名称'><TextInput value={f.title} onChange={set('title')} width='360PX' /></Field>
      <Field label='限时' hint='分钟'><TextInput value={f.minutes} onChange={set('minutes')} width='80PX' type='number' testId='exam-minutes' /></Field>
      <Field label='可考次数'><TextInput value={f.attempts} onChange={set('attempts')} width='80PX' type='number' testId='exam-attempts' /></Field>
      <Field label='及格分'><TextInput value={f.pass} onChange={set('pass')} width='80PX' type='digit' testId='exam-pass' /></Field>
      <Field label='开考时间' hint={`留空表示不限；${zone === 'Asia/Shanghai' ? '北京时间' : zone}`}><TextInput value={f.opens} onChange={set('opens')} width='180PX' placeholder='2026-03-01 09:00' testId='exam-opens' /></Field>
      <Field label='截止时间' hint='截止后不能再开始新的考试'><TextInput value={f.closes} onChange={set('closes')} width='180PX' placeholder='2026-03-08 18:00' testId='exam-closes' /></Field>
      <Field label='题目顺序'><Choice value={f.shuffle} onChange={set('shuffle')} options={[{ value: 'no', label: '按试卷顺序' }, { value: 'yes', label: '每人随机打乱' }]} /></Field>
      <Field label='切屏限制' hint='次，超过自动交卷；留空不限'><TextInput value={f.switches} onChange={set('switches')} width='80PX' type='number' testId='exam-switches' /></Field>
      <Field label='成绩公布'>
        <Choice value={f.visibility} onChange={set('visibility')} options={[{ value: 'hidden', label: '不公布' }, { value: 'score', label: '只看分数' }, { value: 'full', label: '分数与答案解析' }]} />
      </Field>
      <Button primary onClick={save} testId='save-exam'>保存设置</Button>
      <Text className='qx-form-row__hint' style={{ marginLeft: '12PX' }}>已开始的考试按开始时的限时计时</Text>
    </View>
  );
}
