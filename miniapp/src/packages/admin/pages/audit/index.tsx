/** 操作日志: every admin and system action of the enterprise, newest first, in words and local time. */
import { Text, View } from '@tarojs/components';
import { AdminLayout, TableHead } from '../../../../components/admin-layout';
import { AuditSentence } from '../../../../components/audit-sentence';
import { PagedListView } from '../../../../components/state-view';
import { usePagedList } from '../../../../hooks/use-paged-list';
import { useSignedIn } from '../../../../hooks/use-signed-in';
import { useTimeZone } from '../../../../hooks/use-time-zone';
import { routes } from '../../../../lib/routes';
import { formatDateTime } from '../../../../lib/time';
import { auditLogs } from '../../../../services/admin';

const columns = { time: { flex: '0 0 170PX' }, words: { flex: 4, whiteSpace: 'normal' }, ip: { flex: '0 0 140PX' } } as const;

export default function Audit() {
  useSignedIn();
  const zone = useTimeZone();
  const list = usePagedList((cursor) => auditLogs(cursor));
  return (
    <AdminLayout active={routes.adminAudit} title='操作日志'>
      <View className='qx-panel' data-testid='audit-log'>
        <TableHead cells={[{ label: '时间', style: columns.time }, { label: '操作', style: columns.words }, { label: 'IP 地址', style: columns.ip }]} />
        <PagedListView list={list} emptyText='暂无操作记录'>
          {list.items.map((a) => (
            <View key={a.id} className='qx-table__row' data-testid='audit-row'>
              <Text className='qx-table__cell' style={columns.time}>{formatDateTime(a.createdAt, zone)}</Text>
              <View className='qx-table__cell' style={columns.words}>
                <AuditSentence entry={a} />
              </View>
              <Text className='qx-table__cell qx-muted' style={columns.ip}>{a.ip ?? '—'}</Text>
            </View>
          ))}
        </PagedListView>
      </View>
    </AdminLayout>
  );
}
