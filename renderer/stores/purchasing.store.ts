import { create } from 'zustand';
import type { Warehouse } from '../../shared/domain/inventory';
import type { Locale } from '../../shared/domain/locale';
import type { CoverRow, CoverStatus, PurchaseOrder, PurchaseOrderStatus, PurchaseOrderSummary, ReceiveInput } from '../../shared/domain/purchasing';
import { api, ApiError } from '../api/client';

const ORDER_PAGE = 200;

export type PurchasingTab = 'plan' | 'orders';
/** 'needs-order' is what a buyer looks at first: reorder and stockout-risk together. */
export type CoverFilter = 'all' | 'needs-order' | CoverStatus;

interface PurchasingState {
  tab: PurchasingTab;
  warehouses: Warehouse[];
  warehouseId: number | null;
  cover: CoverRow[];
  coverLoading: boolean;
  coverError: ApiError | null;
  coverFilter: CoverFilter;
  /** Products ticked in the replenishment table, for "create purchase orders". */
  picked: number[];
  orders: PurchaseOrderSummary[];
  ordersTotal: number;
  ordersLoading: boolean;
  ordersError: ApiError | null;
  orderFilter: PurchaseOrderStatus | 'all';
  /** The PO open in the detail panel. */
  order: PurchaseOrder | null;
  orderError: ApiError | null;
  load(): Promise<void>;
  setTab(tab: PurchasingTab): void;
  setWarehouse(warehouseId: number): void;
  setCoverFilter(filter: CoverFilter): void;
  togglePick(productId: number): void;
  setPicked(productIds: number[]): void;
  /** One draft per supplier from the ticked rows; returns them in the order created and opens the first. */
  createFromPlan(supplierIds: number[]): Promise<PurchaseOrder[]>;
  setOrderFilter(filter: PurchaseOrderStatus | 'all'): void;
  loadMoreOrders(): Promise<void>;
  openOrder(id: number | null): Promise<void>;
  send(): Promise<void>;
  cancel(): Promise<void>;
  receive(lines: ReceiveInput['lines']): Promise<void>;
  pdf(locale: Locale): Promise<{ fileName: string; base64: string }>;
}

const asApiError = (err: unknown) => (err instanceof ApiError ? err : new ApiError('internal'));

/** The place a buyer most often plans for: the first own (domestic) warehouse, else the first one. */
const defaultWarehouse = (warehouses: Warehouse[]) => (warehouses.find((w) => w.kind === 'domestic') ?? warehouses[0])?.id ?? null;

export const usePurchasingStore = create<PurchasingState>((set, get) => {
  // A newer query supersedes answers still on their way (switching warehouse or filter quickly).
  let coverGeneration = 0;
  let ordersGeneration = 0;

  async function fetchCover(): Promise<void> {
    const mine = ++coverGeneration;
    const { warehouseId } = get();
    if (warehouseId === null) {
      set({ cover: [], coverLoading: false });
      return;
    }
    set({ coverLoading: true });
    try {
      const cover = await api.purchasingCover({ warehouseId });
      if (mine !== coverGeneration) return;
      const present = new Set(cover.map((r) => r.productId));
      set((s) => ({ cover, coverLoading: false, coverError: null, picked: s.picked.filter((id) => present.has(id)) }));
    } catch (err) {
      if (mine === coverGeneration) set({ coverLoading: false, coverError: asApiError(err) });
    }
  }

  async function fetchOrders(offset: number): Promise<void> {
    const mine = offset === 0 ? ++ordersGeneration : ordersGeneration;
    const { orderFilter } = get();
    set({ ordersLoading: true });
    try {
      const page = await api.purchasingList({ ...(orderFilter !== 'all' ? { status: orderFilter } : {}), limit: ORDER_PAGE, offset });
      if (mine !== ordersGeneration) return;
      set((s) => ({ orders: offset === 0 ? page.rows : [...s.orders, ...page.rows], ordersTotal: page.total, ordersLoading: false, ordersError: null }));
    } catch (err) {
      if (mine === ordersGeneration) set({ ordersLoading: false, ordersError: asApiError(err) });
    }
  }

  /** After a change to the open PO: show it, and refresh the list row and the cover (on order changed). */
  async function changed(order: PurchaseOrder): Promise<void> {
    set({ order, orderError: null });
    await Promise.all([fetchOrders(0), fetchCover()]);
  }

  return {
    tab: 'plan',
    warehouses: [],
    warehouseId: null,
    cover: [],
    coverLoading: false,
    coverError: null,
    coverFilter: 'all',
    picked: [],
    orders: [],
    ordersTotal: 0,
    ordersLoading: false,
    ordersError: null,
    orderFilter: 'all',
    order: null,
    orderError: null,
    async load() {
      try {
        const warehouses = (await api.warehouses()).filter((w) => w.archivedAt === null);
        const current = get().warehouseId;
        set({ warehouses, warehouseId: current !== null && warehouses.some((w) => w.id === current) ? current : defaultWarehouse(warehouses) });
      } catch (err) {
        set({ coverError: asApiError(err) });
      }
      await Promise.all([fetchCover(), fetchOrders(0)]);
    },
    setTab(tab) {
      set({ tab });
    },
    setWarehouse(warehouseId) {
      set({ warehouseId, picked: [] });
      void fetchCover();
    },
    setCoverFilter(coverFilter) {
      set({ coverFilter });
    },
    togglePick(productId) {
      set((s) => ({ picked: s.picked.includes(productId) ? s.picked.filter((id) => id !== productId) : [...s.picked, productId] }));
    },
    setPicked(picked) {
      set({ picked });
    },
    async createFromPlan(supplierIds) {
      const { warehouseId, picked } = get();
      if (warehouseId === null) return [];
      const created: PurchaseOrder[] = [];
      try {
        // One at a time, so a refusal for one supplier leaves the drafts already made standing and visible.
        for (const supplierId of supplierIds) created.push(await api.purchasingCreateFromPlan({ warehouseId, supplierId, productIds: picked }));
      } finally {
        const first = created[0];
        if (first) {
          set({ picked: [], tab: 'orders', orderFilter: 'all' });
          await changed(first);
        }
      }
      return created;
    },
    setOrderFilter(orderFilter) {
      set({ orderFilter });
      void fetchOrders(0);
    },
    async loadMoreOrders() {
      const { orders, ordersTotal, ordersLoading } = get();
      if (ordersLoading || orders.length >= ordersTotal) return;
      await fetchOrders(orders.length);
    },
    async openOrder(id) {
      if (id === null) {
        set({ order: null, orderError: null });
        return;
      }
      try {
        set({ order: await api.purchasingGet(id), orderError: null });
      } catch (err) {
        set({ orderError: asApiError(err) });
      }
    },
    // Errors of the actions below reach the caller (panel or dialog), which shows them in place.
    async send() {
      const { order } = get();
      if (order) await changed(await api.purchasingSend(order.id));
    },
    async cancel() {
      const { order } = get();
      if (order) await changed(await api.purchasingCancel(order.id));
    },
    async receive(lines) {
      const { order } = get();
      if (order) await changed(await api.purchasingReceive({ id: order.id, lines }));
    },
    async pdf(locale) {
      const { order } = get();
      if (!order) throw new ApiError('not-found');
      return api.purchasingPdf({ id: order.id, locale });
    },
  };
});
