/**
 * The viewer's watermark over a document: who (by name) and when, repeated and faint (not
 * selectable). A WeCom member's name is drawn by the host (or the sandbox's stand-in) from their
 * host id; an id itself is never shown.
 */
import { Text, View } from '@tarojs/components';
import { watermarkText } from '../lib/watermark';
import { OpenDataName } from './open-data-name';
import './watermark.css';
import { useTimeZone } from '../hooks/use-time-zone';

export interface WatermarkMark {
  name?: string | null;
  hostUserId?: string | null;
  at?: string;
}

export function Watermark({ mark }: { mark?: WatermarkMark | null }) {
  const tz = useTimeZone();
  const hostDrawn = !mark?.name && !!mark?.hostUserId;
  const text = watermarkText({ name: mark?.name, at: mark?.at }, Date.now(), tz);
  return (
    <View className='qx-watermark' data-testid='watermark' aria-hidden>
      {Array.from({ length: 24 }, (_, i) => (
        <View key={i} className='qx-watermark__tile'>
          {hostDrawn ? <OpenDataName hostUserId={mark!.hostUserId} /> : null}
          <Text>{hostDrawn ? ` ${text}` : text}</Text>
        </View>
      ))}
    </View>
  );
}
