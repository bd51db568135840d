/** Geometry for the small SVG charts of the admin dashboard (bars, lines), kept free of React. */
export interface Datum {
  label: string;
  value: number;
}

/** A "nice" axis maximum (1, 2, 5 × 10^n) at or above the largest value; at least 1. */
export function niceMax(values: number[]): number {
  const max = Math.max(0, ...values.filter((v) => Number.isFinite(v)));
  if (max <= 0) return 1;
  const exp = Math.pow(10, Math.floor(Math.log10(max)));
  for (const step of [1, 2, 5, 10]) if (step * exp >= max) return step * exp;
  return 10 * exp;
}

export function ticks(max: number, count = 4): number[] {
  const step = max / count;
  return Array.from({ length: count + 1 }, (_, i) => Math.round(step * i * 100) / 100);
}

export interface Bar {
  x: number;
  y: number;
  width: number;
  height: number;
  label: string;
  value: number;
}

export function barLayout(data: Datum[], width: number, height: number, gap = 0.3, max = niceMax(data.map((d) => d.value))): Bar[] {
  if (data.length === 0) return [];
  const slot = width / data.length;
  const barWidth = slot * (1 - gap);
  return data.map((d, i) => {
    const h = Math.max(0, (Math.max(0, d.value) / max) * height);
    return { x: i * slot + (slot - barWidth) / 2, y: height - h, width: barWidth, height: h, label: d.label, value: d.value };
  });
}

export function linePoints(data: Datum[], width: number, height: number, max = niceMax(data.map((d) => d.value))): string {
  if (data.length === 0) return '';
  const dx = data.length > 1 ? width / (data.length - 1) : 0;
  return data.map((d, i) => `${Math.round(i * dx * 10) / 10},${Math.round((height - (Math.max(0, d.value) / max) * height) * 10) / 10}`).join(' ');
}

export function percent(part: number, whole: number): number {
  if (!whole || whole <= 0) return 0;
  return Math.round((part / whole) * 1000) / 10;
}
