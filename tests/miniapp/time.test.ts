/** Times shown in the enterprise's zone (lib/time): never UTC, never the device's zone. */
import { formatDate, formatDateTime, formatLongDate, formatRelative, zonedDay, zonedParts, zonedTimeToUtc } from '../../miniapp/src/lib/time';
import { dueLabel } from '../../miniapp/src/lib/hours';
import { watermarkText } from '../../miniapp/src/lib/watermark';

describe('enterprise time zone formatting', () => {
  it('shows a UTC instant just before midnight UTC as the next day in Shanghai', () => {
    const iso = '2026-03-01T16:30:00.000Z'; // 00:30 on 2 March in China
    expect(formatDate(iso, 'Asia/Shanghai')).toBe('2026-03-02');
    expect(formatDateTime(iso, 'Asia/Shanghai')).toBe('2026-03-02 00:30');
    expect(formatLongDate(iso, 'Asia/Shanghai')).toBe('2026年3月2日');
    expect(formatDate(iso)).toBe('2026-03-02'); // default zone is Asia/Shanghai
    expect(formatDate(iso, 'UTC')).toBe('2026-03-01');
    expect(formatDateTime('2026-03-01T15:59:59Z', 'Asia/Shanghai')).toBe('2026-03-01 23:59');
  });

  it('follows other zones, daylight saving included', () => {
    expect(formatDateTime('2026-07-01T12:00:00Z', 'Europe/Berlin')).toBe('2026-07-01 14:00');
    expect(formatDateTime('2026-01-01T12:00:00Z', 'Europe/Berlin')).toBe('2026-01-01 13:00');
    expect(zonedParts(Date.parse('2026-01-01T00:00:00Z'), 'Asia/Tokyo').hour).toBe(9);
  });

  it('answers empty for missing or invalid times, not "Invalid Date"', () => {
    expect(formatDate(null)).toBe('');
    expect(formatDateTime(undefined)).toBe('');
    expect(formatDate('not a date')).toBe('');
  });

  it('says relative times by calendar day in the zone', () => {
    const now = Date.parse('2026-03-02T02:00:00Z'); // 10:00 on 2 March in China
    expect(formatRelative('2026-03-02T01:59:30Z', now)).toBe('刚刚');
    expect(formatRelative('2026-03-02T01:15:00Z', now)).toBe('45 分钟前');
    expect(formatRelative('2026-03-01T16:30:00Z', now)).toBe('9 小时前'); // 00:30 today in China
    expect(formatRelative('2026-03-01T15:30:00Z', now)).toBe('昨天 23:30'); // yesterday in China, although the same UTC day
    expect(formatRelative('2026-02-20T04:00:00Z', now)).toBe('2026-02-20 12:00');
    expect(zonedDay(Date.parse('2026-03-01T16:30:00Z'))).toBe(zonedDay(Date.parse('2026-03-02T15:59:00Z')));
  });

  it('turns a wall-clock time in the zone into the UTC instant', () => {
    expect(zonedTimeToUtc('2026-03-01', '23:59:59', 'Asia/Shanghai')).toBe('2026-03-01T15:59:59.000Z');
    expect(zonedTimeToUtc('2026-07-01', '09:00', 'Europe/Berlin')).toBe('2026-07-01T07:00:00.000Z');
    expect(zonedTimeToUtc('2026-3-1', '23:59', 'Asia/Shanghai')).toBeNull();
  });

  it('counts due days and stamps the watermark in the zone', () => {
    const now = Date.parse('2026-03-01T15:00:00Z'); // 23:00 on 1 March in China
    expect(dueLabel('2026-03-02T15:59:59Z', now)).toEqual({ text: '明天截止', tone: 'soon' });
    expect(dueLabel('2026-03-01T15:59:59Z', now)).toEqual({ text: '今天截止', tone: 'soon' });
    expect(watermarkText({ label: '张三', at: '2026-03-01T16:05:00Z' }, 0, 'Asia/Shanghai')).toBe('张三 2026-03-02 00:05');
  });
});

describe('on a JS engine whose Intl has no time zones (some weapp runtimes)', () => {
  it('falls back to the fixed offset of zones without daylight saving', () => {
    const real = Intl.DateTimeFormat;
    (Intl as { DateTimeFormat: unknown }).DateTimeFormat = function () {
      throw new RangeError('timeZone not supported');
    };
    try {
      jest.isolateModules(() => {
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        const time = require('../../miniapp/src/lib/time') as typeof import('../../miniapp/src/lib/time');
        expect(time.formatDateTime('2026-03-01T16:30:00Z', 'Asia/Shanghai')).toBe('2026-03-02 00:30');
        expect(time.formatDateTime('2026-03-01T16:30:00Z', 'UTC')).toBe('2026-03-01 16:30');
      });
    } finally {
      (Intl as { DateTimeFormat: unknown }).DateTimeFormat = real;
    }
  });
});
