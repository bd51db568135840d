/**
 * 更换手机号: one request sends a code to the new number and (where the account has one) to the
 * current number; both codes prove the change. Learning records stay with the account.
 */
import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import { useSignedIn } from '../../../../hooks/use-signed-in';
import { isSmsCode, normalizePhone } from '../../../../lib/sign-in-flow';
import { changePhone, sendPhoneCodes } from '../../../../services/account';
import { CodeField, FormMessage, Submit, TextField } from '../../components/form';

export default function Phone() {
  useSignedIn();
  const [phone, setPhone] = useState('');
  const [code, setCode] = useState('');
  const [currentCode, setCurrentCode] = useState('');
  const [needsCurrent, setNeedsCurrent] = useState<boolean | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState<string | null>(null);
  const normalized = normalizePhone(phone);

  const send = () => sendPhoneCodes(normalized!).then((r) => setNeedsCurrent(r.currentPhoneCodeSent));

  const why = !normalized
    ? '请填写新的 11 位手机号'
    : needsCurrent === null
      ? '请先获取验证码'
      : !isSmsCode(code)
        ? '请填写新手机号收到的 6 位验证码'
        : needsCurrent && !isSmsCode(currentCode)
          ? '请填写当前手机号收到的 6 位验证码'
          : null;

  const save = () => {
    setBusy(true);
    setError(null);
    changePhone(normalized!, code.trim(), needsCurrent ? currentCode.trim() : undefined).then(
      () => {
        setBusy(false);
        setDone(`手机号已更换为 ${normalized!.slice(0, 3)}****${normalized!.slice(-4)}`);
        setCode('');
        setCurrentCode('');
        setNeedsCurrent(null);
      },
      (err) => {
        setBusy(false);
        setError(err);
      },
    );
  };

  return (
    <View className='qx-page' data-testid='phone-page'>
      <View className='qx-card'>
        <Text className='qx-card__meta'>更换后，用新手机号登录；学习记录、证书等都保留在你的账号中。旧手机号已无法使用时，请联系企业管理员或平台客服核实身份后更换。</Text>
      </View>
      <View className='qx-form'>
        <TextField label='新手机号' type='number' maxlength={11} value={phone} onChange={(v) => (setPhone(v), setNeedsCurrent(null))} placeholder='11 位手机号' testId='new-phone' />
        <CodeField
          label='新手机号验证码'
          value={code}
          onChange={setCode}
          send={send}
          blocked={normalized ? null : '填写新手机号后可获取验证码'}
          hint='同时会向你当前的手机号发送一条验证码'
          testId='new-phone-code'
          sendTestId='send-phone-code'
        />
        {needsCurrent ? <TextField label='当前手机号验证码' type='number' maxlength={6} value={currentCode} onChange={setCurrentCode} placeholder='6 位数字' testId='current-phone-code' /> : null}
        <Submit onClick={save} busy={busy} why={why} testId='save-phone'>
          确认更换
        </Submit>
        <FormMessage error={error} ok={done} />
      </View>
    </View>
  );
}
