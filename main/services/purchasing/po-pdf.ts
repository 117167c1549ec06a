import type { PurchaseOrder } from '../../../shared/domain/purchasing';
import { minorToDecimal } from '../../../shared/money';
import { openA4Document } from '../../labels/pdf-document';

export interface PdfOptions {
  locale: 'zh-CN' | 'en';
  /** A TTF/OTF/TTC with CJK glyphs; tried before the system fonts. */
  fontPath?: string;
  /** The face inside `fontPath` when it is a collection (.ttc). */
  fontFamily?: string;
}

const LABELS = {
  'zh-CN': {
    title: '采购订单',
    number: '订单号',
    orderDate: '下单日期',
    expectedDate: '预计到货',
    supplier: '供应商',
    shipTo: '收货仓库',
    currency: '币种',
    line: '#',
    sku: 'SKU',
    name: '品名',
    quantity: '数量',
    unitCost: '单价',
    amount: '金额',
    total: '合计',
    note: '备注',
    preparedBy: '制单人',
  },
  en: {
    title: 'Purchase Order',
    number: 'PO number',
    orderDate: 'Order date',
    expectedDate: 'Expected delivery',
    supplier: 'Supplier',
    shipTo: 'Ship to',
    currency: 'Currency',
    line: '#',
    sku: 'SKU',
    name: 'Description',
    quantity: 'Qty',
    unitCost: 'Unit cost',
    amount: 'Amount',
    total: 'Total',
    note: 'Note',
    preparedBy: 'Prepared by',
  },
} as const;

/** 1234567.5 → "1,234,567.50": suppliers read amounts, not minor units. */
export function formatMoney(minor: number, currency: string): string {
  const [whole = '0', frac] = minorToDecimal(minor, currency).split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return frac === undefined ? grouped : `${grouped}.${frac}`;
}

/**
 * The PO as an A4 document for the supplier: header (number, dates, supplier, ship-to warehouse), one row per line
 * (SKU, name, quantity, unit cost, amount) and the total in the PO's currency. Chinese needs a CJK font from the
 * system (or `fontPath`); an English PO with only Latin text falls back to Helvetica.
 */
export async function renderPurchaseOrderPdf(po: PurchaseOrder, options: PdfOptions): Promise<Uint8Array> {
  const L = LABELS[options.locale];
  const texts = [po.supplierName, po.warehouseName, po.note ?? '', ...po.lines.flatMap((l) => [l.sku, l.name]), ...Object.values(L)];
  const { doc, done } = openA4Document({ ...options, margin: 48, title: `${L.title} ${po.number}`, author: po.createdBy, texts });

  const left = doc.page.margins.left;
  const right = doc.page.width - doc.page.margins.right;
  const width = right - left;

  doc.fontSize(20).text(L.title, left, doc.page.margins.top, { width, align: 'center' });
  doc.moveDown(0.8);

  const field = (label: string, value: string, x: number, y: number, w: number) => {
    doc.fontSize(8).fillColor('#666666').text(label, x, y, { width: w });
    doc.fontSize(11).fillColor('#000000').text(value, x, y + 11, { width: w });
  };
  let y = doc.y;
  const half = width / 2;
  field(L.number, po.number, left, y, half);
  field(L.currency, po.currency, left + half, y, half);
  y += 32;
  field(L.orderDate, po.createdAt.slice(0, 10), left, y, half);
  field(L.expectedDate, po.expectedDate ?? '—', left + half, y, half);
  y += 32;
  field(L.supplier, po.supplierName, left, y, half - 8);
  field(L.shipTo, `${po.warehouseName} (${po.warehouseCode})`, left + half, y, half);
  y += 44;

  // Column x offsets and widths across the printable width.
  const cols = [
    { key: 'line', x: 0, w: 24, align: 'left' },
    { key: 'sku', x: 24, w: 100, align: 'left' },
    { key: 'name', x: 124, w: 175, align: 'left' },
    { key: 'quantity', x: 299, w: 50, align: 'right' },
    { key: 'unitCost', x: 349, w: 75, align: 'right' },
    { key: 'amount', x: 424, w: width - 424, align: 'right' },
  ] as const;
  const bottom = doc.page.height - doc.page.margins.bottom;
  const header = () => {
    doc.fontSize(9).fillColor('#000000');
    for (const c of cols) doc.text(L[c.key], left + c.x, y, { width: c.w - 4, align: c.align });
    y += 14;
    doc.moveTo(left, y).lineTo(right, y).lineWidth(0.8).stroke();
    y += 5;
  };
  header();
  doc.fontSize(9);
  for (const [i, l] of po.lines.entries()) {
    const cells: Record<(typeof cols)[number]['key'], string> = {
      line: String(i + 1),
      sku: l.sku,
      name: l.name,
      quantity: String(l.quantity),
      unitCost: formatMoney(l.unitCostMinor, po.currency),
      amount: formatMoney(l.amountMinor, po.currency),
    };
    const height = Math.max(...cols.map((c) => doc.heightOfString(cells[c.key], { width: c.w - 4 })));
    if (y + height > bottom - 60) {
      doc.addPage();
      // A loose continuation page must still say which PO it belongs to.
      doc.fontSize(8).fillColor('#666666').text(po.number, left, doc.page.margins.top, { width, align: 'right' }).fillColor('#000000');
      y = doc.page.margins.top + 16;
      header();
      doc.fontSize(9);
    }
    for (const c of cols) doc.text(cells[c.key], left + c.x, y, { width: c.w - 4, align: c.align });
    y += height + 4;
    doc.moveTo(left, y - 2).lineTo(right, y - 2).lineWidth(0.3).strokeColor('#bbbbbb').stroke().strokeColor('#000000');
  }

  y += 6;
  doc.fontSize(12).text(`${L.total}: ${po.currency} ${formatMoney(po.totalMinor, po.currency)}`, left, y, { width, align: 'right' });
  y = doc.y + 16;
  if (po.note) {
    doc.fontSize(9).fillColor('#666666').text(L.note, left, y);
    doc.fontSize(10).fillColor('#000000').text(po.note, left, doc.y + 2, { width });
    y = doc.y + 16;
  }
  doc.fontSize(9).fillColor('#666666').text(`${L.preparedBy}: ${po.createdBy}`, left, y);
  doc.end();
  return done;
}
