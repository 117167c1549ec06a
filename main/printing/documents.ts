import type { PrintDocument } from '../../shared/ipc/channels/printing';
import { AppError } from '../../shared/ipc/errors';
import type { Queryable } from '../db/connection';
import { findLayout, renderCartonLabels, renderFnskuLabels, type CartonLayoutName, type FnskuLabelItem, type FnskuLayoutName, type LabelLayout } from '../labels';
import { planFnskuItems, shipmentCartons } from '../services/fba-inbound/label-data';
import { mediaOfLayout, mediaOfPage } from './media';
import { pdfFirstPageSize, pdfPageCount } from './pdf-facts';
import type { PrintMedia } from './printer';

/** Where the documents come from: the same data functions the download channels use. */
export interface DocumentSources {
  db: Queryable;
  packingSlip(orderId: string, opts: { packageNo?: number | undefined }): Promise<{ fileName: string; bytes: Uint8Array }>;
  pickListPdf(waveId: number, opts: { locale: 'zh-CN' | 'en' }): Promise<{ fileName: string; bytes: Uint8Array }>;
  amazonLabels(input: { planId: number; shipmentId: number; pageType: string }): Promise<{ fileName: string; bytes: Buffer; pages: number }>;
}

export interface RenderedDocument {
  pdf: Buffer;
  pages: number;
  media: PrintMedia | null;
  title: string;
  /** What the audit row names (ids and layout only: no buyer data). */
  entity: string;
  entityId: string | null;
  layout: string | null;
}

const IN = 25_400;
/** Amazon's page types, for a label file whose page size cannot be read. */
const AMAZON_MEDIA: Record<string, PrintMedia> = {
  PackageLabel_Thermal: { widthMicrons: 4 * IN, heightMicrons: 6 * IN },
  PackageLabel_Letter_2: { widthMicrons: 8.5 * IN, heightMicrons: 11 * IN },
  PackageLabel_Plain_Paper: { widthMicrons: 8.5 * IN, heightMicrons: 11 * IN },
  PackageLabel_A4_2: { widthMicrons: 210_000, heightMicrons: 297_000 },
};

function layoutOf(name: string, kind: 'fnsku' | 'carton'): LabelLayout {
  const layout = findLayout(name);
  if (!layout || layout.kind !== kind) throw new AppError('invalid-input', { field: 'layout', reason: 'unknown-layout' });
  return layout;
}

/** A title the OS print queue shows: plan names hold arrows, spaces and CJK, which every spooler takes. */
const titled = (s: string) => s.replace(/\s+/g, ' ').trim().slice(0, 120);

/**
 * Renders what a print request names, from main's own data. Labels print on their layout's exact stock; Amazon's label
 * file on its own page size; the packing slip and the pick list (A4 pages) on the printer's own paper, so an office
 * printer loaded with Letter is not stopped for A4.
 */
export async function renderDocument(src: DocumentSources, doc: PrintDocument): Promise<RenderedDocument> {
  switch (doc.kind) {
    case 'fnsku-labels': {
      const layout = layoutOf(doc.layout, 'fnsku');
      const source = doc.planId !== undefined ? await planFnskuItems(src.db, doc.planId) : null;
      const items: FnskuLabelItem[] = source ? source.items : (doc.items ?? []).map((i) => ({ ...i, condition: i.condition as FnskuLabelItem['condition'] }));
      const pdf = await renderFnskuLabels(items, { layout: layout.name as FnskuLayoutName, language: doc.language, ...(doc.startPosition !== undefined ? { startPosition: doc.startPosition } : {}) });
      return {
        pdf,
        pages: pdfPageCount(pdf),
        media: mediaOfLayout(layout),
        title: titled(`FNSKU ${source?.plan.name ?? items[0]?.fnsku ?? ''} ${layout.name}`),
        entity: source ? 'fba-plan' : 'fnsku-labels',
        entityId: source ? String(source.plan.id) : null,
        layout: layout.name,
      };
    }
    case 'carton-labels': {
      const layout = layoutOf(doc.layout, 'carton');
      const { confirmationId, cartons } = await shipmentCartons(src.db, doc.planId, doc.shipmentId);
      const pdf = await renderCartonLabels(cartons, { layout: layout.name as CartonLayoutName });
      return { pdf, pages: pdfPageCount(pdf), media: mediaOfLayout(layout), title: titled(`${confirmationId} cartons ${layout.name}`), entity: 'fba-shipment', entityId: confirmationId, layout: layout.name };
    }
    case 'amazon-labels': {
      const file = await src.amazonLabels({ planId: doc.planId, shipmentId: doc.shipmentId, pageType: doc.pageType });
      const page = pdfFirstPageSize(file.bytes);
      const media = page ? mediaOfPage(page) : (AMAZON_MEDIA[doc.pageType] ?? null);
      return { pdf: file.bytes, pages: file.pages, media, title: titled(file.fileName.replace(/\.pdf$/, '')), entity: 'fba-shipment', entityId: String(doc.shipmentId), layout: doc.pageType };
    }
    case 'packing-slip': {
      const file = await src.packingSlip(doc.orderId, { packageNo: doc.packageNo });
      const pdf = Buffer.from(file.bytes);
      return { pdf, pages: pdfPageCount(pdf), media: null, title: titled(file.fileName.replace(/\.pdf$/, '')), entity: 'order', entityId: doc.orderId, layout: null };
    }
    case 'pick-list': {
      const file = await src.pickListPdf(doc.waveId, { locale: doc.language });
      const pdf = Buffer.from(file.bytes);
      return { pdf, pages: pdfPageCount(pdf), media: null, title: titled(file.fileName.replace(/\.pdf$/, '')), entity: 'wave', entityId: String(doc.waveId), layout: null };
    }
  }
}
