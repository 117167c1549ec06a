/**
 * Physical label stock. Everything is in PDF points (1/72 in): a PDF page printed at "actual size" lands on the stock
 * exactly, so sizes are written from the stock's own unit (in for US stock, mm for the rest) and never rounded.
 */

const IN = 72;
const MM = 72 / 25.4;

export const FNSKU_LAYOUTS = ['thermal-57x32', 'thermal-50x30', 'letter-30up', 'a4-24up', 'a4-40up'] as const;
export const CARTON_LAYOUTS = ['carton-4x6', 'carton-100x150'] as const;
export type FnskuLayoutName = (typeof FNSKU_LAYOUTS)[number];
export type CartonLayoutName = (typeof CARTON_LAYOUTS)[number];
export type LabelLayoutName = FnskuLayoutName | CartonLayoutName;

export interface LabelLayout {
  name: LabelLayoutName;
  kind: 'fnsku' | 'carton';
  /** A roll prints one label per page; a sheet holds `columns × rows` cells. */
  media: 'roll' | 'sheet';
  description: string;
  page: { width: number; height: number };
  label: { width: number; height: number };
  columns: number;
  rows: number;
  /** Top-left corner of the first cell, and the distance from one cell's corner to the next. */
  origin: { x: number; y: number };
  pitch: { x: number; y: number };
  /**
   * Width of one barcode module: two dots of a 203 dpi thermal head on rolls and carton labels (Amazon's own labels
   * use about 0.25 mm), 1/100 in on sheets (three dots at 300 dpi, six at 600), so every bar is whole dots wide.
   */
  module: number;
}

const single = (name: LabelLayoutName, kind: 'fnsku' | 'carton', description: string, width: number, height: number, module: number): LabelLayout => ({
  name, kind, media: 'roll', description, page: { width, height }, label: { width, height }, columns: 1, rows: 1, origin: { x: 0, y: 0 }, pitch: { x: width, y: height }, module,
});

const THERMAL_MODULE = (2 / 203) * IN;
const SHEET_MODULE = IN / 100;

export const labelLayouts: readonly LabelLayout[] = [
  single('thermal-57x32', 'fnsku', 'Thermal roll 2.25 × 1.25 in (57 × 32 mm)', 2.25 * IN, 1.25 * IN, THERMAL_MODULE),
  single('thermal-50x30', 'fnsku', 'Thermal roll 50 × 30 mm', 50 * MM, 30 * MM, THERMAL_MODULE),
  {
    // Avery 5160 geometry: 3/16 in side margins, 1/2 in top margin, 1/8 in between columns, rows touching.
    name: 'letter-30up', kind: 'fnsku', media: 'sheet', description: 'US Letter, 30 labels 1 × 2⅝ in (3 × 10, Avery 5160)',
    page: { width: 8.5 * IN, height: 11 * IN }, label: { width: 2.625 * IN, height: 1 * IN }, columns: 3, rows: 10,
    origin: { x: 0.1875 * IN, y: 0.5 * IN }, pitch: { x: 2.75 * IN, y: 1 * IN }, module: SHEET_MODULE,
  },
  {
    name: 'a4-24up', kind: 'fnsku', media: 'sheet', description: 'A4, 24 labels 70 × 37 mm (3 × 8)',
    page: { width: 210 * MM, height: 297 * MM }, label: { width: 70 * MM, height: 37 * MM }, columns: 3, rows: 8,
    origin: { x: 0, y: 0.5 * MM }, pitch: { x: 70 * MM, y: 37 * MM }, module: SHEET_MODULE,
  },
  {
    name: 'a4-40up', kind: 'fnsku', media: 'sheet', description: 'A4, 40 labels 52.5 × 29.7 mm (4 × 10)',
    page: { width: 210 * MM, height: 297 * MM }, label: { width: 52.5 * MM, height: 29.7 * MM }, columns: 4, rows: 10,
    origin: { x: 0, y: 0 }, pitch: { x: 52.5 * MM, y: 29.7 * MM }, module: SHEET_MODULE,
  },
  single('carton-4x6', 'carton', 'Carton label 4 × 6 in', 4 * IN, 6 * IN, THERMAL_MODULE),
  single('carton-100x150', 'carton', 'Carton label 100 × 150 mm', 100 * MM, 150 * MM, THERMAL_MODULE),
];

export const cellsPerPage = (layout: LabelLayout): number => layout.columns * layout.rows;

export function findLayout(name: string): LabelLayout | undefined {
  return labelLayouts.find((l) => l.name === name);
}

/** Top-left corner of cell `index` (0-based, row by row) on its page. */
export function cellOrigin(layout: LabelLayout, index: number): { x: number; y: number } {
  const column = index % layout.columns;
  const row = Math.floor(index / layout.columns) % layout.rows;
  return { x: layout.origin.x + column * layout.pitch.x, y: layout.origin.y + row * layout.pitch.y };
}
