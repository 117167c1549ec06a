/**
 * Simulated Amazon time: starts at `start` and runs `timeScale` times faster than the wall clock, so a test can live
 * through minutes of usage plan and hours of store activity in seconds. The client's rate limiter uses the same factor.
 */
export class SimClock {
  private readonly realStart = performance.now();

  constructor(
    readonly start: Date,
    readonly timeScale: number,
  ) {}

  now(): Date {
    return new Date(this.start.getTime() + (performance.now() - this.realStart) * this.timeScale);
  }

  nowMs(): number {
    return this.now().getTime();
  }
}
