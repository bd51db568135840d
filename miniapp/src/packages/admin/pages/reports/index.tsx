/** 报表与导出: the whole enterprise's or a department's tasks (chart + table), and Excel exports with progress and download. */
import { useEffect, useRef, useState } from 'react';
import { Text, View } from '@tarojs/components';
import { AdminLayout, TableHead } from '../../../../components/admin-layout';
import { BarChart } from '../../../../components/bar-chart';
import { DepartmentName } from '../../../../components/open-data-name';
import { StateView } from '../../../../components/state-view';
import { useRequest } from '../../../../hooks/use-request';
import { useSignedIn } from '../../../../hooks/use-signed-in';
import { routes } from '../../../../lib/routes';
import { toast } from '../../../../components/toast';
import { departmentReport, enterpriseReport, exportDownloadPath, getJob, listDepartments, startExport, type ExportJob } from '../../../../services/admin';
import { download } from '../../../../services/files';
import { useTimeZone } from '../../../../hooks/use-time-zone';
import { formatDate, formatDateTime } from '../../../../lib/time';

const exportsOffered = [
  { format: 'tasks' as const, label: '任务完成情况', file: '培训任务完成情况.xlsx' },
  { format: 'records' as const, label: '学习记录', file: '学习记录.xlsx' },
  { format: 'regulator' as const, label: '监管报送（实名）', file: '监管报送.xlsx' },
];

export default function Reports() {
  const { signedIn, profile } = useSignedIn();
  const tz = useTimeZone();
  const departments = useRequest(() => listDepartments(), [], signedIn);
  // null: the whole enterprise (the same figures as each task's page and the dashboard).
  const [chosen, setChosen] = useState<string | null>(null);
  const report = useRequest(() => (chosen ? departmentReport(chosen) : enterpriseReport()), [chosen], signedIn);
  const [job, setJob] = useState<(ExportJob & { file: string }) | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout>>();

  useEffect(() => () => clearTimeout(timer.current), []);

  const poll = (id: string, file: string, tries = 0) => {
    timer.current = setTimeout(async () => {
      try {
        const j = await getJob(id);
        setJob({ ...j, file });
        if ((j.status === 'queued' || j.status === 'running') && tries < 600) poll(id, file, tries + 1);
      } catch (err) {
        toast.error(err, '查询导出进度失败');
      }
    }, 800);
  };

  const start = async (format: 'records' | 'regulator' | 'tasks', file: string) => {
    try {
      const id = await startExport(format);
      setJob({ id, kind: 'export', status: 'queued', progress: { done: 0, total: 0, percent: 0 }, result: null, error: null, file });
      poll(id, file);
      toast.info('已开始导出，完成后可下载');
    } catch (err) {
      toast.error(err, '导出失败');
    }
  };

  const running = !!job && (job.status === 'queued' || job.status === 'running');
  const rows = report.data?.tasks ?? [];
  return (
    <AdminLayout
      active={routes.adminReports}
      title='报表与导出'
      actions={exportsOffered.map((e) => (
        <View key={e.format} data-testid={`export-${e.format}`} className={`qx-abtn ${running ? 'qx-abtn--disabled' : ''}`} onClick={() => start(e.format, e.file)}>
          {`导出${e.label}`}
        </View>
      ))}
    >
      {job ? (
        <View className='qx-panel' data-testid='export-job'>
          <Text className='qx-panel__title'>{`导出：${job.status === 'done' ? '已完成' : job.status === 'failed' ? '失败' : '进行中'}（${job.progress.percent}%）`}</Text>
          <View className='qx-progress'>
            <View className='qx-progress__bar' style={{ width: `${job.progress.percent}%` }} />
          </View>
          {job.error ? <View className='qx-error-message'>{job.error}</View> : null}
          {job.status === 'done' ? (
            <View className='qx-abtn qx-abtn--primary' data-testid='export-download' style={{ marginTop: '12PX' }} onClick={() => download(exportDownloadPath(job.id), job.file).catch((err) => toast.error(err, '下载失败'))}>
              下载文件
            </View>
          ) : null}
        </View>
      ) : null}
      {profile?.member.hostUserId ? (
        <View className='qx-panel qx-muted' data-testid='export-names-note'>
          企业微信不向第三方应用提供通讯录成员的姓名，导出的 Excel 中这些成员的姓名标为“（企业微信未提供姓名）”（文件内“说明”页有解释）。如需带出姓名，请在「企业设置 → 账号策略」中开启“实名信息”，成员填写后再导出。
        </View>
      ) : null}
      <View className='qx-panel'>
        <Text className='qx-panel__title'>部门</Text>
        <StateView loading={departments.loading} error={departments.error} onRetry={departments.reload} empty={!departments.data?.length} emptyText='通讯录还没有部门'>
          <View style={{ display: 'flex', flexWrap: 'wrap', gap: '8PX' }}>
            <View data-testid='report-enterprise' className={`qx-abtn ${chosen === null ? 'qx-abtn--primary' : ''}`} onClick={() => setChosen(null)}>
              全公司
            </View>
            {(departments.data ?? []).slice(0, 40).map((d) => (
              <View key={d.id} className={`qx-abtn ${d.id === chosen ? 'qx-abtn--primary' : ''}`} onClick={() => setChosen(d.id)}>
                <DepartmentName dept={d} />
              </View>
            ))}
          </View>
        </StateView>
      </View>
      {signedIn ? (
        <StateView loading={report.loading} error={report.error} onRetry={report.reload} empty={rows.length === 0} emptyText={chosen ? '这个部门没有被指派培训任务' : '还没有进行中的培训任务'}>
          <View data-testid='report'>
            <View className='qx-grid'>
              <View className='qx-stat'>
                <Text className='qx-stat__value'>{report.data?.totals.assigned ?? 0}</Text>
                <Text className='qx-stat__label'>应完成（人次）</Text>
              </View>
              <View className='qx-stat'>
                <Text className='qx-stat__value' data-testid='report-completion'>{`${report.data?.totals.completionRate ?? 0}%`}</Text>
                <Text className='qx-stat__label'>完成率</Text>
              </View>
              <View className='qx-stat'>
                <Text className='qx-stat__value'>{report.data?.totals.overdue ?? 0}</Text>
                <Text className='qx-stat__label'>逾期（人次）</Text>
              </View>
            </View>
            <BarChart title='各任务完成率' unit='%' data={rows.map((r) => ({ label: r.title, value: r.completionRate }))} testId='chart-report' />
            <View className='qx-panel' style={{ marginTop: '16PX' }}>
              <TableHead cells={['任务', '截止', '应学人数', '已完成', '逾期', '完成率']} />
              {rows.map((r) => (
                <View key={r.taskId} className='qx-table__row' data-testid='report-row'>
                  <Text className='qx-table__cell'>{r.title}</Text>
                  <Text className='qx-table__cell'>{formatDate(r.dueAt, tz)}</Text>
                  <Text className='qx-table__cell'>{r.assigned}</Text>
                  <Text className='qx-table__cell'>{r.completed}</Text>
                  <Text className='qx-table__cell'>{r.overdue}</Text>
                  <Text className='qx-table__cell'>{`${r.completionRate}%`}</Text>
                </View>
              ))}
            </View>
            {report.data?.asOf ? <Text className='qx-stat__label'>{`统计时间 ${formatDateTime(report.data.asOf, tz)}${report.data.stale ? '（正在更新）' : ''}`}</Text> : null}
          </View>
        </StateView>
      ) : null}
    </AdminLayout>
  );
}
