/**
 * The training modules' clock. Progress, validity windows and exam deadlines read time from here
 * (server time, never the client's), so tests can move it without waiting.
 */
export const clock = {
  now: (): number => Date.now(),
};

export const nowDate = () => new Date(clock.now());

/** The calendar year credit hours are recorded for: China time (UTC+8), as the regulator counts it. */
export function creditYear(at: Date): number {
  return new Date(at.getTime() + 8 * 3600_000).getUTCFullYear();
}
