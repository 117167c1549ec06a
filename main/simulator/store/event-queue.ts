/**
 * Time-ordered queue of pending simulation events. Ties are broken by insertion order, so that processing is a
 * pure function of what was scheduled and not of how `advanceTo` calls happen to split time.
 */
interface Entry<E> {
  time: number;
  seq: number;
  event: E;
}

export class EventQueue<E> {
  private readonly heap: Entry<E>[] = [];
  private seq = 0;

  get size(): number {
    return this.heap.length;
  }

  push(time: number, event: E): void {
    this.heap.push({ time, seq: this.seq++, event });
    this.up(this.heap.length - 1);
  }

  peekTime(): number | undefined {
    return this.heap[0]?.time;
  }

  pop(): { time: number; event: E } | undefined {
    const top = this.heap[0];
    if (!top) return undefined;
    const last = this.heap.pop() as Entry<E>;
    if (this.heap.length > 0) {
      this.heap[0] = last;
      this.down(0);
    }
    return { time: top.time, event: top.event };
  }

  private less(a: number, b: number): boolean {
    const x = this.heap[a] as Entry<E>;
    const y = this.heap[b] as Entry<E>;
    return x.time < y.time || (x.time === y.time && x.seq < y.seq);
  }

  private swap(a: number, b: number): void {
    const t = this.heap[a] as Entry<E>;
    this.heap[a] = this.heap[b] as Entry<E>;
    this.heap[b] = t;
  }

  private up(i: number): void {
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.less(i, parent)) return;
      this.swap(i, parent);
      i = parent;
    }
  }

  private down(i: number): void {
    const n = this.heap.length;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let best = i;
      if (l < n && this.less(l, best)) best = l;
      if (r < n && this.less(r, best)) best = r;
      if (best === i) return;
      this.swap(i, best);
      i = best;
    }
  }
}
