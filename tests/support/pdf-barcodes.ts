import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

/**
 * Checks a printed PDF the way a printer and a scanner see it: page sizes read back from the file, pages rasterised by
 * poppler's `pdftoppm`, barcodes decoded by a real reader (`zbarimg`). Debian packages poppler-utils and zbar-tools.
 */

/** Every page's MediaBox, in order (pdfkit writes page dictionaries uncompressed). */
export function pdfPageSizes(pdf: Buffer): { width: number; height: number }[] {
  return [...pdf.toString('latin1').matchAll(/\/MediaBox\s*\[\s*([-\d.]+)\s+([-\d.]+)\s+([-\d.]+)\s+([-\d.]+)\s*\]/g)].map((m) => ({
    width: Number(m[3]) - Number(m[1]),
    height: Number(m[4]) - Number(m[2]),
  }));
}

/** PNGs of the pages at `dpi`, in page order; `crop` (pixels) rasterises only part of each page. */
export function rasterize(pdfFile: string, dpi: number, crop?: { x: number; y: number; width: number; height: number }): string[] {
  const prefix = `${pdfFile.replace(/\.pdf$/, '')}-${dpi}${crop ? `-${crop.x}-${crop.y}` : ''}`;
  const cropArgs = crop ? ['-x', String(crop.x), '-y', String(crop.y), '-W', String(crop.width), '-H', String(crop.height)] : [];
  execFileSync('pdftoppm', ['-r', String(dpi), ...cropArgs, '-png', pdfFile, prefix]);
  const dir = path.dirname(prefix);
  const base = path.basename(prefix);
  return fs
    .readdirSync(dir)
    .filter((f) => f.startsWith(`${base}-`) && f.endsWith('.png') && /^\d+$/.test(f.slice(base.length + 1, -4)))
    .sort((a, b) => Number(a.slice(base.length + 1, -4)) - Number(b.slice(base.length + 1, -4)))
    .map((f) => path.join(dir, f));
}

/**
 * The symbols zbarimg decodes in one image, as `TYPE:data`, sorted. zbar reports identical symbols in one image once,
 * so callers put distinct codes on a page when they count labels.
 */
export function decodeImage(png: string): string[] {
  const res = spawnSync('zbarimg', ['-q', png], { encoding: 'utf8' });
  // Exit 4: the image holds no barcode.
  if (res.status === 4) return [];
  if (res.status !== 0) throw new Error(`zbarimg failed (${res.status}): ${res.stderr}`);
  return res.stdout.trim().split('\n').filter(Boolean).sort();
}

export function pdfText(pdfFile: string, page?: number): string {
  return execFileSync('pdftotext', [...(page ? ['-f', String(page), '-l', String(page)] : []), pdfFile, '-'], { encoding: 'utf8' });
}

export function pdfFonts(pdfFile: string): string {
  return execFileSync('pdffonts', [pdfFile], { encoding: 'utf8' });
}

export function pdfPageCount(pdfFile: string): number {
  return Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [pdfFile], { encoding: 'utf8' }))?.[1]);
}
