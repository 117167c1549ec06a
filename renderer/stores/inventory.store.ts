import { create } from 'zustand';
import type { AdjustmentReason, InventoryRow as StockRow, LedgerEntry as Movement, OpenTransfer, Warehouse } from '../../shared/domain/inventory';
import { api, ApiError } from '../api/client';

const PAGE = 200;
const LEDGER_PAGE = 50;

interface InventoryState {
  warehouses: Warehouse[];
  search: string;
  warehouseId: number | null;
  rows: StockRow[];
  total: number;
  loading: boolean;
  error: ApiError | null;
  /** The product whose places and ledger are open in the side panel. */
  selected: number | null;
  ledger: Movement[];
  ledgerHasMore: boolean;
  ledgerError: ApiError | null;
  load(): Promise<void>;
  setSearch(search: string): void;
  setWarehouse(warehouseId: number | null): void;
  /** Fetches the next page when the table scrolls near its end. */
  loadMore(): Promise<void>;
  select(productId: number | null): Promise<void>;
  moreLedger(): Promise<void>;
  adjust(input: { productId: number; warehouseId: number; delta: number; reason: AdjustmentReason; note?: string }): Promise<void>;
  transfers: OpenTransfer[];
  loadTransfers(): Promise<void>;
  transfer(input: { productId: number; fromWarehouseId: number; toWarehouseId: number; quantity: number; note?: string }): Promise<void>;
  receiveTransfer(transferId: string): Promise<void>;
}

const asApiError = (err: unknown) => (err instanceof ApiError ? err : new ApiError('internal'));

export const useInventoryStore = create<InventoryState>((set, get) => {
  // A newer query supersedes answers still on their way, so typing fast never shows an older search's rows.
  let generation = 0;

  async function fetchRows(offset: number): Promise<void> {
    const mine = offset === 0 ? ++generation : generation;
    const { search, warehouseId } = get();
    set({ loading: true });
    try {
      const page = await api.inventoryLevels({ ...(search ? { search } : {}), ...(warehouseId ? { warehouseId } : {}), limit: PAGE, offset });
      if (mine !== generation) return;
      set((s) => ({ rows: offset === 0 ? page.rows : [...s.rows, ...page.rows], total: page.total, loading: false, error: null }));
    } catch (err) {
      if (mine === generation) set({ loading: false, error: asApiError(err) });
    }
  }

  async function fetchLedger(productId: number, beforeId?: number): Promise<void> {
    try {
      const page = await api.inventoryMovements({ productId, limit: LEDGER_PAGE, ...(beforeId ? { beforeId } : {}) });
      if (get().selected !== productId) return;
      set((s) => ({ ledger: beforeId ? [...s.ledger, ...page.rows] : page.rows, ledgerHasMore: page.hasMore, ledgerError: null }));
    } catch (err) {
      set({ ledgerError: asApiError(err) });
    }
  }

  /** Re-reads one product's row in place (the scroll position stays) and its ledger if it is open. */
  async function refreshProduct(productId: number): Promise<void> {
    const sku = get().rows.find((r) => r.productId === productId)?.sku;
    if (sku) {
      const page = await api.inventoryLevels({ search: sku, limit: 10, offset: 0 });
      const fresh = page.rows.find((r) => r.productId === productId);
      if (fresh) set((s) => ({ rows: s.rows.map((r) => (r.productId === fresh.productId ? fresh : r)) }));
    }
    if (get().selected === productId) await fetchLedger(productId);
  }

  return {
    warehouses: [],
    search: '',
    warehouseId: null,
    rows: [],
    total: 0,
    loading: false,
    error: null,
    selected: null,
    ledger: [],
    ledgerHasMore: false,
    ledgerError: null,
    async load() {
      try {
        set({ warehouses: await api.warehouses() });
      } catch (err) {
        set({ error: asApiError(err) });
      }
      await Promise.all([fetchRows(0), get().loadTransfers()]);
    },
    setSearch(search) {
      set({ search });
      void fetchRows(0);
    },
    setWarehouse(warehouseId) {
      set({ warehouseId });
      void fetchRows(0);
    },
    async loadMore() {
      const { rows, total, loading } = get();
      if (loading || rows.length >= total) return;
      await fetchRows(rows.length);
    },
    async select(productId) {
      set({ selected: productId, ledger: [], ledgerHasMore: false, ledgerError: null });
      if (productId !== null) await fetchLedger(productId);
    },
    async moreLedger() {
      const { selected, ledger } = get();
      if (selected !== null && ledger.length > 0) await fetchLedger(selected, ledger.at(-1)!.id);
    },
    async adjust(input) {
      // Errors reach the dialog, which stays open with the clerk's entry.
      await api.inventoryAdjust(input);
      await refreshProduct(input.productId);
    },
    transfers: [],
    async loadTransfers() {
      try {
        set({ transfers: await api.inventoryTransfers() });
      } catch (err) {
        set({ error: asApiError(err) });
      }
    },
    async transfer(input) {
      await api.inventoryTransfer(input);
      await Promise.all([refreshProduct(input.productId), get().loadTransfers()]);
    },
    async receiveTransfer(transferId) {
      const productId = get().transfers.find((t) => t.transferId === transferId)?.productId;
      await api.inventoryReceiveTransfer(transferId);
      await Promise.all([productId ? refreshProduct(productId) : Promise.resolve(), get().loadTransfers()]);
    },
  };
});
