import { boxMarks, cartonBoxId, KG_PER_LB, type BoxMark } from '../../shared/fba-box-rules';
import { parseInput } from '../services/validate';
import { cartonLabelBoxesSchema, cartonLabelOptionsSchema, type CartonLabelBox, type CartonLabelOptions } from './label-input';
import { findLayout, type LabelLayout } from './label-layouts';
import { barcodeWidth, LabelPdf } from './label-pdf';

const MARK_TEXT: Record<BoxMark, [string, string]> = {
  'mechanical-lift': ['MECHANICAL LIFT', '需机械搬运'],
  'team-lift': ['TEAM LIFT', '需两人搬运'],
  'heavy-package': ['HEAVY PACKAGE', '重货'],
};
const FIXED_TEXTS = ['发货地 SHIP FROM', '收货地 SHIP TO', '请勿遮盖此标签 · PLEASE LEAVE THIS LABEL UNCOVERED', '箱 Box of 毛重 Weight', ...Object.values(MARK_TEXT).flat()];

const MARGIN = 14;
/** Below the address blocks (106 pt) and the shipment line. */
const BOX_ID_TOP = MARGIN + 106 + 22;
const GREY = '#444444';

/**
 * One carton mark (箱唛) per box, at the stock's exact size: ship-from and ship-to (the fulfilment centre's code large,
 * then its address), the shipment id and name, Code 128 of the box id (`FBA…U000001`, unique per box as Amazon
 * requires) with the id in text, "箱 N / M · Box N of M", the weight, and the team-lift or heavy-package mark the
 * box's weight calls for in its marketplace.
 */
export async function renderCartonLabels(rawBoxes: readonly CartonLabelBox[], rawOptions: CartonLabelOptions): Promise<Buffer> {
  const boxes = parseInput(cartonLabelBoxesSchema, rawBoxes);
  const options = parseInput(cartonLabelOptionsSchema, rawOptions);
  const layout = findLayout(options.layout)!;
  const texts = [...FIXED_TEXTS, ...boxes.flatMap((b) => [b.shipmentName ?? '', ...b.shipFrom, ...b.shipTo.lines])];
  const pdf = new LabelPdf({ title: `Carton labels ${boxes[0]?.shipmentId ?? ''}`, texts });
  for (const box of boxes) {
    pdf.addPage(layout.page.width, layout.page.height);
    drawCarton(pdf, layout, box);
  }
  pdf.doc.end();
  return pdf.done;
}

type Box = ReturnType<typeof cartonLabelBoxesSchema.parse>[number];

function drawCarton(pdf: LabelPdf, layout: LabelLayout, box: Box) {
  const { doc } = pdf;
  const W = layout.page.width;
  const inner = W - 2 * MARGIN;

  // What every box of the shipment shares is drawn once and placed on each page.
  const shared = JSON.stringify([box.shipmentId, box.shipmentName, box.shipFrom, box.shipTo]);
  pdf.stamp(shared, W, layout.page.height, () => drawShipment(pdf, layout, box), 0, 0);

  // This box's unique id, under the shipment line.
  let y = BOX_ID_TOP;
  const boxId = cartonBoxId(box.shipmentId, box.boxNumber);
  const bw = barcodeWidth(boxId, layout.module);
  pdf.barcode(boxId, (W - bw) / 2, y, layout.module, 72);
  y += 72 + 4;
  pdf.line(pdf.prepare(boxId), W / 2, y + 12, 13, 'center');
  y += 20;
  doc.moveTo(MARGIN, y).lineTo(W - MARGIN, y).lineWidth(1.5).strokeColor('#000000').stroke();

  // Box N of M, big enough to read across the dock, and the weight the marks were chosen from.
  y += 8;
  pdf.line(pdf.prepare(`箱 ${box.boxNumber} / ${box.boxCount} · Box ${box.boxNumber} of ${box.boxCount}`), W / 2, y + 20, 20, 'center');
  y += 30;
  if (box.weight) pdf.line(pdf.prepare(`毛重 Weight: ${weightText(box.weight)}`), W / 2, y + 10, 10, 'center');
  y += 18;

  const marks = box.weight && box.marketplaceId ? boxMarks(box.marketplaceId, box.weight) : [];
  for (const mark of marks) {
    y += 6;
    doc.rect(MARGIN, y, inner, 40).fillColor('#000000').fill();
    const [en, zh] = MARK_TEXT[mark];
    pdf.line(pdf.prepare(en), W / 2, y + 19, 16, 'center', '#FFFFFF');
    pdf.line(pdf.prepare(zh), W / 2, y + 35, 12, 'center', '#FFFFFF');
    y += 40;
  }
}

/** Addresses, the shipment line and the page furniture: the same on every box of a shipment. */
function drawShipment(pdf: LabelPdf, layout: LabelLayout, box: Box) {
  const { doc } = pdf;
  const W = layout.page.width;
  const H = layout.page.height;
  const inner = W - 2 * MARGIN;
  const column = (inner - 10) / 2;
  const rule = (y: number, weight = 1) => doc.moveTo(MARGIN, y).lineTo(W - MARGIN, y).lineWidth(weight).strokeColor('#000000').stroke();

  // Addresses: who sends, and which fulfilment centre receives (its code is what the dock reads first).
  let y = MARGIN;
  pdf.line(pdf.prepare('发货地 SHIP FROM'), MARGIN, y + 7, 7, 'left', GREY);
  pdf.line(pdf.prepare('收货地 SHIP TO'), MARGIN + column + 10, y + 7, 7, 'left', GREY);
  const fromLines = box.shipFrom.flatMap((l) => pdf.fit(l, 8, column, 2)).slice(0, 7);
  fromLines.forEach((l, i) => pdf.line(l, MARGIN, y + 20 + i * 9.5, 8));
  if (box.shipTo.fulfillmentCenterId) pdf.line(pdf.prepare(box.shipTo.fulfillmentCenterId), MARGIN + column + 10, y + 32, 24);
  const toLines = box.shipTo.lines.flatMap((l) => pdf.fit(l, 8, column, 2)).slice(0, 6);
  toLines.forEach((l, i) => pdf.line(l, MARGIN + column + 10, y + 46 + i * 9.5, 8));
  doc.moveTo(MARGIN + column + 5, y).lineTo(MARGIN + column + 5, y + 100).lineWidth(0.5).strokeColor('#000000').stroke();
  y += 106;
  rule(y, 1.5);

  // The shipment; this box's unique id goes under it.
  y += 6;
  const header = pdf.fit(box.shipmentName ? `${box.shipmentId} · ${box.shipmentName}` : box.shipmentId, 9, inner, 1)[0];
  if (header) pdf.line(header, MARGIN, y + 9, 9);

  rule(H - MARGIN - 14, 0.5);
  pdf.line(pdf.prepare('请勿遮盖此标签 · PLEASE LEAVE THIS LABEL UNCOVERED'), W / 2, H - MARGIN - 3, 7, 'center', GREY);
}

function weightText(weight: { value: number; unit: 'LB' | 'KG' }): string {
  const kg = weight.unit === 'KG' ? weight.value : weight.value * KG_PER_LB;
  const lb = weight.unit === 'LB' ? weight.value : weight.value / KG_PER_LB;
  return weight.unit === 'KG' ? `${kg.toFixed(1)} kg (${lb.toFixed(1)} lb)` : `${lb.toFixed(1)} lb (${kg.toFixed(1)} kg)`;
}
