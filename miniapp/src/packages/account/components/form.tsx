/**
 * Form pieces of the account pages: labelled inputs, an SMS-code field with its resend countdown,
 * a submit button that, when it cannot be pressed, looks disabled and says why.
 */
import { useEffect, useState, type ReactNode } from 'react';
import { Button, Input, Text, View } from '@tarojs/components';
import { displayMessage } from '../../../lib/api-error';
import './form.css';

export function FormField({ label, hint, children }: { label: string; hint?: string; children: ReactNode }) {
  return (
    <View className='qx-form__row'>
      <Text className='qx-form__label'>{label}</Text>
      {children}
      {hint ? <Text className='qx-form__hint'>{hint}</Text> : null}
    </View>
  );
}

export function TextField({ label, hint, value, onChange, placeholder, type = 'text', password, maxlength, testId, disabled }: {
  label: string; hint?: string; value: string; onChange: (v: string) => void; placeholder?: string;
  type?: 'text' | 'number' | 'digit' | 'idcard'; password?: boolean; maxlength?: number; testId?: string; disabled?: boolean;
}) {
  return (
    <FormField label={label} hint={hint}>
      <Input
        className='qx-form__input'
        value={value}
        type={type}
        password={password}
        maxlength={maxlength}
        placeholder={placeholder}
        disabled={disabled}
        data-testid={testId}
        onInput={(e) => onChange(e.detail.value)}
      />
    </FormField>
  );
}

const RESEND_SECONDS = 60;

/** Seconds until another code may be asked for (the server allows one a minute per phone). */
function useResendWait(): [number, () => void] {
  const [until, setUntil] = useState(0);
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (until <= now) return;
    const t = setTimeout(() => setNow(Date.now()), 1000);
    return () => clearTimeout(t);
  }, [until, now]);
  const start = () => {
    const at = Date.now();
    setNow(at);
    setUntil(at + RESEND_SECONDS * 1000);
  };
  return [Math.max(0, Math.ceil((until - now) / 1000)), start];
}

/**
 * A six-digit code and the button that sends it. `send` returns the sending promise; `blocked`
 * says why a code cannot be sent yet (e.g. no valid phone number), shown under the field.
 */
export function CodeField({ label = '短信验证码', value, onChange, send, blocked, hint, testId, sendTestId }: {
  label?: string; value: string; onChange: (v: string) => void; send: () => Promise<unknown>; blocked?: string | null;
  hint?: string; testId?: string; sendTestId?: string;
}) {
  const [wait, startWait] = useResendWait();
  const [sending, setSending] = useState(false);
  const [sent, setSent] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const disabled = sending || wait > 0 || !!blocked;
  const press = () => {
    if (disabled) return;
    setSending(true);
    setError(null);
    send().then(
      () => {
        setSending(false);
        setSent(true);
        startWait();
      },
      (err) => {
        setSending(false);
        setError(err);
      },
    );
  };
  const why = blocked ?? (wait > 0 ? `验证码已发送，${wait} 秒后可重新获取` : null);
  return (
    <FormField label={label} hint={hint}>
      <View className='qx-form__code'>
        <Input className='qx-form__input' type='number' maxlength={6} value={value} placeholder='6 位数字' data-testid={testId} onInput={(e) => onChange(e.detail.value)} />
        <Button size='mini' className={`qx-btn qx-send-code ${disabled ? 'qx-btn--disabled' : ''}`} disabled={disabled} data-testid={sendTestId} onClick={press}>
          {sending ? '发送中…' : wait > 0 ? `${wait} 秒` : sent ? '重新获取' : '获取验证码'}
        </Button>
      </View>
      {why ? <Text className='qx-form__hint' data-testid='code-why'>{why}</Text> : null}
      {error ? <Text className='qx-form__hint qx-error-message'>{displayMessage(error)}</Text> : null}
    </FormField>
  );
}

/** The form's main button. When `why` is set it is disabled, looks it, and `why` says what is missing. */
export function Submit({ children, onClick, busy, why, danger, testId }: {
  children: ReactNode; onClick: () => void; busy?: boolean; why?: string | null; danger?: boolean; testId?: string;
}) {
  const disabled = !!busy || !!why;
  const tone = danger ? 'qx-btn--danger' : 'qx-btn--primary';
  return (
    <View className='qx-form__submit'>
      <Button className={`qx-btn ${tone} ${disabled ? 'qx-btn--disabled' : ''}`} disabled={disabled} data-testid={testId} onClick={() => !disabled && onClick()}>
        {busy ? '请稍候…' : children}
      </Button>
      {why && !busy ? <Text className='qx-form__why' data-testid='submit-why'>{why}</Text> : null}
    </View>
  );
}

export function FormMessage({ error, ok }: { error?: unknown; ok?: string | null }) {
  if (error) return <Text className='qx-form__error qx-error-message' data-testid='form-error'>{displayMessage(error)}</Text>;
  if (ok) return <Text className='qx-form__ok' data-testid='form-ok'>{ok}</Text>;
  return null;
}

/** One "label … value" line of a read-only card. */
export function KeyValue({ label, value }: { label: string; value: ReactNode }) {
  return (
    <View className='qx-kv'>
      <Text className='qx-kv__label'>{label}</Text>
      <Text className='qx-kv__value'>{value}</Text>
    </View>
  );
}
