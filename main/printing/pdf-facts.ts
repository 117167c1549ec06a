import { amazonLabelPdf } from '../labels';

const MEDIA_BOX = /\/MediaBox\s*\[\s*([-\d.]+)\s+([-\d.]+)\s+([-\d.]+)\s+([-\d.]+)\s*\]/;

/** Pages in a PDF, read from its page tree (the same reader that checks Amazon's label files). */
export const pdfPageCount = (pdf: Buffer): number => amazonLabelPdf(pdf).pageCount;

/**
 * The first page's size in points, or null when the file does not say it plainly. The reader's one-page copy writes
 * that page's dictionary (inherited attributes included) as plain text after the original bytes, so the MediaBox is
 * read there rather than parsed out of compressed object streams.
 */
export function pdfFirstPageSize(pdf: Buffer): { width: number; height: number } | null {
  const [first] = amazonLabelPdf(pdf).pages();
  if (!first) return null;
  const m = MEDIA_BOX.exec(first.subarray(pdf.length).toString('latin1'));
  if (!m) return null;
  const [x0, y0, x1, y1] = m.slice(1, 5).map(Number) as [number, number, number, number];
  return { width: Math.abs(x1 - x0), height: Math.abs(y1 - y0) };
}
