/** The viewer's watermark over a document: member and time, repeated and faint (not selectable). */
import { Text, View } from '@tarojs/components';
import { watermarkText } from '../lib/watermark';
import './watermark.css';
import { useTimeZone } from '../hooks/use-time-zone';

export function Watermark({ mark }: { mark?: { memberId?: string; label?: string; at?: string } | null }) {
  const text = watermarkText(mark, Date.now(), useTimeZone());
  return (
    <View className='qx-watermark' data-testid='watermark' aria-hidden>
      {Array.from({ length: 24 }, (_, i) => (
        <Text key={i} className='qx-watermark__tile'>
          {text}
        </Text>
      ))}
    </View>
  );
}
