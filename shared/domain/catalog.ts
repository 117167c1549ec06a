import { z } from 'zod';
import { hasGtinShape, isAsin, isFnsku, isValidGtin, toGtin14 } from '../barcodes';

/** 件 (a unit held in stock) or 套 (a bundle: holds no stock, consumes its components' units when sold). */
export const productKinds = ['unit', 'bundle'] as const;
export const productKindSchema = z.enum(productKinds);
export type ProductKind = z.infer<typeof productKindSchema>;

/** What a code is; every kind resolves a scan to one product, a case barcode to several units of it. */
export const codeKinds = ['gtin', 'fnsku', 'asin', 'case', 'alias'] as const;
export const codeKindSchema = z.enum(codeKinds);
export type CodeKind = z.infer<typeof codeKindSchema>;

export const MAX_CASE_UNITS = 100_000;
const id = z.number().int().positive();
const isoDate = z.iso.date();
const isoDateTime = z.iso.datetime({ offset: true });
const dimension = z.number().int().min(0).max(100_000_000);

export function isCurrencyCode(code: string): boolean {
  return /^[A-Z]{3}$/.test(code) && Intl.supportedValuesOf('currency').includes(code);
}
export const currencySchema = z
  .string()
  .trim()
  .toUpperCase()
  .refine(isCurrencyCode, { message: 'currency' });

export const skuSchema = z
  .string()
  .trim()
  .min(1)
  .max(100)
  // eslint-disable-next-line no-control-regex
  .regex(/^[^\u0000-\u001f\u007f]+$/);

/** Title languages: `zh-CN`, `en`, `ja`, `de`… (BCP 47 language, optional region). */
export const titleLocaleSchema = z.string().regex(/^[a-z]{2,3}(-[A-Z]{2})?$/);

export const costInputSchema = z
  .object({
    amountMinor: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
    currency: currencySchema,
    /** The cost applies to sales from this day on (YYYY-MM-DD). */
    effectiveDate: isoDate,
  })
  .strict();
export type CostInput = z.input<typeof costInputSchema>;

export const codeInputSchema = z
  .object({
    kind: codeKindSchema,
    code: z.string().trim().min(1).max(60),
    /** Units one scan counts: above 1 only for a case barcode (箱规). */
    units: z.number().int().min(1).max(MAX_CASE_UNITS).optional(),
  })
  .strict();
export type CodeInput = z.input<typeof codeInputSchema>;

export const componentInputSchema = z.object({ sku: skuSchema, quantity: z.number().int().min(1).max(10_000) }).strict();
export type ComponentInput = z.input<typeof componentInputSchema>;

const productFields = {
  sku: skuSchema,
  kind: productKindSchema,
  name: z.string().trim().min(1).max(500),
  /** Replaces every title: locale → text. */
  titles: z.record(titleLocaleSchema, z.string().trim().min(1).max(1000)),
  lengthMm: dimension.nullable(),
  widthMm: dimension.nullable(),
  heightMm: dimension.nullable(),
  weightG: dimension.nullable(),
  /** 6–10 digits; dots and spaces as customs forms print them are accepted and dropped. */
  hsCode: z.string().trim().max(20).nullable(),
  supplierId: id.nullable(),
  safetyDays: z.number().int().min(0).max(3650).nullable(),
  allowBackorder: z.boolean(),
  /** Replaces every code of the product. */
  codes: z.array(codeInputSchema).max(100),
  /** Bundles only: replaces the bundle's components. */
  components: z.array(componentInputSchema).max(100),
  /** Adds (or, for the same day, replaces) a dated cost row; earlier rows stay as history. */
  cost: costInputSchema,
};

export const productInputSchema = z
  .object({
    ...productFields,
    kind: productFields.kind.default('unit'),
    titles: productFields.titles.default({}),
    lengthMm: productFields.lengthMm.default(null),
    widthMm: productFields.widthMm.default(null),
    heightMm: productFields.heightMm.default(null),
    weightG: productFields.weightG.default(null),
    hsCode: productFields.hsCode.default(null),
    supplierId: productFields.supplierId.default(null),
    safetyDays: productFields.safetyDays.default(null),
    allowBackorder: productFields.allowBackorder.default(false),
    codes: productFields.codes.default([]),
    components: productFields.components.default([]),
    cost: productFields.cost.optional(),
  })
  .strict();
export type ProductInput = z.input<typeof productInputSchema>;
export type ParsedProductInput = z.output<typeof productInputSchema>;

/** Absent fields stay as they are; `null` clears. */
export const productPatchSchema = z.object(productFields).partial().strict();
export type ProductPatch = z.input<typeof productPatchSchema>;
export type ParsedProductPatch = z.output<typeof productPatchSchema>;

export const productCodeSchema = z.object({ kind: codeKindSchema, code: z.string(), units: z.number().int() });
export type ProductCode = z.infer<typeof productCodeSchema>;

export const costSchema = z.object({ amountMinor: z.number().int(), currency: z.string(), effectiveDate: z.string() });
export type Cost = z.infer<typeof costSchema>;

export const bundleComponentSchema = z.object({ productId: id, sku: z.string(), name: z.string(), quantity: z.number().int() });
export type BundleComponent = z.infer<typeof bundleComponentSchema>;

export const productSchema = z.object({
  id,
  sku: z.string(),
  kind: productKindSchema,
  name: z.string(),
  titles: z.record(z.string(), z.string()),
  lengthMm: z.number().int().nullable(),
  widthMm: z.number().int().nullable(),
  heightMm: z.number().int().nullable(),
  weightG: z.number().int().nullable(),
  hsCode: z.string().nullable(),
  supplier: z.object({ id, name: z.string(), currency: z.string() }).nullable(),
  safetyDays: z.number().int().nullable(),
  allowBackorder: z.boolean(),
  archivedAt: isoDateTime.nullable(),
  createdAt: isoDateTime,
  updatedAt: isoDateTime,
  codes: z.array(productCodeSchema),
  components: z.array(bundleComponentSchema),
  /** The cost row with the latest effective date. */
  cost: costSchema.nullable(),
  /** Newest first. */
  costHistory: z.array(costSchema),
  bins: z.array(z.object({ binId: id, binCode: z.string(), warehouseId: id, warehouseCode: z.string() })),
  listings: z.array(z.object({ storeId: id, marketplaceId: z.string(), sellerSku: z.string() })),
});
export type Product = z.infer<typeof productSchema>;

/** How a search query matched: an exact code (fast, indexed) ranks before a text match. */
export const searchMatchKinds = ['sku', 'gtin', 'fnsku', 'asin', 'case', 'alias', 'seller-sku', 'text'] as const;
export const productSummarySchema = z.object({
  id,
  sku: z.string(),
  kind: productKindSchema,
  name: z.string(),
  archivedAt: isoDateTime.nullable(),
  codes: z.array(productCodeSchema),
  matchedBy: z.enum(searchMatchKinds).nullable(),
});
export type ProductSummary = z.infer<typeof productSummarySchema>;

export const productSearchSchema = z
  .object({
    query: z.string().max(200).optional(),
    includeArchived: z.boolean().optional(),
    limit: z.number().int().min(1).max(500).default(50),
    offset: z.number().int().min(0).default(0),
  })
  .strict();
export type ProductSearch = z.input<typeof productSearchSchema>;

export const scanResultSchema = z.object({ productId: id, sku: z.string(), units: z.number().int().positive() });
export type ScanResult = z.infer<typeof scanResultSchema>;

export const supplierSchema = z.object({
  id,
  name: z.string(),
  currency: z.string(),
  leadTimeDays: z.number().int(),
  contact: z.string().nullable(),
  createdAt: isoDateTime,
  updatedAt: isoDateTime,
});
export type Supplier = z.infer<typeof supplierSchema>;

const supplierFields = {
  name: z.string().trim().min(1).max(200),
  currency: currencySchema,
  /** Days from order to goods in the warehouse: reorder points are computed from it. */
  leadTimeDays: z.number().int().min(0).max(365),
  contact: z.string().trim().max(1000).nullable(),
};
export const newSupplierSchema = z.object({ ...supplierFields, contact: supplierFields.contact.default(null) }).strict();
export type NewSupplier = z.input<typeof newSupplierSchema>;
export const supplierPatchSchema = z.object(supplierFields).partial().strict();
export type SupplierPatch = z.input<typeof supplierPatchSchema>;

export const listingRefSchema = z
  .object({ storeId: id, marketplaceId: z.string().min(1).max(20), sellerSku: z.string().trim().min(1).max(200) })
  .strict();
export type ListingRef = z.input<typeof listingRefSchema>;
export const mapListingSchema = listingRefSchema.extend({ productId: id }).strict();
export type MapListing = z.input<typeof mapListingSchema>;

export const unmappedListingSchema = z.object({
  storeId: id,
  marketplaceId: z.string(),
  sellerSku: z.string(),
  asin: z.string().nullable(),
  itemName: z.string().nullable(),
  fulfillmentChannel: z.string().nullable(),
});
export type UnmappedListing = z.infer<typeof unmappedListingSchema>;

export const importModes = ['all-or-nothing', 'valid-rows-only'] as const;
export const importModeSchema = z.enum(importModes);
export type ImportMode = z.infer<typeof importModeSchema>;

/** One problem in an import file: the physical line (CSV) or row (XLSX) the record starts on, the header as written. */
export const importErrorSchema = z.object({
  line: z.number().int().positive(),
  column: z.string().optional(),
  code: z.string(),
  params: z.record(z.string(), z.union([z.string(), z.number()])),
});
export type ImportError = z.infer<typeof importErrorSchema>;

export const importPreviewSchema = z.object({
  format: z.enum(['csv', 'xlsx']),
  /** How the text was read: utf-8, utf-8-bom, utf-16le, utf-16be, gb18030; `xlsx` for workbooks. */
  encoding: z.string(),
  /** Data records (header excluded, blank lines skipped). */
  rows: z.number().int(),
  valid: z.number().int(),
  errors: z.array(importErrorSchema),
  sample: z.array(z.object({ line: z.number().int(), sku: z.string(), name: z.string(), action: z.enum(['create', 'update']) })),
});
export type ImportPreview = z.infer<typeof importPreviewSchema>;

export const importResultSchema = z.object({ created: z.number().int(), updated: z.number().int(), skipped: z.number().int(), errors: z.array(importErrorSchema) });
export type ImportResult = z.infer<typeof importResultSchema>;

export const exportLocales = ['zh-CN', 'en'] as const;
export const catalogExportSchema = z.object({ format: z.enum(['csv', 'xlsx']), locale: z.enum(exportLocales) }).strict();
export type CatalogExportOptions = z.input<typeof catalogExportSchema>;

export type CodeProblem = 'gtin-format' | 'gtin-check-digit' | 'asin-format' | 'fnsku-format' | 'case-units' | 'units-only-for-case' | 'code-format';

/**
 * One code as it is stored, or why it cannot be: the single rule used by the service, the import and the edit form.
 * GTINs keep the digits the user gave (spaces and dashes dropped); ASIN and FNSKU are upper-cased.
 */
export function normaliseCode(input: { kind: CodeKind; code: string; units?: number | undefined }): { ok: true; value: ProductCode } | { ok: false; reason: CodeProblem } {
  const units = input.units ?? 1;
  const raw = input.code.trim();
  if (input.kind !== 'case' && units !== 1) return { ok: false, reason: 'units-only-for-case' };
  switch (input.kind) {
    case 'gtin': {
      const digits = raw.replace(/[\s-]/g, '');
      if (!hasGtinShape(digits)) return { ok: false, reason: 'gtin-format' };
      if (!isValidGtin(digits)) return { ok: false, reason: 'gtin-check-digit' };
      return { ok: true, value: { kind: 'gtin', code: digits, units: 1 } };
    }
    case 'asin': {
      const code = raw.toUpperCase();
      return isAsin(code) ? { ok: true, value: { kind: 'asin', code, units: 1 } } : { ok: false, reason: 'asin-format' };
    }
    case 'fnsku': {
      const code = raw.toUpperCase();
      return isFnsku(code) ? { ok: true, value: { kind: 'fnsku', code, units: 1 } } : { ok: false, reason: 'fnsku-format' };
    }
    case 'case': {
      if (units < 2) return { ok: false, reason: 'case-units' };
      // A numeric case code of a GTIN length is an ITF-14/EAN printed on the carton: its check digit must hold.
      if (hasGtinShape(raw) && !isValidGtin(raw)) return { ok: false, reason: 'gtin-check-digit' };
      return codeText(raw) ? { ok: true, value: { kind: 'case', code: raw, units } } : { ok: false, reason: 'code-format' };
    }
    case 'alias':
      return codeText(raw) ? { ok: true, value: { kind: 'alias', code: raw, units: 1 } } : { ok: false, reason: 'code-format' };
  }
}

// eslint-disable-next-line no-control-regex
const codeText = (s: string): boolean => s.length > 0 && s.length <= 60 && !/[\u0000-\u001f\u007f]/.test(s);

/** The key two codes are compared by: equal keys are the same code (a UPC-A and its EAN-13 `0…` share one). */
export function codeKey(code: string): string {
  return toGtin14(code) ?? code;
}

/** HS codes as stored: 6–10 digits (the 6-digit international heading plus national digits); null if not one. */
export function normaliseHsCode(raw: string): string | null {
  const digits = raw.replace(/[.\s]/g, '');
  return /^\d{6,10}$/.test(digits) ? digits : null;
}
