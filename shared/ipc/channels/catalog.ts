import { z } from 'zod';
import { channel } from '../channel';
import {
  catalogExportSchema,
  importModeSchema,
  importPreviewSchema,
  importResultSchema,
  listingRefSchema,
  mapListingSchema,
  newSupplierSchema,
  productInputSchema,
  productPatchSchema,
  productSchema,
  productSearchSchema,
  productSummarySchema,
  supplierPatchSchema,
  supplierSchema,
  unmappedListingSchema,
} from '../../domain/catalog';

const id = z.number().int().positive();

/** 20 MB of base64 (about 15 MB of file): far above any real catalog, low enough to keep one request in memory. */
export const MAX_IMPORT_BASE64 = 20 * 1024 * 1024;

/**
 * A file the user picked, as base64: the e2e bridge speaks JSON, and Electron's structured clone would copy the bytes
 * anyway. Main decodes it; the name is only shown back and never used as a path.
 */
export const importFileSchema = z
  .object({
    name: z.string().trim().min(1).max(255),
    base64: z
      .string()
      .max(MAX_IMPORT_BASE64)
      .regex(/^[A-Za-z0-9+/]*={0,2}$/),
  })
  .strict();

/** What "一键生成本地商品" did: offers mapped, products created, FBM offers now pushed from `fbmWarehouseId`. */
export const amazonImportResultSchema = z.object({
  mapped: z.number().int(),
  created: z.number().int(),
  createdProductIds: z.array(id),
  fbm: z.number().int(),
  fbmProductIds: z.array(id),
  skipped: z.number().int(),
  fbmWarehouseId: id.nullable(),
});

export const catalogChannels = {
  /** Any code finds its product: SKU, seller SKU, GTIN/UPC/EAN, FNSKU, ASIN, case code, alias; then name text. */
  'catalog:search': channel({
    input: productSearchSchema,
    output: z.object({ rows: z.array(productSummarySchema), total: z.number().int() }),
  }),
  'catalog:get': channel({ input: z.object({ id }).strict(), output: productSchema }),
  'catalog:create': channel({ input: productInputSchema, output: productSchema }),
  'catalog:update': channel({ input: z.object({ id, patch: productPatchSchema }).strict(), output: productSchema }),
  /** Archives (or, with `archived: false`, restores) a product; its codes keep resolving scans either way. */
  'catalog:archive': channel({ input: z.object({ id, archived: z.boolean() }).strict(), output: productSchema }),
  /** Reads and checks a CSV/XLSX file without writing anything. */
  'catalog:import-preview': channel({ input: importFileSchema, output: importPreviewSchema }),
  /** Applies the file in one transaction: every row, or (mode `valid-rows-only`) the rows without errors. */
  'catalog:import-commit': channel({ input: importFileSchema.extend({ mode: importModeSchema }).strict(), output: importResultSchema }),
  'catalog:export': channel({ input: catalogExportSchema, output: z.object({ fileName: z.string(), base64: z.string() }) }),
  /** Amazon offers of one store (or all) that no product sells yet: the to-do list of the mapping dialog (配对). */
  'catalog:unmapped-listings': channel({ input: z.object({ storeId: id.optional() }).strict(), output: z.array(unmappedListingSchema) }),
  /** Points one offer at a product (re-pointing it if another product had it). */
  'catalog:map-listing': channel({ input: mapListingSchema, output: z.object({ previousProductId: id.nullable() }) }),
  'catalog:unmap-listing': channel({ input: listingRefSchema, output: z.object({}) }),
  /**
   * Maps every unmapped offer of a store, creating a unit product for each seller SKU the catalog does not know; FBM
   * offers are pushed from `defaultFbmWarehouseId` (default: the first domestic warehouse, 深圳仓 created if none).
   */
  'catalog:import-from-amazon': channel({
    input: z.object({ storeId: id, defaultFbmWarehouseId: id.optional() }).strict(),
    output: amazonImportResultSchema,
  }),
  'suppliers:create': channel({ input: newSupplierSchema, output: supplierSchema }),
  'suppliers:update': channel({ input: z.object({ id, patch: supplierPatchSchema }).strict(), output: supplierSchema }),
};
