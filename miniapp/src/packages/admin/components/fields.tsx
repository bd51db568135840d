/** Form pieces of the admin console's editors: labelled inputs, choice chips, a confirm dialog. */
import type { ReactNode } from 'react';
import Taro from '@tarojs/taro';
import { Input, Text, Textarea, View } from '@tarojs/components';
import './editor.css';

export function Field({ label, children, hint }: { label: string; children: ReactNode; hint?: string }) {
  return (
    <View className='qx-form-row'>
      <Text className='qx-form-row__label'>{label}</Text>
      {children}
      {hint ? <Text className='qx-form-row__hint'>{hint}</Text> : null}
    </View>
  );
}

export function TextInput({ value, onChange, width = '320PX', placeholder, type, testId }: {
  value: string; onChange: (v: string) => void; width?: string; placeholder?: string; type?: 'text' | 'number' | 'digit'; testId?: string;
}) {
  return <Input className='qx-ainput' style={{ width }} value={value} type={type} placeholder={placeholder} data-testid={testId} onInput={(e) => onChange(e.detail.value)} />;
}

export function TextArea({ value, onChange, width = '640PX', height = '120PX', placeholder, testId }: {
  value: string; onChange: (v: string) => void; width?: string; height?: string; placeholder?: string; testId?: string;
}) {
  return (
    <Textarea className='qx-ainput' style={{ width, height }} maxlength={-1} value={value} placeholder={placeholder} data-testid={testId} onInput={(e) => onChange(e.detail.value)} />
  );
}

/** One choice among a few, as buttons (clearer than a drop-down for 2–5 options). */
export function Choice<T extends string>({ value, options, onChange, testId }: { value: T; options: Array<{ value: T; label: string }>; onChange: (v: T) => void; testId?: string }) {
  return (
    <View className='qx-choice'>
      {options.map((o) => (
        <View key={o.value} data-testid={testId} className={`qx-abtn ${value === o.value ? 'qx-abtn--primary' : ''}`} onClick={() => onChange(o.value)}>
          {o.label}
        </View>
      ))}
    </View>
  );
}

export function Button({ children, onClick, primary, danger, disabled, testId }: {
  children: ReactNode; onClick: () => void; primary?: boolean; danger?: boolean; disabled?: boolean; testId?: string;
}) {
  const cls = ['qx-abtn', primary && 'qx-abtn--primary', danger && 'qx-abtn--danger', disabled && 'qx-abtn--disabled'].filter(Boolean).join(' ');
  return (
    <View className={cls} data-testid={testId} onClick={disabled ? undefined : onClick}>
      {children}
    </View>
  );
}

/** Asks before something that cannot be undone from this page. */
export async function confirm(title: string, content: string): Promise<boolean> {
  const r = await Taro.showModal({ title, content, confirmText: '确定', cancelText: '取消' });
  return r.confirm;
}
