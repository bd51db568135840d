/**
 * 消息送达: the WeCom messages sent in the enterprise's name (assignments, reminders, notices) and,
 * per message, what happened to every recipient — WeCom drops what exceeds its limits silently, so
 * Qixue records who was capped, outside the visible range or inactive.
 */
import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import { AdminLayout, TableHead } from '../../../../components/admin-layout';
import { OpenDataName } from '../../../../components/open-data-name';
import { PagedListView, StateView } from '../../../../components/state-view';
import { usePagedList } from '../../../../hooks/use-paged-list';
import { useRequest } from '../../../../hooks/use-request';
import { useSignedIn } from '../../../../hooks/use-signed-in';
import { useTimeZone } from '../../../../hooks/use-time-zone';
import { routes } from '../../../../lib/routes';
import { formatDateTime } from '../../../../lib/time';
import { listMessages, messageOutcomes, messageRecipients, outcomeWords, type AppMessage } from '../../../../services/messages';

const sourceWords = (source: string) => (source === 'admin' ? '管理员发送' : source.startsWith('task') || source.startsWith('training') ? '培训提醒' : '系统通知');

function Recipients({ message }: { message: AppMessage }) {
  const zone = useTimeZone();
  const [outcome, setOutcome] = useState('');
  const summary = useRequest(() => messageOutcomes(message.id), [message.id]);
  const list = usePagedList((cursor) => messageRecipients(message.id, cursor, outcome || undefined), [message.id, outcome]);
  const counts = summary.data?.outcomes ?? {};
  return (
    <View className='qx-panel' data-testid='message-recipients'>
      <Text className='qx-panel__title'>{`《${message.title}》的送达情况`}</Text>
      <StateView loading={summary.loading} error={summary.error} onRetry={summary.reload}>
        <View className='qx-admin__filters'>
          <View className={`qx-abtn ${outcome === '' ? 'qx-abtn--primary' : ''}`} onClick={() => setOutcome('')}>
            {`全部 ${message.recipientCount}`}
          </View>
          {Object.entries(counts)
            .filter(([, n]) => n > 0)
            .map(([o, n]) => (
              <View key={o} className={`qx-abtn ${outcome === o ? 'qx-abtn--primary' : ''}`} onClick={() => setOutcome(o)}>
                {`${(outcomeWords[o] ?? '其他').split('：')[0]} ${n}`}
              </View>
            ))}
        </View>
      </StateView>
      <TableHead cells={['成员', '结果', '记录时间']} />
      <PagedListView list={list} emptyText='没有符合条件的收件人'>
        {list.items.map((r) => (
          <View key={r.id} className='qx-table__row' data-testid='recipient-row'>
            <View className='qx-table__cell'>
              <OpenDataName hostUserId={r.hostUserId} name={r.name} />
            </View>
            <Text className={`qx-table__cell ${r.outcome === 'sent' ? '' : 'qx-error-message'}`}>{outcomeWords[r.outcome] ?? '未知结果'}</Text>
            <Text className='qx-table__cell'>{formatDateTime(r.createdAt, zone)}</Text>
          </View>
        ))}
      </PagedListView>
    </View>
  );
}

export default function Messages() {
  useSignedIn();
  const zone = useTimeZone();
  const list = usePagedList((cursor) => listMessages(cursor));
  const [chosen, setChosen] = useState<AppMessage | null>(null);
  return (
    <AdminLayout active={routes.adminMessages} title='消息送达'>
      <View className='qx-panel' data-testid='messages'>
        <TableHead cells={['发送时间', '标题', '类型', '收件人', '已发出', '未发出', '']} />
        <PagedListView list={list} emptyText='还没有发送过企业微信消息'>
          {list.items.map((m) => (
            <View key={m.id} className={`qx-table__row ${chosen?.id === m.id ? 'qx-table__row--chosen' : ''}`} data-testid='message-row'>
              <Text className='qx-table__cell'>{formatDateTime(m.createdAt, zone)}</Text>
              <Text className='qx-table__cell'>{m.title}</Text>
              <Text className='qx-table__cell'>{sourceWords(m.source)}</Text>
              <Text className='qx-table__cell'>{m.recipientCount}</Text>
              <Text className='qx-table__cell'>{m.sentCount}</Text>
              <Text className={`qx-table__cell ${m.recipientCount > m.sentCount ? 'qx-error-message' : ''}`}>{m.recipientCount - m.sentCount}</Text>
              <View className='qx-table__cell'>
                <View className='qx-abtn' onClick={() => setChosen(m)} data-testid='message-open'>
                  查看送达
                </View>
              </View>
            </View>
          ))}
        </PagedListView>
      </View>
      {chosen ? <Recipients message={chosen} /> : null}
    </AdminLayout>
  );
}
