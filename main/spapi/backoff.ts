/** Full-jitter exponential backoff: spreads retries of many stations so they don't hit Amazon in lockstep. */
export function backoffMs(attempt: number, opts: { baseMs: number; capMs: number }, random: () => number): number {
  const ceiling = Math.min(opts.capMs, opts.baseMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(random() * ceiling);
}
