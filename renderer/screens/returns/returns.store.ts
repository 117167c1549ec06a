import { create } from 'zustand';
import { cleanScan } from '../../../shared/barcodes';
import type { InspectionEntry, NewReturn, ReturnableOrder, ReturnDetail, ReturnLookup, ReturnStatus, ReturnSummary } from '../../../shared/domain/returns';
import { api, ApiError } from '../../api/client';
import type { MessageKey, TranslateParams } from '../../i18n';

interface Option {
  id: number;
  code: string;
  name: string;
}

/** What the last scan at the door did to the count (shown green or red next to the lines). */
export interface CountVerdict {
  ok: boolean;
  key: MessageKey;
  params: TranslateParams;
  /** Bumped on every scan, so the same message twice still reads as a new event. */
  seq: number;
}

interface ReturnsState {
  rows: ReturnSummary[];
  total: number;
  status: ReturnStatus | null;
  warehouses: Option[];
  suppliers: { id: number; name: string }[];
  /** What the last scan or search found, while no return is open. */
  found: Exclude<ReturnLookup, { kind: 'return' }> | null;
  /** The order the clerk is creating a return for (from an order/tracking scan or a product's candidates). */
  draft: { order: ReturnableOrder; sourceKind: NonNullable<NewReturn['sourceKind']>; sourceCode: string } | null;
  detail: ReturnDetail | null;
  /** Units counted at the door per return line, before "confirm receipt". */
  counts: Record<number, number>;
  verdict: CountVerdict | null;
  busy: boolean;
  error: ApiError | null;
  notice: { key: MessageKey; params: TranslateParams } | null;
  load(): Promise<void>;
  setStatus(status: ReturnStatus | null): Promise<void>;
  find(code: string): Promise<void>;
  /** A scan on the screen: counts a unit of the open return when the code is one of its products, else looks it up. */
  scan(code: string): Promise<void>;
  select(id: number): Promise<void>;
  chooseOrder(order: ReturnableOrder): void;
  reset(): void;
  setCount(lineId: number, n: number): void;
  create(input: NewReturn): Promise<void>;
  receive(): Promise<void>;
  inspect(entries: InspectionEntry[]): Promise<void>;
  refund(amountMinor: number): Promise<void>;
  close(): Promise<void>;
}

const asApiError = (err: unknown) => (err instanceof ApiError ? err : new ApiError('internal'));
const receivable = (d: ReturnDetail | null) => d !== null && (d.status === 'open' || d.status === 'received') && d.lines.some((l) => l.receivedQuantity < l.quantity);

export const useReturnsStore = create<ReturnsState>((set, get) => {
  async function refreshList(): Promise<void> {
    const status = get().status;
    const page = await api.returnsList(status ? { status } : {});
    if (get().status === status) set({ rows: page.rows, total: page.total });
  }

  async function run(action: () => Promise<void>): Promise<void> {
    set({ busy: true, error: null, notice: null });
    try {
      await action();
    } catch (err) {
      set({ error: asApiError(err) });
    } finally {
      set({ busy: false });
    }
  }

  /** After a change: show the return as main now has it, and the list with it. */
  async function showChanged(detail: ReturnDetail, notice: ReturnsState['notice']): Promise<void> {
    set({ detail, found: null, draft: null, counts: {}, verdict: null, notice });
    await refreshList();
  }

  function countUnit(code: string): boolean {
    const d = get().detail;
    if (!receivable(d) || !d) return false;
    const upper = code.toUpperCase();
    const line = d.lines.find((l) => l.codes.some((c) => c.code.toUpperCase() === upper));
    if (!line) return false;
    const units = line.codes.find((c) => c.code.toUpperCase() === upper)?.units ?? 1;
    const counted = get().counts[line.id] ?? 0;
    const open = line.quantity - line.receivedQuantity;
    const seq = (get().verdict?.seq ?? 0) + 1;
    if (counted + units > open) {
      set({ verdict: { ok: false, key: 'returns.scan.over', params: { sku: line.sku, open }, seq } });
      return true;
    }
    set({ counts: { ...get().counts, [line.id]: counted + units }, verdict: { ok: true, key: 'returns.scan.counted', params: { sku: line.sku, n: counted + units, open }, seq } });
    return true;
  }

  return {
    rows: [],
    total: 0,
    status: null,
    warehouses: [],
    suppliers: [],
    found: null,
    draft: null,
    detail: null,
    counts: {},
    verdict: null,
    busy: false,
    error: null,
    notice: null,
    load: () =>
      run(async () => {
        const [warehouses, suppliers] = await Promise.all([api.warehouses(), api.suppliers()]);
        // FBA stock is Amazon's: returned units go back to the seller's own places.
        set({ warehouses: warehouses.filter((w) => w.kind !== 'fba').map((w) => ({ id: w.id, code: w.code, name: w.name })), suppliers: suppliers.map((s) => ({ id: s.id, name: s.name })) });
        await refreshList();
        const open = get().detail;
        if (open) set({ detail: await api.returnsGet(open.id) });
      }),
    setStatus: async (status) => {
      set({ status });
      await run(refreshList);
    },
    find: (raw) =>
      run(async () => {
        const code = cleanScan(raw);
        if (code === '') return;
        const found = await api.returnsLookup(code);
        if (found.kind === 'return') return set({ detail: found.detail, found: null, draft: null, counts: {}, verdict: null });
        const draft = found.kind === 'order' ? { order: found.order, sourceKind: found.matchedBy, sourceCode: code } : null;
        set({ found, draft, detail: null, counts: {}, verdict: null });
      }),
    scan: async (code) => {
      if (countUnit(cleanScan(code))) return;
      await get().find(code);
    },
    select: (id) =>
      run(async () => {
        set({ detail: await api.returnsGet(id), found: null, draft: null, counts: {}, verdict: null });
      }),
    chooseOrder: (order) => {
      const found = get().found;
      const sourceCode = found?.kind === 'product' ? found.product.sku : order.orderId;
      set({ draft: { order, sourceKind: found?.kind === 'product' ? 'product' : 'order', sourceCode } });
    },
    reset: () => set({ found: null, draft: null, detail: null, counts: {}, verdict: null, error: null, notice: null }),
    setCount: (lineId, n) => set({ counts: { ...get().counts, [lineId]: n } }),
    create: (input) =>
      run(async () => {
        const detail = await api.returnsCreate(input);
        await showChanged(detail, { key: 'returns.notice.created', params: { rma: detail.rmaNumber } });
      }),
    receive: () =>
      run(async () => {
        const { detail, counts } = get();
        if (!detail) return;
        const lines = detail.lines.map((l) => ({ lineId: l.id, quantity: counts[l.id] ?? 0 })).filter((l) => l.quantity !== 0);
        const units = lines.reduce((n, l) => n + l.quantity, 0);
        const next = await api.returnsReceive({ id: detail.id, lines });
        await showChanged(next, { key: 'returns.notice.received', params: { rma: next.rmaNumber, n: units } });
      }),
    inspect: (entries) =>
      run(async () => {
        const detail = get().detail;
        if (!detail) return;
        const next = await api.returnsInspect({ id: detail.id, entries });
        const sum = (d: string) => entries.filter((e) => e.disposition === d).reduce((n, e) => n + e.quantity, 0);
        await showChanged(next, { key: 'returns.notice.inspected', params: { rma: next.rmaNumber, restock: sum('restock'), scrap: sum('scrap'), supplier: sum('return-to-supplier') } });
      }),
    refund: (amountMinor) =>
      run(async () => {
        const detail = get().detail;
        if (!detail) return;
        await showChanged(await api.returnsRefund({ id: detail.id, amountMinor }), { key: 'returns.notice.refunded', params: { rma: detail.rmaNumber } });
      }),
    close: () =>
      run(async () => {
        const detail = get().detail;
        if (!detail) return;
        await showChanged(await api.returnsClose(detail.id), { key: 'returns.notice.closed', params: { rma: detail.rmaNumber } });
      }),
  };
});
