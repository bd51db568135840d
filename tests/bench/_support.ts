/** Shared by the benchmarks: statistics and the final JSON line. */
export function percentile(values: number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

export const median = (values: number[]) => percentile(values, 50);
export const round = (n: number, digits = 2) => Math.round(n * 10 ** digits) / 10 ** digits;

export function report(bench: string, figures: Record<string, unknown>): void {
  console.log(JSON.stringify({ bench, ...figures }));
}

/** Benchmarks run on MariaDB (BENCH_DATABASE_URL, default the local server) in a fresh database. */
export const benchServerUrl = () => process.env.BENCH_DATABASE_URL ?? 'mysql://root@127.0.0.1:3306';
