import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The label font shipped with the app (assets/fonts, built by scripts/subset-cjk-font.ts from Noto Sans CJK SC), so a
 * label printed on a Windows clerk's PC looks like one printed here. electron-builder copies assets/fonts to
 * `resources/fonts`; from source, the CLI and the built main it is two folders up from this module.
 */
export const BUNDLED_FONT_FILE = 'ErpLabelSansSC-Regular.otf';

export function bundledFontCandidates(): string[] {
  const resources = (process as { resourcesPath?: string }).resourcesPath;
  const here = path.dirname(fileURLToPath(import.meta.url));
  return [
    ...(resources ? [path.join(resources, 'fonts', BUNDLED_FONT_FILE)] : []),
    path.resolve(here, '../../assets/fonts', BUNDLED_FONT_FILE),
  ];
}

export interface BundledFont {
  path: string;
  bytes: Buffer;
  /** Whether the font has a glyph for this code point. */
  covers(codePoint: number): boolean;
}

let cached: BundledFont | null | undefined;

/** Read once per process: pdfkit takes the bytes for every document without touching the disk again. */
export function bundledFont(): BundledFont | null {
  if (cached !== undefined) return cached;
  const file = bundledFontCandidates().find((p) => fs.existsSync(p));
  if (!file) return (cached = null);
  const bytes = fs.readFileSync(file);
  const covers = cmapCoverage(bytes);
  cached = { path: file, bytes, covers };
  return cached;
}

/**
 * The character coverage of an OpenType font, read from its Unicode cmap (format 12, else format 4). Enough for the
 * fonts this app writes; anything else is treated as covering nothing.
 */
export function cmapCoverage(font: Buffer): (codePoint: number) => boolean {
  const tables = font.readUInt16BE(4);
  let cmap = -1;
  for (let i = 0; i < tables; i++) {
    const rec = 12 + i * 16;
    if (font.toString('latin1', rec, rec + 4) === 'cmap') cmap = font.readUInt32BE(rec + 8);
  }
  if (cmap < 0) return () => false;
  const subtables = font.readUInt16BE(cmap + 2);
  let f12 = -1;
  let f4 = -1;
  for (let i = 0; i < subtables; i++) {
    const rec = cmap + 4 + i * 8;
    const at = cmap + font.readUInt32BE(rec + 4);
    const format = font.readUInt16BE(at);
    if (format === 12) f12 = at;
    if (format === 4) f4 = at;
  }
  const ranges: [number, number][] = [];
  if (f12 >= 0) {
    const groups = font.readUInt32BE(f12 + 12);
    for (let g = 0; g < groups; g++) ranges.push([font.readUInt32BE(f12 + 16 + g * 12), font.readUInt32BE(f12 + 20 + g * 12)]);
  } else if (f4 >= 0) {
    const segs = font.readUInt16BE(f4 + 6) / 2;
    for (let s = 0; s < segs; s++) {
      const end = font.readUInt16BE(f4 + 14 + s * 2);
      const start = font.readUInt16BE(f4 + 16 + segs * 2 + s * 2);
      if (start !== 0xffff) ranges.push([start, end]);
    }
  }
  ranges.sort((a, b) => a[0] - b[0]);
  return (cp) => {
    let lo = 0;
    let hi = ranges.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const [start, end] = ranges[mid]!;
      if (cp < start) hi = mid - 1;
      else if (cp > end) lo = mid + 1;
      else return true;
    }
    return false;
  };
}
