/** Browser variant of visibility.ts: the Page Visibility API (a hidden tab, a minimised window). */
export function onVisibilityChange(listener: (visible: boolean) => void): () => void {
  const changed = () => listener(document.visibilityState === 'visible');
  document.addEventListener('visibilitychange', changed);
  return () => document.removeEventListener('visibilitychange', changed);
}

export const isVisible = (): boolean => document.visibilityState === 'visible';
