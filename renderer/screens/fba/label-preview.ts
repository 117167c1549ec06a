import { code128BBars, code128BModules, isCode128BText } from '../../../shared/code128';

/**
 * What the label preview draws, in PDF points inside one label (origin top left), so an SVG with this viewBox shows
 * the label at its physical aspect ratio. Pure: the SVG component only maps these shapes to elements.
 */
export interface PreviewText {
  x: number;
  y: number;
  size: number;
  text: string;
  anchor: 'start' | 'middle';
  bold?: boolean;
  inverse?: boolean;
}

export interface LabelPreviewModel {
  width: number;
  height: number;
  bars: { x: number; y: number; width: number; height: number }[];
  /** Black bands (team-lift / heavy-package marks) drawn under inverse text. */
  bands: { x: number; y: number; width: number; height: number }[];
  texts: PreviewText[];
  /** The symbol with its quiet zones is wider than the label: it would print cut off or unreadable. */
  overflows: boolean;
}

/** Line height as a share of the type size: screen fonts sit taller than the PDF's, so a little more than print. */
const LINE = 1.3;

/** Code 128 wants ten modules of white on each side of the bars. */
export const QUIET_MODULES = 10;

interface Geometry {
  label: { width: number; height: number };
  module: number;
}

function barcode(text: string, centreX: number, top: number, height: number, module: number) {
  if (!isCode128BText(text)) return { bars: [], width: 0 };
  const width = code128BModules(text) * module;
  const x0 = centreX - width / 2;
  return { bars: code128BBars(text).map((b) => ({ x: x0 + b.x * module, y: top, width: b.width * module, height })), width };
}

/** Cuts a title into at most `lines` lines of roughly `perLine` characters (CJK counted double), with an ellipsis. */
export function wrapTitle(title: string, perLine: number, lines: number): string[] {
  const out: string[] = [];
  let current = '';
  let width = 0;
  const chars = [...title.trim()];
  for (let i = 0; i < chars.length; i++) {
    const ch = chars[i]!;
    const w = /[\u2E80-\uFFFF]/.test(ch) ? 2 : 1;
    if (width + w > perLine) {
      out.push(current);
      if (out.length === lines) {
        out[lines - 1] = `${current.slice(0, Math.max(0, current.length - 1))}…`;
        return out;
      }
      current = '';
      width = 0;
    }
    current += ch;
    width += w;
  }
  if (current) out.push(current);
  return out;
}

/** An FNSKU unit label: bars, the FNSKU in text, the title cut to two lines, the condition. */
export function fnskuPreview(g: Geometry, unit: { fnsku: string; title: string; condition: string }): LabelPreviewModel {
  const { width: W, height: H } = g.label;
  const pad = Math.max(4, H * 0.07);
  const textSize = Math.max(5.5, Math.min(8, H * 0.085));
  const codeSize = textSize * 1.2;
  const textBlock = codeSize * LINE + 3 * textSize * LINE;
  const barHeight = Math.max(10, Math.min(40, H - 2 * pad - textBlock - 2));
  const top = (H - (barHeight + 2 + textBlock)) / 2;
  const code = barcode(unit.fnsku, W / 2, top, barHeight, g.module);
  let y = top + barHeight + 2 + codeSize;
  const texts: PreviewText[] = [{ x: W / 2, y, size: codeSize, text: unit.fnsku, anchor: 'middle' }];
  const perLine = Math.floor((W - 2 * pad) / (textSize * 0.55));
  for (const line of wrapTitle(unit.title, perLine, 2)) {
    y += textSize * LINE;
    texts.push({ x: pad, y, size: textSize, text: line, anchor: 'start' });
  }
  y += textSize * LINE;
  texts.push({ x: pad, y, size: textSize, text: unit.condition, anchor: 'start', bold: true });
  return { width: W, height: H, bars: code.bars, bands: [], texts, overflows: code.width + 2 * QUIET_MODULES * g.module > W };
}

export interface CartonPreviewInput {
  boxId: string;
  boxNumber: number;
  boxCount: number;
  shipmentLine: string;
  shipFrom: string[];
  shipTo: { fulfillmentCenterId: string | null; lines: string[] };
  weightText: string | null;
  /** Already translated, heaviest first. */
  marks: string[];
  headings: { from: string; to: string; box: string; weight: string; uncovered: string };
}

/** A carton mark: addresses, shipment, the box id's bars, box N of M, weight and the handling marks. */
export function cartonPreview(g: Geometry, c: CartonPreviewInput): LabelPreviewModel {
  const { width: W, height: H } = g.label;
  const m = 14;
  const column = (W - 2 * m - 10) / 2;
  const texts: PreviewText[] = [
    { x: m, y: m + 7, size: 7, text: c.headings.from, anchor: 'start' },
    { x: m + column + 10, y: m + 7, size: 7, text: c.headings.to, anchor: 'start' },
  ];
  c.shipFrom.slice(0, 7).forEach((l, i) => texts.push({ x: m, y: m + 20 + i * 9.5, size: 8, text: l, anchor: 'start' }));
  if (c.shipTo.fulfillmentCenterId) texts.push({ x: m + column + 10, y: m + 32, size: 24, text: c.shipTo.fulfillmentCenterId, anchor: 'start', bold: true });
  c.shipTo.lines.slice(0, 6).forEach((l, i) => texts.push({ x: m + column + 10, y: m + 46 + i * 9.5, size: 8, text: l, anchor: 'start' }));
  let y = m + 112;
  texts.push({ x: m, y: y + 9, size: 9, text: c.shipmentLine, anchor: 'start' });
  y = m + 128;
  const code = barcode(c.boxId, W / 2, y, 72, g.module);
  y += 76;
  texts.push({ x: W / 2, y: y + 12, size: 13, text: c.boxId, anchor: 'middle' });
  y += 28;
  texts.push({ x: W / 2, y: y + 20, size: 20, text: c.headings.box, anchor: 'middle', bold: true });
  y += 30;
  if (c.weightText) texts.push({ x: W / 2, y: y + 10, size: 10, text: `${c.headings.weight} ${c.weightText}`, anchor: 'middle' });
  y += 18;
  const bands: LabelPreviewModel['bands'] = [];
  for (const mark of c.marks) {
    y += 6;
    bands.push({ x: m, y, width: W - 2 * m, height: 40 });
    texts.push({ x: W / 2, y: y + 26, size: 16, text: mark, anchor: 'middle', bold: true, inverse: true });
    y += 40;
  }
  texts.push({ x: W / 2, y: H - m - 3, size: 7, text: c.headings.uncovered, anchor: 'middle' });
  return { width: W, height: H, bars: code.bars, bands, texts, overflows: code.width + 2 * QUIET_MODULES * g.module > W };
}

export interface SheetLayout {
  page: { width: number; height: number };
  label: { width: number; height: number };
  columns: number;
  rows: number;
  origin: { x: number; y: number };
  pitch: { x: number; y: number };
}

export type CellState = 'skipped' | 'printed' | 'blank';

/**
 * The first sheet as it comes out of the printer: cells before the start position stay as they were (already used),
 * then one label per unit row by row. Also says how many sheets the run takes.
 */
export function firstSheet(layout: SheetLayout, labels: number, startPosition: number): { cells: { x: number; y: number; width: number; height: number; state: CellState }[]; sheets: number } {
  const per = layout.columns * layout.rows;
  const start = Math.min(Math.max(1, startPosition), per) - 1;
  const cells = Array.from({ length: per }, (_, i) => {
    const column = i % layout.columns;
    const row = Math.floor(i / layout.columns);
    const state: CellState = i < start ? 'skipped' : i < start + labels ? 'printed' : 'blank';
    return { x: layout.origin.x + column * layout.pitch.x, y: layout.origin.y + row * layout.pitch.y, width: layout.label.width, height: layout.label.height, state };
  });
  return { cells, sheets: labels <= 0 ? 0 : Math.ceil((start + labels) / per) };
}

/** Pages a run takes: one per label on a roll, sheets otherwise (counting the cells skipped on the first). */
export const pagesFor = (layout: { columns: number; rows: number }, labels: number, startPosition = 1): number =>
  labels <= 0 ? 0 : Math.ceil((Math.max(1, startPosition) - 1 + labels) / (layout.columns * layout.rows));
