/** A small bar chart made of views (works in H5 and the mini-program); values on top, labels below. */
import { Text, View } from '@tarojs/components';
import { barLayout, niceMax, type Datum } from '../lib/chart';
import './bar-chart.css';

interface Props {
  title: string;
  data: Datum[];
  unit?: string;
  color?: string;
  height?: number;
  testId?: string;
}

export function BarChart({ title, data, unit = '', color = '#1f6feb', height = 160, testId }: Props) {
  const max = niceMax(data.map((d) => d.value));
  const bars = barLayout(data, 100, height, 0.35, max);
  return (
    <View className='qx-chart' data-testid={testId}>
      <Text className='qx-chart__title'>{title}</Text>
      {data.length === 0 ? (
        <View className='qx-chart__empty'>暂无数据</View>
      ) : (
        <View className='qx-chart__plot' style={{ height: `${height}PX` }}>
          {bars.map((b) => (
            <View key={b.label} className='qx-chart__slot'>
              <Text className='qx-chart__value'>{`${b.value}${unit}`}</Text>
              <View className='qx-chart__bar' style={{ height: `${b.height}PX`, background: color }} />
              <Text className='qx-chart__label'>{b.label}</Text>
            </View>
          ))}
        </View>
      )}
    </View>
  );
}
