/**
 * Browser variant: Taro's toast (with its modal and icon font, ~6 KB gzip) loads on first use, so it
 * is not part of the first page's budget.
 */
export function notifyFailure(text: string): void {
  void import('./show-toast').then((m) => m.showToast(text));
}
