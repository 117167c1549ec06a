import { create } from 'zustand';
import type { Marketplace, Store } from '../../shared/domain/store';
import type { OrderCounts, OrderDetail, OrderListRow, OrdersListInput, OrderSort } from '../../shared/ipc/channels/orders-list';
import { api, ApiError } from '../api/client';

const PAGE = 200;

/** The quick filters above the grid; each maps to one part of the `orders:list` query and one count. */
export const orderChips = ['all', 'new', 'exception', 'audited', 'allocated', 'picking', 'packed', 'shipped', 'due24h', 'overdue', 'fba'] as const;
export type OrderChip = (typeof orderChips)[number];

export function chipQuery(chip: OrderChip): Partial<OrdersListInput> {
  switch (chip) {
    case 'all':
      return {};
    case 'exception':
      return { exceptionsOnly: true };
    case 'due24h':
      return { shipBy: '24h' };
    case 'overdue':
      return { shipBy: 'overdue' };
    case 'fba':
      return { fulfilledBy: 'AMAZON' };
    default:
      return { status: chip };
  }
}

export function chipCount(chip: OrderChip, c: OrderCounts): number {
  switch (chip) {
    case 'all':
      return c.all;
    case 'exception':
      return c.exceptions;
    case 'due24h':
      return c.due24h;
    case 'overdue':
      return c.overdue;
    case 'fba':
      return c.fba;
    default:
      return c.byState[chip] ?? 0;
  }
}

export interface OrdersSort {
  sort: OrderSort;
  dir: 'asc' | 'desc';
}

interface OrdersState {
  stores: Store[];
  marketplaces: Marketplace[];
  chip: OrderChip;
  search: string;
  storeId: number | null;
  marketplaceId: string | null;
  sort: OrdersSort;
  rows: OrderListRow[];
  total: number;
  loading: boolean;
  error: ApiError | null;
  counts: OrderCounts | null;
  /** The order open in the drawer. */
  openId: string | null;
  detail: OrderDetail | null;
  detailError: ApiError | null;
  load(): Promise<void>;
  /** Re-reads the list and the counts in place (the sync brought orders, a countdown crossed a bucket). */
  refresh(): Promise<void>;
  setChip(chip: OrderChip): void;
  setSearch(search: string): void;
  setStore(storeId: number | null): void;
  setMarketplace(marketplaceId: string | null): void;
  setSort(sort: OrdersSort): void;
  loadMore(): Promise<void>;
  open(id: string | null): Promise<void>;
}

const asApiError = (err: unknown) => (err instanceof ApiError ? err : new ApiError('internal'));

export const useOrdersStore = create<OrdersState>((set, get) => {
  // A newer query supersedes answers still on their way: typing fast never shows an older search's rows.
  let generation = 0;
  let countsGeneration = 0;

  const scope = () => {
    const { search, storeId, marketplaceId } = get();
    return {
      ...(search.trim() ? { search: search.trim() } : {}),
      ...(storeId !== null ? { storeId } : {}),
      ...(marketplaceId !== null ? { marketplaceIds: [marketplaceId] } : {}),
    };
  };

  async function fetchPage(offset: number, keepRows = false): Promise<void> {
    const mine = offset === 0 ? ++generation : generation;
    const { chip, sort } = get();
    set({ loading: true });
    try {
      const limit = keepRows ? Math.max(PAGE, get().rows.length) : PAGE;
      const page = await api.ordersList({ ...scope(), ...chipQuery(chip), sort: sort.sort, dir: sort.dir, limit: Math.min(500, limit), offset });
      if (mine !== generation) return;
      set((s) => ({ rows: offset === 0 ? page.rows : [...s.rows, ...page.rows], total: page.total, loading: false, error: null }));
    } catch (err) {
      if (mine === generation) set({ loading: false, error: asApiError(err) });
    }
  }

  async function fetchCounts(): Promise<void> {
    const mine = ++countsGeneration;
    try {
      const counts = await api.ordersCounts(scope());
      if (mine === countsGeneration) set({ counts });
    } catch {
      // The chips keep their last figures; the list shows the error if the core is unreachable.
    }
  }

  const requery = () => {
    void fetchPage(0);
    void fetchCounts();
  };

  return {
    stores: [],
    marketplaces: [],
    chip: 'all',
    search: '',
    storeId: null,
    marketplaceId: null,
    sort: { sort: 'ship-by', dir: 'asc' },
    rows: [],
    total: 0,
    loading: false,
    error: null,
    counts: null,
    openId: null,
    detail: null,
    detailError: null,
    async load() {
      try {
        const [stores, marketplaces] = await Promise.all([api.listStores(), api.listMarketplaces()]);
        set({ stores, marketplaces });
      } catch (err) {
        set({ error: asApiError(err) });
      }
      await Promise.all([fetchPage(0), fetchCounts()]);
    },
    async refresh() {
      await Promise.all([fetchPage(0, true), fetchCounts()]);
    },
    setChip(chip) {
      set({ chip });
      void fetchPage(0);
    },
    setSearch(search) {
      set({ search });
      requery();
    },
    setStore(storeId) {
      set({ storeId, marketplaceId: null });
      requery();
    },
    setMarketplace(marketplaceId) {
      set({ marketplaceId });
      requery();
    },
    setSort(sort) {
      set({ sort });
      void fetchPage(0);
    },
    async loadMore() {
      const { rows, total, loading } = get();
      if (loading || rows.length >= total) return;
      await fetchPage(rows.length);
    },
    async open(id) {
      set({ openId: id, detail: null, detailError: null });
      if (id === null) return;
      try {
        const detail = await api.ordersGet(id);
        if (get().openId === id) set({ detail });
      } catch (err) {
        if (get().openId === id) set({ detailError: asApiError(err) });
      }
    },
  };
});
