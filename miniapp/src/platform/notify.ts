/** Mini-program variant: tells the person something failed, as the host's toast. */
import { showToast } from './show-toast';

export function notifyFailure(text: string): void {
  void showToast(text);
}
