/** 修改密码: a code sent to my own phone, then the new password (twice). */
import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import { useSignedIn } from '../../../../hooks/use-signed-in';
import { isSmsCode, passwordProblem } from '../../../../lib/sign-in-flow';
import { changePassword, sendPasswordCode } from '../../../../services/account';
import { CodeField, FormMessage, Submit, TextField } from '../../components/form';

export default function Password() {
  useSignedIn();
  const [code, setCode] = useState('');
  const [password, setPassword] = useState('');
  const [again, setAgain] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState(false);

  const why = !isSmsCode(code)
    ? '请先获取并填写 6 位短信验证码'
    : passwordProblem(password) ?? (password !== again ? '两次输入的新密码不一致' : null);

  const save = () => {
    setBusy(true);
    setError(null);
    changePassword(code.trim(), password).then(
      () => {
        setBusy(false);
        setDone(true);
        setCode('');
        setPassword('');
        setAgain('');
      },
      (err) => {
        setBusy(false);
        setError(err);
      },
    );
  };

  return (
    <View className='qx-page' data-testid='password-page'>
      <View className='qx-card'>
        <Text className='qx-card__meta'>验证码将发送到你账号绑定的手机号。修改后，下次用密码登录时请使用新密码。</Text>
      </View>
      <View className='qx-form'>
        <CodeField value={code} onChange={setCode} send={sendPasswordCode} testId='password-code' sendTestId='send-password-code' />
        <TextField label='新密码' hint='8–64 位，须同时包含字母和数字' value={password} onChange={setPassword} password testId='new-password' />
        <TextField label='再次输入新密码' value={again} onChange={setAgain} password testId='new-password-again' />
        <Submit onClick={save} busy={busy} why={why} testId='save-password'>
          保存新密码
        </Submit>
        <FormMessage error={error} ok={done ? '密码已修改' : null} />
      </View>
    </View>
  );
}
