/** 学习异常: patterns the server flagged as possibly not the person's own study (001 §2.1(3)). */
import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import { AdminLayout, TableHead } from '../../../../components/admin-layout';
import { OpenDataName } from '../../../../components/open-data-name';
import { PagedListView } from '../../../../components/state-view';
import { usePagedList } from '../../../../hooks/use-paged-list';
import { useSignedIn } from '../../../../hooks/use-signed-in';
import { useTimeZone } from '../../../../hooks/use-time-zone';
import { routes } from '../../../../lib/routes';
import { formatDateTime } from '../../../../lib/time';
import { listSuspicious, suspiciousKinds, type SuspiciousEvent } from '../../../../services/integrity';

const where = (e: SuspiciousEvent) => {
  if (e.exam) return `考试《${e.exam.title ?? '已删除'}》`;
  if (e.course) return `课程《${e.course.title ?? '已删除'}》${e.chapter?.title ? ` · ${e.chapter.title}` : ''}`;
  return '—';
};

const num = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? Math.round(v) : null);

/** The measured facts, in words (seconds of the video, switches away). */
function detailWords(e: SuspiciousEvent): string {
  const d = e.details ?? {};
  if (e.kind === 'seek_ahead' || e.kind === 'impossible_speed') {
    const from = num(d.from);
    const to = num(d.to);
    const elapsed = num(d.elapsedSec);
    return from !== null && to !== null ? `从第 ${from} 秒到第 ${to} 秒${elapsed !== null ? `，实际只过了 ${elapsed} 秒` : ''}` : '';
  }
  if (e.kind === 'switch_away') return num(d.count) !== null ? `第 ${num(d.count)} 次离开考试页面` : '';
  if (e.kind === 'parallel_session') return '已有一个学习窗口在进行，新的学习被拒绝';
  return '';
}

export default function Integrity() {
  useSignedIn();
  const zone = useTimeZone();
  const [kind, setKind] = useState('');
  const list = usePagedList((cursor) => listSuspicious(cursor, kind || undefined), [kind]);
  return (
    <AdminLayout active={routes.adminIntegrity} title='学习异常'>
      <View className='qx-admin__filters'>
        {suspiciousKinds.map(([v, label]) => (
          <View key={v} className={`qx-abtn ${kind === v ? 'qx-abtn--primary' : ''}`} onClick={() => setKind(v)}>
            {label}
          </View>
        ))}
      </View>
      <View className='qx-panel' data-testid='suspicious-events'>
        <Text className='qx-muted'>学习与考试须由本人完成。以下情况由系统自动记录，不会自动处罚；快进和过快的进度不计入学时。</Text>
        <TableHead cells={['时间', '成员', '情况', '发生在', '详情']} />
        <PagedListView list={list} emptyText='没有记录到异常学习行为'>
          {list.items.map((e) => (
            <View key={e.id} className='qx-table__row' data-testid='suspicious-row'>
              <Text className='qx-table__cell'>{formatDateTime(e.createdAt, zone)}</Text>
              <View className='qx-table__cell'>
                <OpenDataName hostUserId={e.member.hostUserId} name={e.member.name} />
              </View>
              <Text className='qx-table__cell'>{e.description}</Text>
              <Text className='qx-table__cell'>{where(e)}</Text>
              <Text className='qx-table__cell qx-muted'>{detailWords(e) || '—'}</Text>
            </View>
          ))}
        </PagedListView>
      </View>
    </AdminLayout>
  );
}
