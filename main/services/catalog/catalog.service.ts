import { cleanScan, gtinForms } from '../../../shared/barcodes';
import {
  codeKey,
  listingRefSchema,
  mapListingSchema,
  newSupplierSchema,
  normaliseCode,
  normaliseHsCode,
  productInputSchema,
  productPatchSchema,
  productSearchSchema,
  supplierPatchSchema,
  type ListingRef,
  type MapListing,
  type NewSupplier,
  type Product,
  type ProductCode,
  type ProductInput,
  type ProductKind,
  type ProductPatch,
  type ProductSearch,
  type ProductSummary,
  type ScanResult,
  type Supplier,
  type SupplierPatch,
  type UnmappedListing,
} from '../../../shared/domain/catalog';
import { parseInput } from '../validate';
import { AppError } from '../../../shared/ipc/errors';
import type { Clock } from '../../clock';
import type { Db, Queryable } from '../../db/connection';
import * as products from '../../db/repositories/products.repo';
import * as suppliers from '../../db/repositories/suppliers.repo';
import type { AuditFn } from '../audit.service';

export interface CatalogDeps {
  db: Db;
  clock: Clock;
  audit: AuditFn;
}

/** Every spelling under which a code may already be stored: a GTIN in all its lengths, an identifier as typed and upper-cased. */
export function codeSpellings(code: string): string[] {
  return [...new Set([code, code.toUpperCase(), ...gtinForms(code)])];
}

/**
 * The product master (本地SKU): codes that resolve scans, bundles, dated costs, suppliers and the Amazon offers that
 * sell each product. Every change is validated before anything is written and commits with its audit row.
 */
export function createCatalogService(deps: CatalogDeps) {
  const { db, audit } = deps;
  const now = () => deps.clock.now().toISOString();

  /** Codes as stored, or the reason the first bad one is refused; a code already on another product is a conflict. */
  async function checkCodes(trx: Queryable, productId: number | null, input: readonly { kind: ProductCode['kind']; code: string; units?: number | undefined }[]): Promise<ProductCode[]> {
    const byKey = new Map<string, ProductCode>();
    for (const raw of input) {
      const n = normaliseCode(raw);
      if (!n.ok) throw new AppError('invalid-input', { field: 'codes', reason: n.reason, code: raw.code.trim().slice(0, 60) });
      const key = codeKey(n.value.code);
      const seen = byKey.get(key);
      if (seen && (seen.kind !== n.value.kind || seen.units !== n.value.units)) throw new AppError('invalid-input', { field: 'codes', reason: 'duplicate-code', code: n.value.code });
      if (!seen) byKey.set(key, n.value);
    }
    const codes = [...byKey.values()];
    const owners = await products.codeOwners(trx, codes.flatMap((c) => codeSpellings(c.code)));
    for (const c of codes) {
      const other = owners.find((o) => o.product_id !== productId && codeKey(o.code) === codeKey(c.code));
      if (other) throw new AppError('conflict', { field: 'codes', reason: 'code-taken', code: c.code, sku: other.sku });
    }
    return codes;
  }

  async function checkComponents(trx: Queryable, ownSku: string, kind: ProductKind, input: readonly { sku: string; quantity: number }[]): Promise<{ componentId: number; quantity: number }[]> {
    if (kind === 'unit') {
      if (input.length > 0) throw new AppError('invalid-input', { field: 'components', reason: 'components-on-unit' });
      return [];
    }
    if (input.length === 0) throw new AppError('invalid-input', { field: 'components', reason: 'bundle-needs-components' });
    const found = new Map((await products.productsBySku(trx, input.map((c) => c.sku))).map((p) => [p.sku, p]));
    const seen = new Set<string>();
    return input.map((c) => {
      if (c.sku === ownSku) throw new AppError('invalid-input', { field: 'components', reason: 'self-reference', sku: c.sku });
      if (seen.has(c.sku)) throw new AppError('invalid-input', { field: 'components', reason: 'duplicate-component', sku: c.sku });
      seen.add(c.sku);
      const p = found.get(c.sku);
      if (!p) throw new AppError('invalid-input', { field: 'components', reason: 'unknown-component', sku: c.sku });
      if (p.kind !== 'unit') throw new AppError('invalid-input', { field: 'components', reason: 'nested-bundle', sku: c.sku });
      return { componentId: p.id, quantity: c.quantity };
    });
  }

  async function checkSku(trx: Queryable, productId: number | null, sku: string): Promise<void> {
    const existing = await products.getProductRowBySku(trx, sku);
    if (existing && existing.id !== productId) throw new AppError('conflict', { field: 'sku', reason: 'sku-taken', sku });
  }

  async function checkSupplier(trx: Queryable, supplierId: number | null | undefined): Promise<void> {
    if (supplierId == null) return;
    if (!(await suppliers.getSupplier(trx, supplierId))) throw new AppError('invalid-input', { field: 'supplierId', reason: 'unknown-supplier', id: supplierId });
  }

  function hsCode(raw: string | null | undefined): string | null {
    if (raw == null || raw === '') return null;
    const digits = normaliseHsCode(raw);
    if (!digits) throw new AppError('invalid-input', { field: 'hsCode', reason: 'hs-code-format' });
    return digits;
  }

  /** Creates a product inside the caller's transaction (the import commits many in one). */
  async function createIn(trx: Queryable, raw: ProductInput): Promise<number> {
    const input = parseInput(productInputSchema, raw);
    await checkSku(trx, null, input.sku);
    const hs = hsCode(input.hsCode);
    await checkSupplier(trx, input.supplierId);
    const codes = await checkCodes(trx, null, input.codes);
    const components = await checkComponents(trx, input.sku, input.kind, input.components);
    const at = now();
    const id = await products.insertProduct(
      trx,
      {
        sku: input.sku,
        kind: input.kind,
        name: input.name,
        length_mm: input.lengthMm,
        width_mm: input.widthMm,
        height_mm: input.heightMm,
        weight_g: input.weightG,
        hs_code: hs,
        supplier_id: input.supplierId,
        safety_days: input.safetyDays,
        allow_backorder: input.allowBackorder,
      },
      at,
    );
    await products.replaceTitles(trx, id, input.titles);
    await products.replaceCodes(trx, id, codes);
    await products.replaceComponents(trx, id, components);
    if (input.cost) await products.upsertCost(trx, id, input.cost);
    await audit(trx, { action: 'product.create', entity: 'product', entityId: String(id), detail: { sku: input.sku, kind: input.kind, codes: codes.length } });
    return id;
  }

  async function updateIn(trx: Queryable, id: number, raw: ProductPatch): Promise<void> {
    const patch = parseInput(productPatchSchema, raw);
    const current = await products.getProductRow(trx, id);
    if (!current) throw new AppError('not-found', { entity: 'product', id });
    const sku = patch.sku ?? current.sku;
    const kind = patch.kind ?? current.kind;
    if (patch.sku !== undefined) await checkSku(trx, id, patch.sku);
    if (kind === 'bundle' && current.kind === 'unit') {
      // A product that other bundles consume, or that has stock, cannot stop being a unit: both would lose their meaning.
      const users = await products.bundlesUsing(trx, id);
      if (users[0] !== undefined) throw new AppError('conflict', { field: 'kind', reason: 'used-as-component', sku: users[0] });
      if (await products.hasStock(trx, id)) throw new AppError('conflict', { field: 'kind', reason: 'has-stock', sku: current.sku });
    }
    const hs = patch.hsCode !== undefined ? hsCode(patch.hsCode) : undefined;
    await checkSupplier(trx, patch.supplierId);
    const codes = patch.codes !== undefined ? await checkCodes(trx, id, patch.codes) : undefined;
    let components: { componentId: number; quantity: number }[] | undefined;
    if (patch.components !== undefined || patch.kind !== undefined || patch.sku !== undefined) {
      const wanted = patch.components ?? (kind === 'unit' ? [] : (await products.componentsOf(trx, [id])).map((c) => ({ sku: c.sku, quantity: c.quantity })));
      components = await checkComponents(trx, sku, kind, wanted);
    }

    const fields = {
      ...(patch.sku !== undefined ? { sku: patch.sku } : {}),
      ...(patch.kind !== undefined ? { kind: patch.kind } : {}),
      ...(patch.name !== undefined ? { name: patch.name } : {}),
      ...(patch.lengthMm !== undefined ? { length_mm: patch.lengthMm } : {}),
      ...(patch.widthMm !== undefined ? { width_mm: patch.widthMm } : {}),
      ...(patch.heightMm !== undefined ? { height_mm: patch.heightMm } : {}),
      ...(patch.weightG !== undefined ? { weight_g: patch.weightG } : {}),
      ...(hs !== undefined ? { hs_code: hs } : {}),
      ...(patch.supplierId !== undefined ? { supplier_id: patch.supplierId } : {}),
      ...(patch.safetyDays !== undefined ? { safety_days: patch.safetyDays } : {}),
      ...(patch.allowBackorder !== undefined ? { allow_backorder: patch.allowBackorder } : {}),
    };
    await products.updateProduct(trx, id, fields, now());
    if (patch.titles !== undefined) await products.replaceTitles(trx, id, patch.titles);
    if (codes !== undefined) await products.replaceCodes(trx, id, codes);
    if (components !== undefined) await products.replaceComponents(trx, id, components);
    if (patch.cost !== undefined) await products.upsertCost(trx, id, patch.cost);
    await audit(trx, { action: 'product.update', entity: 'product', entityId: String(id), detail: { sku, fields: Object.keys(patch).sort() } });
  }

  async function requireProduct(id: number): Promise<Product> {
    const [p] = await loadProducts(db, [id]);
    if (!p) throw new AppError('not-found', { entity: 'product', id });
    return p;
  }

  async function setArchived(id: number, archived: boolean): Promise<Product> {
    await db.transaction(async (trx) => {
      const current = await products.getProductRow(trx, id);
      if (!current) throw new AppError('not-found', { entity: 'product', id });
      if ((current.archived_at !== null) === archived) return;
      await products.updateProduct(trx, id, { archived_at: archived ? now() : null }, now());
      await audit(trx, { action: archived ? 'product.archive' : 'product.restore', entity: 'product', entityId: String(id), detail: { sku: current.sku } });
    });
    return requireProduct(id);
  }

  async function exactMatches(q: string): Promise<Map<number, ProductSummary['matchedBy']>> {
    const found = new Map<number, ProductSummary['matchedBy']>();
    const owners = await products.codeOwners(db, codeSpellings(q));
    // The spelling typed wins over a case-folded one when two aliases differ only in case.
    owners.sort((a, b) => Number(b.code === q) - Number(a.code === q));
    const bySku = await products.getProductRowBySku(db, q);
    if (bySku) found.set(bySku.id, 'sku');
    for (const o of owners) if (!found.has(o.product_id)) found.set(o.product_id, o.kind);
    for (const pid of await products.productIdsBySellerSku(db, q)) if (!found.has(pid)) found.set(pid, 'seller-sku');
    return found;
  }

  async function search(raw: ProductSearch): Promise<{ rows: ProductSummary[]; total: number }> {
    const input = parseInput(productSearchSchema, raw);
    const includeArchived = input.includeArchived ?? false;
    const q = cleanScan(input.query ?? '');
    let ids: number[];
    let total: number;
    let matched = new Map<number, ProductSummary['matchedBy']>();
    if (q === '') {
      ({ ids, total } = await products.pageOfProductIds(db, { includeArchived, limit: input.limit, offset: input.offset }));
    } else {
      matched = await exactMatches(q);
      let exact = [...matched.keys()];
      if (!includeArchived && exact.length) {
        const live = new Set((await products.productRowsByIds(db, exact)).filter((r) => r.archived_at === null).map((r) => r.id));
        exact = exact.filter((pid) => live.has(pid));
      }
      const exactSet = new Set(exact);
      const text = (await products.productIdsContaining(db, q, includeArchived)).filter((pid) => !exactSet.has(pid));
      const all = [...exact, ...text];
      total = all.length;
      ids = all.slice(input.offset, input.offset + input.limit);
    }
    const rows = new Map((await products.productRowsByIds(db, ids)).map((r) => [r.id, r]));
    const codes = await products.codesOf(db, ids);
    return {
      total,
      rows: ids.flatMap((pid) => {
        const r = rows.get(pid);
        if (!r) return [];
        return [
          {
            id: r.id,
            sku: r.sku,
            kind: r.kind,
            name: r.name,
            archivedAt: r.archived_at,
            codes: codes.filter((c) => c.product_id === pid).map(({ kind, code, units }) => ({ kind, code, units })),
            matchedBy: q === '' ? null : (matched.get(pid) ?? 'text'),
          },
        ];
      }),
    };
  }

  /**
   * What the packing station calls for every scan: product codes first (one scan of a case barcode counts its units),
   * then the master SKU printed on the ERP's own labels, then an Amazon seller SKU that names a single product.
   */
  async function resolveScan(raw: string): Promise<ScanResult> {
    const code = cleanScan(raw);
    if (code === '') throw new AppError('not-found', { entity: 'code', code });
    const owners = await products.codeOwners(db, codeSpellings(code));
    const owner = owners.find((o) => o.code === code) ?? owners.find((o) => o.kind !== 'alias') ?? owners[0];
    if (owner) return { productId: owner.product_id, sku: owner.sku, units: owner.units };
    const bySku = await products.getProductRowBySku(db, code);
    if (bySku) return { productId: bySku.id, sku: bySku.sku, units: 1 };
    const listed = await products.productIdsBySellerSku(db, code);
    if (listed.length === 1 && listed[0] !== undefined) {
      const p = await products.getProductRow(db, listed[0]);
      if (p) return { productId: p.id, sku: p.sku, units: 1 };
    }
    throw new AppError('not-found', { entity: 'code', code: code.slice(0, 100) });
  }

  async function createSupplierIn(trx: Queryable, raw: NewSupplier): Promise<number> {
    const input = parseInput(newSupplierSchema, raw);
    if (await suppliers.findSupplierByName(trx, input.name)) throw new AppError('conflict', { field: 'name', reason: 'name-taken' });
    const id = await suppliers.insertSupplier(trx, input, now());
    // The contact may name a person: it stays out of the audit trail.
    await audit(trx, { action: 'supplier.create', entity: 'supplier', entityId: String(id), detail: { name: input.name, currency: input.currency, leadTimeDays: input.leadTimeDays } });
    return id;
  }

  async function requireSupplier(id: number): Promise<Supplier> {
    const s = await suppliers.getSupplier(db, id);
    if (!s) throw new AppError('not-found', { entity: 'supplier', id });
    return s;
  }

  return {
    createIn,
    updateIn,
    createSupplierIn,

    async create(input: ProductInput): Promise<Product> {
      const id = await db.transaction((trx) => createIn(trx, input));
      return requireProduct(id);
    },

    async update(id: number, patch: ProductPatch): Promise<Product> {
      await db.transaction((trx) => updateIn(trx, id, patch));
      return requireProduct(id);
    },

    /** Hides the product from lists and searches; its codes keep resolving scans, since stock may still be on the shelf. */
    archive: (id: number) => setArchived(id, true),
    restore: (id: number) => setArchived(id, false),
    get: requireProduct,
    search,
    resolveScan,

    async createSupplier(input: NewSupplier): Promise<Supplier> {
      const id = await db.transaction((trx) => createSupplierIn(trx, input));
      return requireSupplier(id);
    },

    listSuppliers: (): Promise<Supplier[]> => suppliers.listSuppliers(db),

    async updateSupplier(id: number, raw: SupplierPatch): Promise<Supplier> {
      const patch = parseInput(supplierPatchSchema, raw);
      await db.transaction(async (trx) => {
        const current = await suppliers.getSupplier(trx, id);
        if (!current) throw new AppError('not-found', { entity: 'supplier', id });
        if (patch.name !== undefined && patch.name !== current.name && (await suppliers.findSupplierByName(trx, patch.name))) throw new AppError('conflict', { field: 'name', reason: 'name-taken' });
        await suppliers.updateSupplier(trx, id, patch, now());
        await audit(trx, { action: 'supplier.update', entity: 'supplier', entityId: String(id), detail: { fields: Object.keys(patch).sort() } });
      });
      return requireSupplier(id);
    },

    /** Says which product an Amazon offer sells; a seller SKU already mapped is moved to the new product. */
    async mapListing(raw: MapListing): Promise<{ previousProductId: number | null }> {
      const input = parseInput(mapListingSchema, raw);
      return db.transaction(async (trx) => {
        if (!(await trx('stores').where({ id: input.storeId }).first('id'))) throw new AppError('not-found', { entity: 'store', id: input.storeId });
        if (!(await products.getProductRow(trx, input.productId))) throw new AppError('not-found', { entity: 'product', id: input.productId });
        const previous = await products.listingMapping(trx, input);
        if (previous?.product_id === input.productId) return { previousProductId: previous.product_id };
        await products.mapListing(trx, input, input.productId);
        await audit(trx, {
          action: 'listing.map',
          entity: 'listing',
          entityId: `${input.storeId}/${input.marketplaceId}/${input.sellerSku}`,
          detail: { productId: input.productId, previousProductId: previous?.product_id ?? null },
        });
        return { previousProductId: previous?.product_id ?? null };
      });
    },

    async unmapListing(raw: ListingRef): Promise<void> {
      const ref = parseInput(listingRefSchema, raw);
      await db.transaction(async (trx) => {
        const previous = await products.listingMapping(trx, ref);
        if (!previous) throw new AppError('not-found', { entity: 'listing-mapping', sellerSku: ref.sellerSku });
        await products.unmapListing(trx, ref);
        await audit(trx, { action: 'listing.unmap', entity: 'listing', entityId: `${ref.storeId}/${ref.marketplaceId}/${ref.sellerSku}`, detail: { productId: previous.product_id } });
      });
    },

    /** Amazon offers (from the listings sync) that no product claims yet: the catalog screen's to-do list. */
    async unmappedListings(filter: { storeId?: number } = {}): Promise<UnmappedListing[]> {
      const rows = await products.unmappedListings(db, filter.storeId);
      return rows.map((r) => ({ storeId: r.store_id, marketplaceId: r.marketplace_id, sellerSku: r.seller_sku, asin: r.asin, itemName: r.item_name, fulfillmentChannel: r.fulfillment_channel }));
    },
  };
}

export type CatalogService = ReturnType<typeof createCatalogService>;

/** Full products (titles, codes, components, costs, supplier, bins, listings) in the order of `ids`. */
export async function loadProducts(db: Queryable, ids: readonly number[]): Promise<Product[]> {
  const rows = await products.productRowsByIds(db, ids);
  if (rows.length === 0) return [];
  const [titles, codes, components, costs, supplierList] = await Promise.all([
    products.titlesOf(db, ids),
    products.codesOf(db, ids),
    products.componentsOf(db, rows.filter((r) => r.kind === 'bundle').map((r) => r.id)),
    products.costsOf(db, ids),
    suppliers.listSuppliers(db),
  ]);
  const supplierById = new Map(supplierList.map((s) => [s.id, s]));
  const group = <T extends Record<K, number>, K extends string>(items: T[], key: K) => {
    const m = new Map<number, T[]>();
    for (const item of items) m.set(item[key], [...(m.get(item[key]) ?? []), item]);
    return m;
  };
  const titlesBy = group(titles, 'product_id');
  const codesBy = group(codes, 'product_id');
  const componentsBy = group(components, 'bundle_id');
  const costsBy = group(costs, 'product_id');
  const single = ids.length === 1;
  const byId = new Map(rows.map((r) => [r.id, r]));
  const out: Product[] = [];
  for (const pid of ids) {
    const r = byId.get(pid);
    if (!r) continue;
    const supplier = r.supplier_id !== null ? supplierById.get(r.supplier_id) : undefined;
    const history = (costsBy.get(pid) ?? []).map((c) => ({ amountMinor: Number(c.cost_minor), currency: c.currency, effectiveDate: c.effective_date }));
    // Bins and listings are per-product detail; bulk loads (the export) do not need them.
    const [bins, listings] = single ? await Promise.all([products.binsOf(db, pid), products.listingsOf(db, pid)]) : [[], []];
    out.push({
      id: r.id,
      sku: r.sku,
      kind: r.kind,
      name: r.name,
      titles: Object.fromEntries((titlesBy.get(pid) ?? []).map((t) => [t.locale, t.title])),
      lengthMm: r.length_mm,
      widthMm: r.width_mm,
      heightMm: r.height_mm,
      weightG: r.weight_g,
      hsCode: r.hs_code,
      supplier: supplier ? { id: supplier.id, name: supplier.name, currency: supplier.currency } : null,
      safetyDays: r.safety_days,
      allowBackorder: Boolean(r.allow_backorder),
      archivedAt: r.archived_at,
      createdAt: r.created_at,
      updatedAt: r.updated_at,
      codes: (codesBy.get(pid) ?? []).map(({ kind, code, units }) => ({ kind, code, units })),
      components: (componentsBy.get(pid) ?? []).map((c) => ({ productId: c.component_id, sku: c.sku, name: c.name, quantity: c.quantity })),
      cost: history[0] ?? null,
      costHistory: history,
      bins: bins.map((b) => ({ binId: b.bin_id, binCode: b.bin_code, warehouseId: b.warehouse_id, warehouseCode: b.warehouse_code })),
      listings: listings.map((l) => ({ storeId: l.store_id, marketplaceId: l.marketplace_id, sellerSku: l.seller_sku })),
    });
  }
  return out;
}
