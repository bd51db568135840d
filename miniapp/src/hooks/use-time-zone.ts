/** The enterprise's time zone for formatting (lib/time): from the signed-in session's tenant. */
import { timeZone } from '../services/session';

export function useTimeZone(): string {
  return timeZone();
}
