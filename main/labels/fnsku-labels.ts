import { AppError } from '../../shared/ipc/errors';
import type { Locale } from '../../shared/domain/locale';
import { parseInput } from '../services/validate';
import { fnskuLabelItemsSchema, fnskuLabelOptionsSchema, type FnskuLabelItem, type FnskuLabelOptions, type LabelCondition } from './label-input';
import { cellOrigin, cellsPerPage, findLayout, type FnskuLayoutName, type LabelLayout } from './label-layouts';
import { barcodeWidth, LabelPdf } from './label-pdf';

const CONDITION_TEXT: Record<LabelCondition, Record<Locale, string>> = {
  new: { en: 'New', 'zh-CN': '全新' },
  refurbished: { en: 'Refurbished', 'zh-CN': '翻新' },
  'used-like-new': { en: 'Used – Like New', 'zh-CN': '二手 – 近乎全新' },
  'used-very-good': { en: 'Used – Very Good', 'zh-CN': '二手 – 非常好' },
  'used-good': { en: 'Used – Good', 'zh-CN': '二手 – 良好' },
  'used-acceptable': { en: 'Used – Acceptable', 'zh-CN': '二手 – 可接受' },
};

/**
 * Type sizes and padding per stock. Sheets keep text further from the cell edge: the outer cells of edge-to-edge A4
 * sheets sit where many laser printers cannot print. Bars get what height is left, up to `maxBar`.
 */
const STYLE: Record<FnskuLayoutName, { padX: number; padY: number; codeSize: number; textSize: number; maxBar: number }> = {
  'thermal-57x32': { padX: 6, padY: 5, codeSize: 8, textSize: 6.5, maxBar: 36 },
  'thermal-50x30': { padX: 5, padY: 4, codeSize: 7.5, textSize: 6, maxBar: 34 },
  'letter-30up': { padX: 10, padY: 4, codeSize: 7.5, textSize: 6, maxBar: 30 },
  'a4-24up': { padX: 12, padY: 8, codeSize: 9, textSize: 7, maxBar: 40 },
  'a4-40up': { padX: 10, padY: 6, codeSize: 7.5, textSize: 6, maxBar: 34 },
};
const TITLE_LINES = 2;
const LINE = 1.15;
/** How far below a line's top its baseline sits, as a share of the type size (CJK glyphs reach 0.88 em). */
const ASCENT = 0.9;

interface Unit {
  fnsku: string;
  title: string;
  condition: string;
}

/**
 * One FNSKU label per unit, as a PDF at the stock's exact size: Code 128 of the FNSKU with its quiet zones, the FNSKU
 * in text, the title cut to two lines with an ellipsis, and the condition. Rolls print one label per page; sheets
 * fill cells row by row from `startPosition`.
 */
export async function renderFnskuLabels(rawItems: readonly FnskuLabelItem[], rawOptions: FnskuLabelOptions): Promise<Buffer> {
  const items = parseInput(fnskuLabelItemsSchema, rawItems);
  const options = parseInput(fnskuLabelOptionsSchema, rawOptions);
  const layout = findLayout(options.layout)!;
  const start = (options.startPosition ?? 1) - 1;
  if (start >= cellsPerPage(layout)) throw new AppError('invalid-input', { field: 'startPosition', reason: 'start-position-out-of-range', max: cellsPerPage(layout) });

  const units: Unit[] = items.flatMap((item) =>
    Array.from({ length: item.copies }, () => ({ fnsku: item.fnsku, title: item.title, condition: CONDITION_TEXT[item.condition][options.language] })),
  );
  const pdf = new LabelPdf({ title: `FNSKU labels (${layout.name})`, texts: [...items.map((i) => i.title), ...Object.values(CONDITION_TEXT).map((c) => c[options.language])] });
  const draw = labelDrawer(pdf, layout);
  const perPage = cellsPerPage(layout);
  units.forEach((unit, i) => {
    const slot = start + i;
    if (i === 0 || slot % perPage === 0) pdf.addPage(layout.page.width, layout.page.height);
    draw(unit, cellOrigin(layout, slot % perPage));
  });
  pdf.doc.end();
  return pdf.done;
}

function labelDrawer(pdf: LabelPdf, layout: LabelLayout) {
  const style = STYLE[layout.name as FnskuLayoutName];
  const { width, height } = layout.label;
  const textBlock = style.codeSize * LINE + (TITLE_LINES + 1) * style.textSize * LINE;
  const gap = 2;
  const bar = Math.min(style.maxBar, height - 2 * style.padY - textBlock - gap);
  const top = (height - (bar + gap + textBlock)) / 2;
  const textWidth = width - 2 * style.padX;

  const drawAtOrigin = (unit: Unit) => {
    const cx = width / 2;
    const bw = barcodeWidth(unit.fnsku, layout.module);
    pdf.barcode(unit.fnsku, cx - bw / 2, top, layout.module, bar);
    let y = top + bar + gap;
    pdf.line(pdf.prepare(unit.fnsku), cx, y + ASCENT * style.codeSize, style.codeSize, 'center');
    y += style.codeSize * LINE;
    for (const [i, line] of pdf.fit(unit.title, style.textSize, textWidth, TITLE_LINES).entries()) pdf.line(line, cx, y + i * style.textSize * LINE + ASCENT * style.textSize, style.textSize, 'center');
    y += TITLE_LINES * style.textSize * LINE;
    pdf.line(pdf.prepare(unit.condition), cx, y + ASCENT * style.textSize, style.textSize, 'center');
  };
  // Every copy of an FNSKU is the same drawing: lay it out once, place it per cell.
  return (unit: Unit, cell: { x: number; y: number }) =>
    pdf.stamp(`${unit.fnsku}\u0000${unit.title}\u0000${unit.condition}`, width, height, () => drawAtOrigin(unit), cell.x, cell.y);
}
