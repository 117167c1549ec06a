import { invalidInput, type SimResponse } from '../http-types';

/** Reads query parameters the way SP-API does (comma-separated arrays) and answers 400 InvalidInput like Amazon. */
export class QueryReader {
  readonly problems: string[] = [];

  constructor(private readonly q: URLSearchParams) {}

  string(name: string): string | undefined {
    const v = this.q.get(name);
    return v === null || v === '' ? undefined : v;
  }

  date(name: string): Date | undefined {
    const v = this.string(name);
    if (v === undefined) return undefined;
    const t = Date.parse(v);
    if (Number.isNaN(t) || !/^\d{4}-\d\d-\d\dT/.test(v)) {
      this.problems.push(`${name} must be an ISO 8601 date-time`);
      return undefined;
    }
    return new Date(t);
  }

  list(name: string, opts: { allowed?: readonly string[]; max?: number } = {}): string[] | undefined {
    const v = this.string(name);
    if (v === undefined) return undefined;
    const items = v.split(',').map((s) => s.trim()).filter(Boolean);
    if (opts.max !== undefined && items.length > opts.max) this.problems.push(`${name} accepts at most ${opts.max} values`);
    for (const item of items) {
      if (opts.allowed && !opts.allowed.includes(item)) this.problems.push(`${name} value ${item} is not one of ${opts.allowed.join(', ')}`);
    }
    return items;
  }

  int(name: string, min: number, max: number): number | undefined {
    const v = this.string(name);
    if (v === undefined) return undefined;
    const n = Number(v);
    if (!Number.isInteger(n) || n < min || n > max) {
      this.problems.push(`${name} must be an integer from ${min} to ${max}`);
      return undefined;
    }
    return n;
  }

  bool(name: string): boolean | undefined {
    const v = this.string(name);
    if (v === undefined) return undefined;
    if (v !== 'true' && v !== 'false') this.problems.push(`${name} must be true or false`);
    return v === 'true';
  }

  error(): SimResponse | null {
    return this.problems.length ? invalidInput(this.problems[0] ?? 'invalid input', this.problems.slice(1).join('; ')) : null;
  }
}
