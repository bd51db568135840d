/**
 * Is the app on screen? Mini-program variant: the app goes to the background (onAppHide) and comes
 * back (onAppShow); visibility.h5.ts is the browser variant. Reading time counts only while visible.
 */
import Taro from '@tarojs/taro';

export function onVisibilityChange(listener: (visible: boolean) => void): () => void {
  const hide = () => listener(false);
  const show = () => listener(true);
  Taro.onAppHide(hide);
  Taro.onAppShow(show);
  return () => {
    Taro.offAppHide(hide);
    Taro.offAppShow(show);
  };
}

export const isVisible = (): boolean => true;
