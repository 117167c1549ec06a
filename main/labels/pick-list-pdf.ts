import type { Locale } from '../../shared/domain/locale';
import type { PickList } from '../../shared/ipc/channels/picking';
import { code128BBars, code128BModules, isCode128BText } from './code128';
import type { FontChoice } from './cjk-font';
import { openA4Document, type PdfDoc } from './pdf-document';

export interface PickListPdfOptions extends FontChoice {
  locale: Locale;
}

const LABELS = {
  'zh-CN': { title: '拣货单', wave: '波次', warehouse: '仓库', created: '创建', orders: '订单数', skus: 'SKU 数', units: '件数', bin: '库位', sku: 'SKU', name: '品名', total: '合计', toTotes: '分拣到', toteMap: '订单与周转箱', tote: '周转箱', order: '订单号', noBin: '无库位' },
  en: { title: 'Pick List', wave: 'Wave', warehouse: 'Warehouse', created: 'Created', orders: 'Orders', skus: 'SKUs', units: 'Units', bin: 'Bin', sku: 'SKU', name: 'Name', total: 'Total', toTotes: 'Put into', toteMap: 'Orders and totes', tote: 'Tote', order: 'Order', noBin: 'no bin' },
} as const;

/** 1 module = 0.9 pt (0.32 mm): within what a handheld scanner reads off a laser print at 300 dpi. */
const MODULE = 0.9;
const QUIET = 10;

/** Width in points of `text` as Code 128 B with its quiet zones; 0 when it cannot be encoded (e.g. CJK bin codes). */
const symbolWidth = (text: string) => (isCode128BText(text) ? (code128BModules(text) + 2 * QUIET) * MODULE : 0);

/** Draws a Code 128 B symbol with its quiet zones at (x, y); returns its width in points. */
function barcode(doc: PdfDoc, text: string, x: number, y: number, height: number): number {
  if (!isCode128BText(text)) return 0;
  for (const bar of code128BBars(text)) doc.rect(x + (QUIET + bar.x) * MODULE, y, bar.width * MODULE, height);
  doc.fillColor('#000000').fill();
  return (code128BModules(text) + 2 * QUIET) * MODULE;
}

/**
 * The wave's pick list as A4 pages: the wave number as a barcode (the packing station opens the wave's next order
 * from it, scan-picking opens the wave), one block per product in bin order with its bin and SKU barcodes (a picker
 * without shelf labels scans the bin off the paper), the total and each order/tote's share, then the order ↔ tote map
 * with both as barcodes.
 */
export async function renderPickListPdf(list: PickList, options: PickListPdfOptions): Promise<Uint8Array> {
  const L = LABELS[options.locale];
  const texts = [list.wave.warehouseCode, ...list.lines.flatMap((l) => [l.sku, l.name, l.binCode ?? '']), ...Object.values(L)];
  const { doc, done } = openA4Document({ ...options, margin: 40, title: `${L.title} ${list.wave.number}`, author: list.wave.createdBy, texts });

  const left = doc.page.margins.left;
  const right = doc.page.width - doc.page.margins.right;
  const width = right - left;
  const bottom = doc.page.height - doc.page.margins.bottom;
  let y = doc.page.margins.top;
  const room = (needed: number) => {
    if (y + needed <= bottom) return;
    doc.addPage();
    // A loose page must still say which wave it belongs to.
    doc.fontSize(8).fillColor('#666666').text(list.wave.number, left, doc.page.margins.top, { width, align: 'right' }).fillColor('#000000');
    y = doc.page.margins.top + 16;
  };

  doc.fontSize(18).fillColor('#000000').text(`${L.title} ${list.wave.number}`, left, y, { width: width / 2 });
  barcode(doc, list.wave.number, right - (code128BModules(list.wave.number) + 2 * QUIET) * MODULE, y, 36);
  y += 44;
  doc.fontSize(10).text(
    `${L.warehouse}: ${list.wave.warehouseCode}   ${L.created}: ${list.wave.createdAt.slice(0, 16).replace('T', ' ')}   ${L.orders}: ${list.totals.orders}   ${L.skus}: ${list.totals.skus}   ${L.units}: ${list.totals.units}`,
    left,
    y,
    { width },
  );
  y = doc.y + 10;

  for (const line of list.lines) {
    const shares = line.orders.map((o) => `${o.tote ?? o.orderId} ×${o.quantity}`).join('   ');
    // The bin's barcode sits under its code; a long one pushes the tote shares to the right. The SKU's sits right of
    // the total, or — too long to fit there — right-aligned on the second row, narrowing the shares.
    const sharesX = left + Math.max(120, symbolWidth(line.binCode ?? '') + 8);
    const skuWidth = symbolWidth(line.sku);
    const skuOnFirstRow = right - skuWidth >= left + 400;
    const sharesRight = skuOnFirstRow ? right : right - skuWidth - 8;
    const sharesHeight = doc.fontSize(9).heightOfString(`${L.toTotes}: ${shares}`, { width: sharesRight - sharesX });
    room(46 + Math.max(26, sharesHeight));
    doc.moveTo(left, y).lineTo(right, y).lineWidth(0.5).strokeColor('#999999').stroke().strokeColor('#000000');
    y += 6;
    doc.fontSize(13).fillColor('#000000').text(line.binCode ?? `(${L.noBin})`, left, y, { width: 110 });
    doc.fontSize(11).text(line.sku, left + 120, y, { width: 200 });
    doc.fontSize(9).fillColor('#444444').text(line.name, left + 120, y + 14, { width: 200, height: 12, ellipsis: true }).fillColor('#000000');
    doc.fontSize(16).text(`${L.total} ${line.total}`, left + 320, y, { width: 80 });
    if (skuOnFirstRow) barcode(doc, line.sku, right - skuWidth, y, 26);
    y += 30;
    if (line.binCode) barcode(doc, line.binCode, left, y, 24);
    if (!skuOnFirstRow) barcode(doc, line.sku, right - skuWidth, y, 24);
    doc.fontSize(9).text(`${L.toTotes}: ${shares}`, sharesX, y + 2, { width: sharesRight - sharesX });
    y += Math.max(26, sharesHeight) + 8;
  }

  room(40);
  y += 8;
  doc.fontSize(12).text(L.toteMap, left, y);
  y = doc.y + 6;
  for (const o of list.orders) {
    room(40);
    doc.fontSize(11).text(`${L.tote} ${o.tote ?? '—'}`, left, y + 10, { width: 70 });
    if (o.tote) barcode(doc, o.tote, left + 70, y, 30);
    doc.fontSize(10).text(o.orderId, left + 160, y + 10, { width: 110 });
    // Right-aligned so the order barcode's quiet zone stays on the page.
    barcode(doc, o.orderId, right - symbolWidth(o.orderId), y, 30);
    y += 38;
  }
  doc.end();
  return done;
}
