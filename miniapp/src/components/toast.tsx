/**
 * The console's notices: `toast.success('已保存')`, `toast.error(err)` from anywhere; <ToastHost />
 * (mounted once by the admin layout) draws them at the top centre of the viewport.
 */
import { useEffect, useState } from 'react';
import { Text, View } from '@tarojs/components';
import { displayMessage } from '../lib/api-error';
import { ToastStore, type Toast } from '../lib/toasts';
import './toast.css';

const store = new ToastStore();

export const toast = {
  success: (text: string) => store.show('success', text),
  info: (text: string) => store.show('info', text),
  /** An error from the API (its Chinese message) or a text. */
  error: (err: unknown, prefix = '操作失败') => store.show('error', typeof err === 'string' ? err : `${prefix}：${displayMessage(err)}`),
};

export function ToastHost() {
  const [items, setItems] = useState<Toast[]>(store.current());
  useEffect(() => store.subscribe(setItems), []);
  if (!items.length) return null;
  return (
    <View className='qx-toasts' role='status' aria-live='polite'>
      {items.map((t) => (
        <View key={t.id} className={`qx-toast qx-toast--${t.kind}`} data-testid={`toast-${t.kind}`}>
          <Text className='qx-toast__text'>{t.text}</Text>
          <Text className='qx-toast__close' onClick={() => store.dismiss(t.id)}>
            ×
          </Text>
        </View>
      ))}
    </View>
  );
}
