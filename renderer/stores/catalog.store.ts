import { create } from 'zustand';
import type { Product, ProductInput, ProductPatch, ProductSummary, Supplier } from '../../shared/domain/catalog';
import { api, ApiError } from '../api/client';

const PAGE = 200;

/** The editor is open on a new product or on one loaded from the core. */
export type EditorTarget = { mode: 'create' } | { mode: 'edit'; product: Product };

interface CatalogState {
  query: string;
  includeArchived: boolean;
  rows: ProductSummary[];
  total: number;
  loading: boolean;
  error: ApiError | null;
  suppliers: Supplier[];
  editor: EditorTarget | null;
  /** Changes each time the editor is opened afresh; a create that turns into an edit keeps the same session. */
  editorSession: number;
  load(): Promise<void>;
  setQuery(query: string): void;
  setIncludeArchived(includeArchived: boolean): void;
  /** Fetches the next page when the table scrolls near its end. */
  loadMore(): Promise<void>;
  /** Re-runs the current search from the top (after an import, a save). */
  refresh(): Promise<void>;
  loadSuppliers(): Promise<void>;
  openNew(): void;
  /** Loads the full product (codes, costs, listings) and opens it in the editor. */
  openEdit(productId: number): Promise<void>;
  closeEditor(): void;
  /**
   * Re-reads the open product after a change made outside the form (a bin assigned, a listing unmapped): its read-only
   * parts update, the user's unsaved entries in the form stay.
   */
  reloadEditor(): Promise<void>;
  /** Errors are thrown to the editor, which keeps the user's entry and marks the field. */
  create(input: ProductInput): Promise<Product>;
  update(id: number, patch: ProductPatch): Promise<Product>;
  setArchived(id: number, archived: boolean): Promise<Product>;
  createSupplier(input: { name: string; currency: string; leadTimeDays: number }): Promise<Supplier>;
}

const asApiError = (err: unknown) => (err instanceof ApiError ? err : new ApiError('internal'));

export const useCatalogStore = create<CatalogState>((set, get) => {
  // A newer query supersedes answers still on their way, so a fast scanner never sees an older search's rows.
  let generation = 0;

  async function fetchRows(offset: number): Promise<void> {
    const mine = offset === 0 ? ++generation : generation;
    const { query, includeArchived } = get();
    set({ loading: true });
    try {
      const page = await api.catalogSearch({ ...(query ? { query } : {}), ...(includeArchived ? { includeArchived } : {}), limit: PAGE, offset });
      if (mine !== generation) return;
      set((s) => ({ rows: offset === 0 ? page.rows : [...s.rows, ...page.rows], total: page.total, loading: false, error: null }));
    } catch (err) {
      if (mine === generation) set({ loading: false, error: asApiError(err) });
    }
  }

  /** A saved product shows its new name, codes and state in the list without losing the scroll position. */
  function replaceRow(p: Product) {
    set((s) => ({
      rows: s.rows.map((r) => (r.id === p.id ? { ...r, sku: p.sku, kind: p.kind, name: p.name, archivedAt: p.archivedAt, codes: p.codes } : r)),
      editor: s.editor ? { mode: 'edit', product: p } : null,
    }));
  }

  return {
    query: '',
    includeArchived: false,
    rows: [],
    total: 0,
    loading: false,
    error: null,
    suppliers: [],
    editor: null,
    editorSession: 0,
    async load() {
      await Promise.all([fetchRows(0), get().loadSuppliers()]);
    },
    setQuery(query) {
      set({ query });
      void fetchRows(0);
    },
    setIncludeArchived(includeArchived) {
      set({ includeArchived });
      void fetchRows(0);
    },
    async loadMore() {
      const { rows, total, loading } = get();
      if (loading || rows.length >= total) return;
      await fetchRows(rows.length);
    },
    async refresh() {
      // An import may have created suppliers as well as products.
      await Promise.all([fetchRows(0), get().loadSuppliers()]);
    },
    async loadSuppliers() {
      try {
        set({ suppliers: await api.suppliers() });
      } catch (err) {
        set({ error: asApiError(err) });
      }
    },
    openNew() {
      set((s) => ({ editor: { mode: 'create' }, editorSession: s.editorSession + 1 }));
      void get().loadSuppliers();
    },
    async openEdit(productId) {
      try {
        const [product] = await Promise.all([api.catalogGet(productId), get().loadSuppliers()]);
        set((s) => ({ editor: { mode: 'edit', product }, editorSession: s.editorSession + 1 }));
      } catch (err) {
        set({ error: asApiError(err) });
      }
    },
    closeEditor() {
      set({ editor: null });
    },
    async reloadEditor() {
      const open = get().editor;
      if (open?.mode !== 'edit') return;
      const product = await api.catalogGet(open.product.id);
      // The user may have closed or switched the editor while the answer was on its way.
      const now = get().editor;
      if (now?.mode === 'edit' && now.product.id === product.id) set({ editor: { mode: 'edit', product } });
    },
    async create(input) {
      const product = await api.catalogCreate(input);
      set({ editor: { mode: 'edit', product } });
      await fetchRows(0);
      return product;
    },
    async update(id, patch) {
      const product = await api.catalogUpdate(id, patch);
      replaceRow(product);
      return product;
    },
    async setArchived(id, archived) {
      const product = await api.catalogArchive(id, archived);
      replaceRow(product);
      return product;
    },
    async createSupplier(input) {
      const supplier = await api.supplierCreate(input);
      set((s) => ({ suppliers: [...s.suppliers, supplier].sort((a, b) => a.name.localeCompare(b.name)) }));
      return supplier;
    },
  };
});
