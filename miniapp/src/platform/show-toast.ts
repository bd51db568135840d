/** A short text toast (Taro's own; in the browser its module is loaded only when first needed). */
import Taro from '@tarojs/taro';

export const showToast = (title: string) => Taro.showToast({ title, icon: 'none', duration: 3000 });
