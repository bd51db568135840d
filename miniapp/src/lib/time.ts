/**
 * Times as people read them: the server sends UTC instants (ISO 8601) and every page shows them in
 * the enterprise's time zone (the tenant's `timeZone`, default Asia/Shanghai) — never in UTC and
 * never in the device's zone. One module, so every page agrees.
 */

export const DEFAULT_TIME_ZONE = 'Asia/Shanghai';

export interface ZonedParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

/** Zones without daylight saving, for JS engines whose Intl ignores `timeZone` (some weapp runtimes). */
const fixedOffsetMinutes: Record<string, number> = {
  'Asia/Shanghai': 480, 'Asia/Chongqing': 480, 'Asia/Harbin': 480, 'Asia/Urumqi': 360, 'Asia/Hong_Kong': 480,
  'Asia/Macau': 480, 'Asia/Taipei': 480, 'Asia/Singapore': 480, 'Asia/Tokyo': 540, 'Asia/Seoul': 540,
  UTC: 0, 'Etc/UTC': 0,
};

const formatters = new Map<string, Intl.DateTimeFormat | null>();

function formatterFor(timeZone: string): Intl.DateTimeFormat | null {
  if (!formatters.has(timeZone)) {
    let f: Intl.DateTimeFormat | null = null;
    try {
      f = new Intl.DateTimeFormat('en-US', {
        timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric',
      });
      if (typeof f.formatToParts !== 'function') f = null;
    } catch {
      f = null;
    }
    formatters.set(timeZone, f);
  }
  return formatters.get(timeZone) ?? null;
}

/** The wall-clock fields of an instant in a zone. */
export function zonedParts(ms: number, timeZone: string = DEFAULT_TIME_ZONE): ZonedParts {
  const f = formatterFor(timeZone);
  if (f) {
    const out: Record<string, number> = {};
    for (const p of f.formatToParts(new Date(ms))) if (p.type !== 'literal') out[p.type] = Number(p.value);
    if (out.year && out.month && out.day) {
      return { year: out.year, month: out.month, day: out.day, hour: out.hour % 24, minute: out.minute, second: out.second };
    }
  }
  const offset = fixedOffsetMinutes[timeZone] ?? fixedOffsetMinutes[DEFAULT_TIME_ZONE];
  const d = new Date(ms + offset * 60_000);
  return {
    year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate(),
    hour: d.getUTCHours(), minute: d.getUTCMinutes(), second: d.getUTCSeconds(),
  };
}

const pad = (n: number) => String(n).padStart(2, '0');

function toMs(at: string | number | Date | null | undefined): number | null {
  if (at === null || at === undefined || at === '') return null;
  const ms = typeof at === 'number' ? at : at instanceof Date ? at.getTime() : Date.parse(at);
  return Number.isNaN(ms) ? null : ms;
}

/** `2026-03-01` in the enterprise's zone; '' for a missing or invalid time. */
export function formatDate(at: string | number | Date | null | undefined, timeZone?: string): string {
  const ms = toMs(at);
  if (ms === null) return '';
  const p = zonedParts(ms, timeZone);
  return `${p.year}-${pad(p.month)}-${pad(p.day)}`;
}

/** `2026-03-01 08:05` in the enterprise's zone. */
export function formatDateTime(at: string | number | Date | null | undefined, timeZone?: string): string {
  const ms = toMs(at);
  if (ms === null) return '';
  const p = zonedParts(ms, timeZone);
  return `${p.year}-${pad(p.month)}-${pad(p.day)} ${pad(p.hour)}:${pad(p.minute)}`;
}

/** `2026年3月1日`: for certificates and other formal text. */
export function formatLongDate(at: string | number | Date | null | undefined, timeZone?: string): string {
  const ms = toMs(at);
  if (ms === null) return '';
  const p = zonedParts(ms, timeZone);
  return `${p.year}年${p.month}月${p.day}日`;
}

/** Days since the epoch of the instant's calendar day in the zone (to compare "same day", "yesterday"). */
export function zonedDay(ms: number, timeZone?: string): number {
  const p = zonedParts(ms, timeZone);
  return Math.floor(Date.UTC(p.year, p.month - 1, p.day) / 86_400_000);
}

/** 刚刚 · 5 分钟前 · 3 小时前 (today) · 昨天 08:05 · otherwise the date and time. */
export function formatRelative(at: string | number | Date | null | undefined, nowMs: number, timeZone?: string): string {
  const ms = toMs(at);
  if (ms === null) return '';
  const diff = nowMs - ms;
  const today = zonedDay(nowMs, timeZone);
  const day = zonedDay(ms, timeZone);
  if (diff >= 0 && diff < 60_000) return '刚刚';
  if (diff >= 0 && diff < 3_600_000) return `${Math.floor(diff / 60_000)} 分钟前`;
  if (diff >= 0 && day === today) return `${Math.floor(diff / 3_600_000)} 小时前`;
  const p = zonedParts(ms, timeZone);
  if (day === today - 1) return `昨天 ${pad(p.hour)}:${pad(p.minute)}`;
  return formatDateTime(ms, timeZone);
}

/**
 * The UTC instant of a wall-clock time in the zone — e.g. the end of a due date an admin picked
 * (`2026-03-01`, 23:59:59 in Shanghai → `2026-03-01T15:59:59.000Z`).
 */
export function zonedTimeToUtc(date: string, time: string, timeZone?: string): string | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  const t = /^(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(time);
  if (!m || !t) return null;
  const wall = Date.UTC(+m[1], +m[2] - 1, +m[3], +t[1], +t[2], +(t[3] ?? 0));
  if (Number.isNaN(wall)) return null;
  // The zone's offset at that moment, found by formatting a guess and correcting (twice, for DST edges).
  let guess = wall;
  for (let i = 0; i < 2; i++) {
    const p = zonedParts(guess, timeZone);
    const shown = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
    guess += wall - shown;
  }
  return new Date(guess).toISOString();
}
