/**
 * Feedback of the content editors, shown where the admin is looking (a toast over the viewport),
 * never at the top of a page they scrolled away from.
 */
import Taro from '@tarojs/taro';
import { displayMessage } from '../../../lib/api-error';

export const notify = {
  ok: (text: string) => void Taro.showToast({ title: text, icon: 'success', duration: 2000 }),
  fail: (err: unknown, prefix = '操作失败') =>
    void Taro.showToast({ title: typeof err === 'string' ? err : `${prefix}：${displayMessage(err)}`, icon: 'none', duration: 4000 }),
};

/** Runs an admin action: success → toast and `then`; failure → the server's message as a toast. */
export async function act<T>(run: () => Promise<T>, done: string, then?: (value: T) => void): Promise<T | undefined> {
  try {
    const value = await run();
    notify.ok(done);
    then?.(value);
    return value;
  } catch (err) {
    notify.fail(err);
    return undefined;
  }
}
