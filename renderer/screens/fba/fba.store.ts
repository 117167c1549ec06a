import { create } from 'zustand';
import type { PlanDetail, PlanSummary } from '../../../shared/domain/fba-inbound';
import { api, ApiError } from '../../api/client';

export type FbaView = { kind: 'list' } | { kind: 'new' } | { kind: 'plan'; planId: number };

interface FbaState {
  view: FbaView;
  plans: PlanSummary[];
  includeDone: boolean;
  listError: ApiError | null;
  plan: PlanDetail | null;
  busy: boolean;
  /** The last refused action on the open plan, shown above its panels. */
  error: ApiError | null;
  load(): Promise<void>;
  setIncludeDone(on: boolean): Promise<void>;
  newPlan(): void;
  openPlan(planId: number): Promise<void>;
  backToList(): Promise<void>;
  /** Re-reads the open plan (polling while Amazon works). */
  reload(): Promise<void>;
  /** A user's action on the open plan; answers whether it went through. */
  act(action: () => Promise<PlanDetail>): Promise<boolean>;
  setPlan(plan: PlanDetail): void;
  clearError(): void;
}

const asApiError = (err: unknown) => (err instanceof ApiError ? err : new ApiError('internal'));

export const useFbaStore = create<FbaState>((set, get) => ({
  view: { kind: 'list' },
  plans: [],
  includeDone: false,
  listError: null,
  plan: null,
  busy: false,
  error: null,

  async load() {
    try {
      set({ plans: await api.fbaPlans({ includeDone: get().includeDone }), listError: null });
    } catch (err) {
      set({ listError: asApiError(err) });
    }
  },
  async setIncludeDone(on) {
    set({ includeDone: on });
    await get().load();
  },
  newPlan: () => set({ view: { kind: 'new' }, plan: null, error: null }),
  async openPlan(planId) {
    set({ view: { kind: 'plan', planId }, plan: null, error: null });
    await get().reload();
  },
  async backToList() {
    set({ view: { kind: 'list' }, plan: null, error: null });
    await get().load();
  },
  async reload() {
    const { view } = get();
    if (view.kind !== 'plan') return;
    try {
      const plan = await api.fbaPlan(view.planId);
      // The user may have left the plan while the answer was on its way.
      const now = get().view;
      if (now.kind === 'plan' && now.planId === plan.id) set({ plan });
    } catch (err) {
      set({ error: asApiError(err) });
    }
  },
  async act(action) {
    if (get().busy) return false;
    set({ busy: true, error: null });
    try {
      get().setPlan(await action());
      return true;
    } catch (err) {
      set({ error: asApiError(err) });
      return false;
    } finally {
      set({ busy: false });
    }
  },
  setPlan: (plan) => set({ plan, view: { kind: 'plan', planId: plan.id } }),
  clearError: () => set({ error: null }),
}));
