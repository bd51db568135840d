import { Text, View } from '@tarojs/components';
import { summarizeHours } from '../lib/hours';

export function HoursCard({ earned, required, year }: { earned: number; required: number; year: number }) {
  const s = summarizeHours(earned, required);
  return (
    <View className='qx-card' data-testid='hours'>
      <Text className='qx-card__meta'>{`${year} 年度学时`}</Text>
      <View className='qx-row'>
        <Text className='qx-big-number' data-testid='hours-earned'>{s.earned}</Text>
        <Text className='qx-card__meta'>{s.required ? `/ ${s.required} 学时` : '学时'}</Text>
      </View>
      <View className='qx-progress'>
        <View className='qx-progress__bar' style={{ width: `${Math.round(s.ratio * 100)}%` }} />
      </View>
      <Text className={`qx-card__meta ${s.complete ? '' : 'qx-tone-soon'}`}>{s.label}</Text>
    </View>
  );
}
