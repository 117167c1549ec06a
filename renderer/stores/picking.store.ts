import { create } from 'zustand';
import type { Locale } from '../../shared/domain/locale';
import type { PickList, Wave } from '../../shared/ipc/channels/picking';
import { DEFAULT_WAVE_ORDERS } from '../../shared/ipc/channels/picking';
import { api, ApiError } from '../api/client';
import { saveBase64File } from '../screens/purchasing/format';

interface WarehouseOption {
  id: number;
  code: string;
  name: string;
}

interface PickingState {
  warehouses: WarehouseOption[];
  warehouseId: number | null;
  candidates: number;
  waves: Wave[];
  selectedWaveId: number | null;
  pickList: PickList | null;
  maxOrders: number;
  busy: boolean;
  error: ApiError | null;
  /** The wave just created, confirmed to the clerk until the next action. */
  created: Wave | null;
  load(): Promise<void>;
  setWarehouse(id: number): Promise<void>;
  setMaxOrders(n: number): void;
  createWave(): Promise<void>;
  selectWave(id: number | null): Promise<void>;
  downloadPdf(locale: Locale): Promise<void>;
  closeWave(): Promise<void>;
}

const asApiError = (err: unknown) => (err instanceof ApiError ? err : new ApiError('internal'));

export const usePickingStore = create<PickingState>((set, get) => {
  /** Candidates and waves of the chosen warehouse, read together so the count and the list agree. */
  async function refresh(): Promise<void> {
    const { warehouseId } = get();
    if (warehouseId === null) return set({ candidates: 0, waves: [] });
    const [candidates, waves] = await Promise.all([api.pickingCandidates(warehouseId), api.pickingListWaves(warehouseId)]);
    // A reply for a warehouse the clerk has since left is stale.
    if (get().warehouseId === warehouseId) set({ candidates: candidates.length, waves });
  }

  async function run(action: () => Promise<void>): Promise<void> {
    set({ busy: true, error: null });
    try {
      await action();
    } catch (err) {
      set({ error: asApiError(err) });
    } finally {
      set({ busy: false });
    }
  }

  return {
    warehouses: [],
    warehouseId: null,
    candidates: 0,
    waves: [],
    selectedWaveId: null,
    pickList: null,
    maxOrders: DEFAULT_WAVE_ORDERS,
    busy: false,
    error: null,
    created: null,
    load: () =>
      run(async () => {
        // FBA warehouses ship for Amazon: nothing there is ever picked by the seller.
        const warehouses = (await api.warehouses()).filter((w) => w.kind !== 'fba');
        const current = get().warehouseId;
        const warehouseId = warehouses.some((w) => w.id === current) ? current : (warehouses[0]?.id ?? null);
        set({ warehouses: warehouses.map((w) => ({ id: w.id, code: w.code, name: w.name })), warehouseId });
        await refresh();
        const selected = get().selectedWaveId;
        if (selected !== null) set({ pickList: await api.pickingPickList(selected) });
      }),
    setWarehouse: async (id) => {
      set({ warehouseId: id, selectedWaveId: null, pickList: null, created: null });
      await run(refresh);
    },
    setMaxOrders: (n) => set({ maxOrders: n }),
    createWave: () =>
      run(async () => {
        const { warehouseId, maxOrders } = get();
        if (warehouseId === null) return;
        const wave = await api.pickingCreateWave({ warehouseId, maxOrders });
        set({ created: wave, selectedWaveId: wave.id, pickList: await api.pickingPickList(wave.id) });
        await refresh();
      }),
    selectWave: async (id) => {
      set({ selectedWaveId: id, pickList: null, created: null });
      if (id === null) return;
      await run(async () => {
        const list = await api.pickingPickList(id);
        if (get().selectedWaveId === id) set({ pickList: list });
      });
    },
    downloadPdf: (locale) =>
      run(async () => {
        const { selectedWaveId } = get();
        if (selectedWaveId === null) return;
        const file = await api.pickingPdf({ waveId: selectedWaveId, locale });
        saveBase64File(file.fileName, file.base64, 'application/pdf');
      }),
    closeWave: () =>
      run(async () => {
        const { selectedWaveId } = get();
        if (selectedWaveId === null) return;
        await api.pickingCloseWave(selectedWaveId);
        set({ pickList: await api.pickingPickList(selectedWaveId), created: null });
        await refresh();
      }),
  };
});
