/** An audit entry as a sentence: "张三 编辑了课程《安全生产》", names drawn by the host's open-data component. */
import { Text, View } from '@tarojs/components';
import type { AuditEntry } from '../services/admin';
import { OpenDataName } from './open-data-name';

const actorWords: Record<string, string> = { staff: '平台运营人员', system: '系统' };

export function AuditSentence({ entry }: { entry: AuditEntry }) {
  const [before, after = ''] = entry.phrase.split('{target}');
  const hasSlot = entry.phrase.includes('{target}');
  const person = entry.target?.person;
  return (
    <View className='qx-sentence' data-testid='audit-sentence'>
      {entry.actor ? <OpenDataName hostUserId={entry.actor.hostUserId} name={entry.actor.name} /> : <Text>{actorWords[entry.actorType] ?? '已离开的成员'}</Text>}
      <Text>{` ${before}`}</Text>
      {hasSlot ? person ? <OpenDataName hostUserId={person.hostUserId} name={person.name} /> : <Text>{entry.targetLabel ?? '（已删除）'}</Text> : null}
      {hasSlot ? <Text>{after}</Text> : null}
    </View>
  );
}
