/**
 * Work Amazon finishes in the background (a report ends, a feed is applied, an accepted listing change goes live), run in
 * simulated-time order whenever a request arrives. Ties keep insertion order, so the outcome does not depend on how
 * requests happen to slice time.
 */
export class DueQueue {
  private readonly items: { at: number; seq: number; run: (at: number) => void }[] = [];
  private seq = 0;

  push(at: number, run: (at: number) => void): void {
    const item = { at, seq: this.seq++, run };
    let i = this.items.length;
    while (i > 0 && (this.items[i - 1]?.at ?? 0) > at) i--;
    this.items.splice(i, 0, item);
  }

  /** Runs everything due at or before `now`, including work that running items schedule within the window. */
  runUntil(now: number): void {
    for (;;) {
      const next = this.items[0];
      if (!next || next.at > now) return;
      this.items.shift();
      next.run(next.at);
    }
  }
}
