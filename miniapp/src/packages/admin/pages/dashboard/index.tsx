/** 数据看板: completion by department, activity over recent days, overdue — charts and totals. */
import { Text, View } from '@tarojs/components';
import { AdminLayout } from '../../../../components/admin-layout';
import { BarChart } from '../../../../components/bar-chart';
import { StateView } from '../../../../components/state-view';
import { useRequest } from '../../../../hooks/use-request';
import { useSignedIn } from '../../../../hooks/use-signed-in';
import { routes } from '../../../../lib/routes';
import { dashboard } from '../../../../services/admin';

export default function Dashboard() {
  const { signedIn } = useSignedIn();
  const data = useRequest(() => dashboard(), [], signedIn);
  const d = data.data;
  return (
    <AdminLayout active={routes.adminDashboard} title='数据看板'>
      <StateView loading={data.loading} error={data.error} onRetry={data.reload}>
        {d ? (
          <View data-testid='dashboard'>
            <View className='qx-grid'>
              <Stat label='在职成员' value={d.totals.members} />
              <Stat label='进行中的任务' value={d.totals.activeTasks} />
              <Stat label={`整体完成率 · 逾期 ${d.totals.overdue} 人次`} value={`${d.totals.completionRate}%`} />
            </View>
            <View className='qx-grid'>
              <BarChart title='各部门完成率' data={d.completion} unit='%' testId='chart-completion' />
              <BarChart title='近 7 天每日活跃人数（登录或学习）' data={d.activity} color='#00a870' testId='chart-activity' />
              <BarChart title='各任务逾期人数' data={d.overdue} color='#d0342c' testId='chart-overdue' />
            </View>
            <View className='qx-grid' style={{ gridTemplateColumns: '1fr' }}>
              <BarChart title='各任务完成率' data={d.taskCompletion} unit='%' testId='chart-tasks' />
            </View>
          </View>
        ) : null}
      </StateView>
    </AdminLayout>
  );
}

function Stat({ label, value }: { label: string; value: number | string | undefined }) {
  return (
    <View className='qx-stat'>
      <Text className='qx-stat__value'>{value ?? '—'}</Text>
      <Text className='qx-stat__label'>{label}</Text>
    </View>
  );
}
