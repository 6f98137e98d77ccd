// Small figures shared by the bench programs (test/bench/*.ts), so each reports percentiles the same way.

/** The p-quantile (0…1) of values sorted ascending, by the nearest-rank rule; 0 for none. */
export function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? 0;
}

/** Milliseconds rounded to 0.01 for the JSON report. */
export function ms(value: number): number {
  return Math.round(value * 100) / 100;
}

/** CPU time (user + system) of this process, all its threads, in ms. */
export function processCpuMs(): number {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1000;
}

/** The middle value (the upper one of an even count); values need not be sorted. */
export function median(values: readonly number[]): number {
  return [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;
}
