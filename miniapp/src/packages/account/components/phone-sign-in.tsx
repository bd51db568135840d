/**
 * Sign-in with a phone number: an SMS code, or the password (plus an SMS code on a new device), or
 * a new password set with an SMS code; a frozen account is unfrozen with password + code. What
 * comes next after a refusal is decided by the server's error code (lib/sign-in-flow).
 */
import { useState } from 'react';
import { Button, Text, View } from '@tarojs/components';
import { isSmsCode, nextStep, normalizePhone, passwordProblem, type TenantChoice } from '../../../lib/sign-in-flow';
import { resetPassword, sendSmsCode, signInWithPassword, signInWithSms, unfreeze, type CodePurpose, type LoginAnswer } from '../../../services/auth';
import { CodeField, FormMessage, Submit, TextField } from './form';

type Mode = 'sms' | 'password' | 'reset' | 'unfreeze';

const modes: Array<{ mode: Mode; label: string }> = [
  { mode: 'sms', label: '验证码登录' },
  { mode: 'password', label: '密码登录' },
  { mode: 'reset', label: '忘记密码' },
];

const purposeOf: Record<Mode, CodePurpose> = { sms: 'login', password: 'new_device', reset: 'reset_password', unfreeze: 'login' };

export function PhoneSignIn({ onSignedIn }: { onSignedIn: (answer: LoginAnswer) => void }) {
  const [mode, setMode] = useState<Mode>('sms');
  const [phone, setPhone] = useState('');
  const [code, setCode] = useState('');
  const [password, setPassword] = useState('');
  const [newPassword, setNewPassword] = useState('');
  // Password sign-in on a new device: the server asked for an SMS code too (and for which purpose).
  const [deviceStep, setDeviceStep] = useState<CodePurpose | null>(null);
  const [tenants, setTenants] = useState<TenantChoice[] | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [note, setNote] = useState<string | null>(null);
  const normalized = normalizePhone(phone);

  const switchTo = (m: Mode, message: string | null = null) => {
    setMode(m);
    setCode('');
    setDeviceStep(null);
    setTenants(null);
    setError(null);
    setNote(message);
  };

  const needsCode = mode !== 'password' || deviceStep !== null;
  const why = !normalized
    ? '请填写 11 位手机号'
    : (mode === 'password' || mode === 'unfreeze') && !password
      ? '请填写密码'
      : mode === 'reset' && passwordProblem(newPassword)
        ? passwordProblem(newPassword)
        : needsCode && !isSmsCode(code)
          ? '请先获取并填写 6 位短信验证码'
          : null;

  const attempt = (tenantId?: string): Promise<LoginAnswer> => {
    const p = normalized!;
    const c = code.trim();
    switch (mode) {
      case 'sms':
        return signInWithSms(p, c, tenantId);
      case 'password':
        return signInWithPassword(p, password, { smsCode: deviceStep ? c : undefined, tenantId });
      case 'reset':
        return resetPassword(p, c, newPassword, tenantId).then(() => signInWithPassword(p, newPassword, { tenantId }));
      case 'unfreeze':
        return unfreeze(p, password, c, tenantId);
    }
  };

  const submit = (tenantId?: string) => {
    setBusy(true);
    setError(null);
    setNote(null);
    attempt(tenantId).then(onSignedIn, (err) => {
      setBusy(false);
      const next = nextStep(err);
      if (next.kind === 'device' && mode === 'password') {
        setDeviceStep(next.purpose);
        setCode('');
        setNote(next.message);
      } else if (next.kind === 'tenant') {
        setTenants(next.tenants);
        setNote(next.message);
      } else if (next.kind === 'frozen' && mode !== 'unfreeze') {
        switchTo('unfreeze', next.message);
      } else {
        // The code stays in its field: a mistyped code or password is corrected, not re-requested
        // (the server checks the code without using it up while something else is wrong).
        setError(err);
      }
    });
  };

  return (
    <View className='qx-form' data-testid='phone-sign-in'>
      {mode === 'unfreeze' ? (
        <View className='qx-row' style={{ padding: '16px 0' }}>
          <Text className='qx-card__title'>解冻账号</Text>
          <Text className='qx-section__more' onClick={() => switchTo('password')}>返回登录</Text>
        </View>
      ) : (
        <View className='qx-tabs' style={{ marginTop: '16px', marginBottom: 0 }}>
          {modes.map((m) => (
            <View key={m.mode} className={`qx-tab ${mode === m.mode ? 'qx-tab--active' : ''}`} data-testid='signin-mode' data-mode={m.mode} onClick={() => switchTo(m.mode)}>
              {m.label}
            </View>
          ))}
        </View>
      )}
      <TextField label='手机号' type='number' maxlength={11} value={phone} onChange={(v) => (setPhone(v), setTenants(null))} placeholder='11 位手机号' testId='signin-phone' />
      {mode === 'password' || mode === 'unfreeze' ? (
        <TextField label='密码' value={password} onChange={setPassword} password testId='signin-password' />
      ) : null}
      {mode === 'reset' ? (
        <TextField label='新密码' hint='8–64 位，须同时包含字母和数字' value={newPassword} onChange={setNewPassword} password testId='signin-new-password' />
      ) : null}
      {needsCode ? (
        <CodeField
          value={code}
          onChange={setCode}
          send={() => sendSmsCode(normalized!, deviceStep ?? purposeOf[mode])}
          blocked={normalized ? null : '填写手机号后可获取验证码'}
          testId='signin-code'
          sendTestId='send-signin-code'
        />
      ) : null}
      {note ? <Text className='qx-form__hint' data-testid='signin-note'>{note}</Text> : null}
      {tenants ? (
        <View data-testid='tenant-choices'>
          {tenants.map((t) => (
            <Button key={t.id} className={`qx-btn ${busy ? 'qx-btn--disabled' : ''}`} disabled={busy} style={{ marginTop: '12px' }} data-testid='tenant-choice' onClick={() => submit(t.id)}>
              {`登录「${t.name}」`}
            </Button>
          ))}
        </View>
      ) : (
        <Submit onClick={() => submit()} busy={busy} why={why} testId='signin-submit'>
          {mode === 'reset' ? '设置新密码并登录' : mode === 'unfreeze' ? '解冻并登录' : '登录'}
        </Submit>
      )}
      <FormMessage error={error} />
    </View>
  );
}
