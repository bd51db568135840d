/** 报表与导出: completion by department (chart + table), and Excel exports with progress and download. */
import { useEffect, useRef, useState } from 'react';
import { Text, View } from '@tarojs/components';
import { AdminLayout } from '../../../../components/admin-layout';
import { BarChart } from '../../../../components/bar-chart';
import { StateView } from '../../../../components/state-view';
import { useRequest } from '../../../../hooks/use-request';
import { useSignedIn } from '../../../../hooks/use-signed-in';
import { displayMessage } from '../../../../lib/api-error';
import { percent } from '../../../../lib/chart';
import { routes } from '../../../../lib/routes';
import { departmentReport, getJob, startExport, type ExportJob } from '../../../../services/admin';
import { download } from '../../../../services/files';

const exportsOffered = [
  { kind: 'records', label: '学习记录' },
  { kind: 'regulator', label: '监管报送（实名）' },
];

export default function Reports() {
  const { signedIn } = useSignedIn();
  const report = useRequest(() => departmentReport(), [], signedIn);
  const [job, setJob] = useState<ExportJob | null>(null);
  const [error, setError] = useState<unknown>(null);
  const timer = useRef<ReturnType<typeof setTimeout>>();

  useEffect(() => () => clearTimeout(timer.current), []);

  const poll = (id: string, tries = 0) => {
    timer.current = setTimeout(async () => {
      try {
        const j = await getJob(id);
        setJob(j);
        if ((j.status === 'queued' || j.status === 'running') && tries < 600) poll(id, tries + 1);
      } catch (err) {
        setError(err);
      }
    }, 1000);
  };

  const start = async (kind: string) => {
    setError(null);
    try {
      const j = await startExport(kind);
      setJob(j);
      poll(j.id);
    } catch (err) {
      setError(err);
    }
  };

  const rows = report.data ?? [];
  const link = job?.result?.downloadUrl ?? job?.result?.url;
  return (
    <AdminLayout
      active={routes.adminReports}
      title='报表与导出'
      actions={exportsOffered.map((e) => (
        <View key={e.kind} className={`qx-abtn ${job && (job.status === 'queued' || job.status === 'running') ? 'qx-abtn--disabled' : ''}`} onClick={() => start(e.kind)}>
          {`导出${e.label}`}
        </View>
      ))}
    >
      {error ? <View className='qx-panel qx-error-message'>{displayMessage(error)}</View> : null}
      {job ? (
        <View className='qx-panel' data-testid='export-job'>
          <Text className='qx-panel__title'>{`导出任务：${job.status === 'done' ? '已完成' : job.status === 'failed' ? '失败' : '进行中'}（${job.progress.percent}%）`}</Text>
          <View className='qx-progress'>
            <View className='qx-progress__bar' style={{ width: `${job.progress.percent}%` }} />
          </View>
          {job.error ? <View className='qx-error-message'>{job.error}</View> : null}
          {job.status === 'done' && link ? (
            <View className='qx-abtn qx-abtn--primary' style={{ marginTop: '12PX' }} onClick={() => download(link, '学习记录.xlsx').catch(setError)}>
              下载文件
            </View>
          ) : null}
        </View>
      ) : null}
      <StateView loading={report.loading} error={report.error} onRetry={report.reload} empty={rows.length === 0} emptyText='暂无报表数据'>
        <View data-testid='report'>
          <BarChart title='各部门完成率' unit='%' data={rows.map((r) => ({ label: r.name ?? r.departmentId, value: percent(r.completed, r.assigned) }))} testId='chart-report' />
          <View className='qx-panel' style={{ marginTop: '16PX' }}>
            <View className='qx-table__row qx-table__row--head'>
              <Text className='qx-table__cell'>部门</Text>
              <Text className='qx-table__cell'>应学人数</Text>
              <Text className='qx-table__cell'>已完成</Text>
              <Text className='qx-table__cell'>逾期</Text>
              <Text className='qx-table__cell'>完成率</Text>
            </View>
            {rows.map((r) => (
              <View key={r.departmentId} className='qx-table__row' data-testid='report-row'>
                <Text className='qx-table__cell'>{r.name ?? r.departmentId}</Text>
                <Text className='qx-table__cell'>{r.assigned}</Text>
                <Text className='qx-table__cell'>{r.completed}</Text>
                <Text className='qx-table__cell'>{r.overdue}</Text>
                <Text className='qx-table__cell'>{`${percent(r.completed, r.assigned)}%`}</Text>
              </View>
            ))}
          </View>
        </View>
      </StateView>
    </AdminLayout>
  );
}
