/**
 * Builds the label font shipped in assets/fonts: a subset of Noto Sans CJK SC Regular (SIL OFL 1.1) holding what
 * labels print — ASCII, Latin-1 and Latin Extended (European addresses), general punctuation and symbols, every GB2312
 * character (6,763 hanzi plus its symbol rows), JIS X 0208 kanji (Japanese titles), kana, CJK punctuation and
 * fullwidth forms. Run once after changing the character list and commit the result:
 *
 *   npx tsx scripts/subset-cjk-font.ts [--source NotoSansCJK-Regular.ttc] [--out assets/fonts/ErpLabelSansSC-Regular.otf]
 *
 * fontkit subsets the CFF outlines (keeping the subroutines, which is what keeps CJK outlines small); the OpenType
 * wrapper around them (cmap, metrics, names) is written here, because fontkit only emits the bare CFF table.
 * The family is renamed: OFL asks that a modified version not pass itself off as the original.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import * as fontkit from 'fontkit';

interface SourceGlyph {
  id: number;
  path: unknown;
}
interface SourceFont {
  numGlyphs: number;
  unitsPerEm: number;
  copyright: string;
  version: string;
  head: { revision: number; flags: number; created: [number, number]; modified: [number, number]; xMin: number; yMin: number; xMax: number; yMax: number; lowestRecPPEM: number };
  hhea: { ascent: number; descent: number; lineGap: number; numberOfMetrics: number };
  hmtx: { metrics: { get(i: number): { advance: number; bearing: number } }; bearings: { get(i: number): number } };
  post: { underlinePosition: number; underlineThickness: number };
  'OS/2': {
    xAvgCharWidth: number; usWeightClass: number; usWidthClass: number;
    ySubscriptXSize: number; ySubscriptYSize: number; ySubscriptXOffset: number; ySubscriptYOffset: number;
    ySuperscriptXSize: number; ySuperscriptYSize: number; ySuperscriptXOffset: number; ySuperscriptYOffset: number;
    yStrikeoutSize: number; yStrikeoutPosition: number; sFamilyClass: number; panose: number[]; ulCharRange: number[];
    typoAscender: number; typoDescender: number; typoLineGap: number; winAscent: number; winDescent: number;
    codePageRange: number[]; xHeight: number; capHeight: number;
  };
  glyphForCodePoint(cp: number): SourceGlyph;
  getGlyph(id: number): SourceGlyph;
  createSubset(): { includeGlyph(id: number): number; encode(): Uint8Array };
}

const FAMILY = 'ERP Label Sans SC';
const PS_NAME = 'ErpLabelSansSC-Regular';
const ROOT = path.resolve(import.meta.dirname, '..');

const { values } = parseArgs({
  options: {
    source: { type: 'string', default: '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc' },
    face: { type: 'string', default: 'NotoSansCJKsc-Regular' },
    out: { type: 'string', default: path.join(ROOT, 'assets/fonts/ErpLabelSansSC-Regular.otf') },
  },
});

// ---------------------------------------------------------------------------------------------------------------
// Which characters

const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

/** Every character a double-byte legacy code page defines in rows `leadFrom…leadTo`, decoded by the WHATWG decoder. */
function codePageCharacters(encoding: string, leads: number[], trails: number[]): number[] {
  const decoder = new TextDecoder(encoding);
  const out: number[] = [];
  for (const lead of leads) {
    for (const trail of trails) {
      const cp = decoder.decode(new Uint8Array([lead, trail])).codePointAt(0) ?? 0xfffd;
      if (cp !== 0xfffd && cp > 0x7f && !(cp >= 0xe000 && cp <= 0xf8ff)) out.push(cp);
    }
  }
  return out;
}

function wantedCodePoints(): number[] {
  const set = new Set<number>([
    ...range(0x20, 0x7e),
    ...range(0xa0, 0x24f), // Latin-1, Latin Extended-A and -B: names and addresses across the EU marketplaces
    ...range(0x2000, 0x206f), // general punctuation (dashes, quotes, ellipsis, bullets)
    ...range(0x20a0, 0x20bf), // currency signs
    ...range(0x2100, 0x215f), // letterlike symbols and number forms (№, ™, ℃, fractions)
    ...range(0x2160, 0x217f), // Roman numerals
    ...range(0x2190, 0x21ff), // arrows ("this side up")
    ...range(0x2460, 0x24ff), // circled numbers
    ...range(0x25a0, 0x25ff), // geometric shapes
    ...range(0x3000, 0x303f), // CJK punctuation
    ...range(0x3040, 0x30ff), // hiragana, katakana
    ...range(0x31f0, 0x31ff),
    ...range(0xff00, 0xffef), // fullwidth and halfwidth forms
    // GB2312: rows A1–A9 (symbols, Greek, Cyrillic, kana, box drawing), B0–F7 (the 6,763 hanzi)
    ...codePageCharacters('gbk', [...range(0xa1, 0xa9), ...range(0xb0, 0xf7)], range(0xa1, 0xfe)),
    // JIS X 0208 levels 1 and 2 (Shift_JIS lead bytes 88–9F, E0–EA): the kanji of amazon.co.jp titles
    ...codePageCharacters('shift_jis', [...range(0x88, 0x9f), ...range(0xe0, 0xea)], [...range(0x40, 0x7e), ...range(0x80, 0xfc)]),
  ]);
  return [...set].sort((a, b) => a - b);
}

// ---------------------------------------------------------------------------------------------------------------
// A tiny big-endian writer

class Writer {
  private bytes: number[] = [];
  u8(v: number) { this.bytes.push(v & 0xff); return this; }
  u16(v: number) { return this.u8(v >> 8).u8(v); }
  i16(v: number) { return this.u16(v < 0 ? v + 0x10000 : v); }
  u32(v: number) { return this.u16(Math.floor(v / 0x10000) & 0xffff).u16(v & 0xffff); }
  i32(v: number) { return this.u32(v < 0 ? v + 0x100000000 : v); }
  tag(t: string) { for (const ch of t.padEnd(4, ' ').slice(0, 4)) this.u8(ch.charCodeAt(0)); return this; }
  raw(b: Uint8Array) { for (const x of b) this.bytes.push(x); return this; }
  get length() { return this.bytes.length; }
  done() { return Uint8Array.from(this.bytes); }
}

const utf16be = (s: string) => {
  const w = new Writer();
  for (let i = 0; i < s.length; i++) w.u16(s.charCodeAt(i));
  return w.done();
};

// ---------------------------------------------------------------------------------------------------------------
// Tables

interface Mapping {
  /** code point → glyph id in the subset */
  cmap: Map<number, number>;
  advances: number[];
  bearings: number[];
}

function cmapTable(cmap: Map<number, number>): Uint8Array {
  const entries = [...cmap.entries()].sort((a, b) => a[0] - b[0]);
  // Runs where code point and glyph id both step by one: one group (format 12) or one segment (format 4) each.
  const runs: { start: number; end: number; glyph: number }[] = [];
  for (const [cp, gid] of entries) {
    const last = runs[runs.length - 1];
    if (last && cp === last.end + 1 && gid === last.glyph + (cp - last.start)) last.end = cp;
    else runs.push({ start: cp, end: cp, glyph: gid });
  }
  const f12 = new Writer().u16(12).u16(0).u32(16 + runs.length * 12).u32(0).u32(runs.length);
  for (const r of runs) f12.u32(r.start).u32(r.end).u32(r.glyph);

  const segments = [...runs.filter((r) => r.end < 0xffff).map((r) => ({ start: r.start, end: r.end, delta: (r.glyph - r.start) & 0xffff })), { start: 0xffff, end: 0xffff, delta: 1 }];
  const segX2 = segments.length * 2;
  const log2 = Math.floor(Math.log2(segments.length));
  const f4 = new Writer().u16(4).u16(16 + segments.length * 8).u16(0).u16(segX2).u16(2 ** (log2 + 1)).u16(log2).u16(segX2 - 2 ** (log2 + 1));
  for (const s of segments) f4.u16(s.end);
  f4.u16(0);
  for (const s of segments) f4.u16(s.start);
  for (const s of segments) f4.u16(s.delta);
  for (let i = 0; i < segments.length; i++) f4.u16(0);
  if (f4.length > 0xffff) throw new Error('cmap format 4 overflows; drop it or the character list');

  const header = 4 + 3 * 8;
  return new Writer()
    .u16(0).u16(3)
    .u16(0).u16(4).u32(header + f4.length) // Unicode full repertoire → format 12
    .u16(3).u16(1).u32(header) // Windows BMP → format 4
    .u16(3).u16(10).u32(header + f4.length) // Windows full repertoire → format 12
    .raw(f4.done())
    .raw(f12.done())
    .done();
}

function nameTable(src: SourceFont): Uint8Array {
  const names: [number, string][] = [
    [0, `${src.copyright} Subset and renamed for Seller ERP labels; derived from Noto Sans CJK SC Regular.`],
    [1, FAMILY],
    [2, 'Regular'],
    [3, `${PS_NAME};${src.version.split(';')[0]}`],
    [4, `${FAMILY} Regular`],
    [5, src.version.split(';')[0] ?? 'Version 1.000'],
    [6, PS_NAME],
    [13, 'This Font Software is licensed under the SIL Open Font License, Version 1.1. See OFL.txt beside this file.'],
    [14, 'https://openfontlicense.org'],
  ];
  const strings = names.map(([, s]) => utf16be(s));
  const w = new Writer().u16(0).u16(names.length).u16(6 + names.length * 12);
  let offset = 0;
  names.forEach(([id], i) => {
    const len = strings[i]!.length;
    w.u16(3).u16(1).u16(0x409).u16(id).u16(len).u16(offset);
    offset += len;
  });
  for (const s of strings) w.raw(s);
  return w.done();
}

function buildTables(src: SourceFont, cff: Uint8Array, m: Mapping): Record<string, Uint8Array> {
  const n = m.advances.length;
  const cps = [...m.cmap.keys()];
  const os2 = src['OS/2'];
  const advanceMax = Math.max(...m.advances);

  const head = new Writer()
    .u32(0x00010000).i32(src.head.revision).u32(0).u32(0x5f0f3cf5).u16(src.head.flags).u16(src.unitsPerEm)
    .i32(src.head.created[0]).i32(src.head.created[1]).i32(src.head.modified[0]).i32(src.head.modified[1])
    .i16(src.head.xMin).i16(src.head.yMin).i16(src.head.xMax).i16(src.head.yMax)
    .u16(0).u16(src.head.lowestRecPPEM).i16(2).i16(0).i16(0);
  const hhea = new Writer()
    .u32(0x00010000).i16(src.hhea.ascent).i16(src.hhea.descent).i16(src.hhea.lineGap).u16(advanceMax)
    .i16(Math.min(...m.bearings)).i16(0).i16(src.head.xMax).i16(1).i16(0).i16(0).i16(0).i16(0).i16(0).i16(0).i16(0).u16(n);
  const maxp = new Writer().u32(0x00005000).u16(n);
  const hmtx = new Writer();
  for (let i = 0; i < n; i++) hmtx.u16(m.advances[i]!).i16(m.bearings[i]!);
  const os2w = new Writer()
    .u16(3).i16(os2.xAvgCharWidth).u16(os2.usWeightClass).u16(os2.usWidthClass).u16(0)
    .i16(os2.ySubscriptXSize).i16(os2.ySubscriptYSize).i16(os2.ySubscriptXOffset).i16(os2.ySubscriptYOffset)
    .i16(os2.ySuperscriptXSize).i16(os2.ySuperscriptYSize).i16(os2.ySuperscriptXOffset).i16(os2.ySuperscriptYOffset)
    .i16(os2.yStrikeoutSize).i16(os2.yStrikeoutPosition).i16(os2.sFamilyClass);
  for (const p of os2.panose) os2w.u8(p);
  for (const r of os2.ulCharRange) os2w.u32(r >>> 0);
  os2w.tag('NONE').u16(0x40)
    .u16(Math.min(...cps)).u16(Math.min(0xffff, Math.max(...cps)))
    .i16(os2.typoAscender).i16(os2.typoDescender).i16(os2.typoLineGap).u16(os2.winAscent).u16(os2.winDescent)
    .u32(os2.codePageRange[0]! >>> 0).u32(os2.codePageRange[1]! >>> 0)
    .i16(os2.xHeight).i16(os2.capHeight).u16(0).u16(32).u16(1);
  const post = new Writer().u32(0x00030000).u32(0).i16(src.post.underlinePosition).i16(src.post.underlineThickness).u32(0).u32(0).u32(0).u32(0).u32(0);

  return {
    'CFF ': cff,
    'OS/2': os2w.done(),
    cmap: cmapTable(m.cmap),
    head: head.done(),
    hhea: hhea.done(),
    hmtx: hmtx.done(),
    maxp: maxp.done(),
    name: nameTable(src),
    post: post.done(),
  };
}

const checksum = (b: Uint8Array) => {
  let sum = 0;
  for (let i = 0; i < b.length; i += 4) sum = (sum + ((b[i]! << 24) | ((b[i + 1] ?? 0) << 16) | ((b[i + 2] ?? 0) << 8) | (b[i + 3] ?? 0))) >>> 0;
  return sum;
};

function assemble(tables: Record<string, Uint8Array>): Uint8Array {
  const tags = Object.keys(tables).sort();
  const log2 = Math.floor(Math.log2(tags.length));
  const dir = new Writer().tag('OTTO').u16(tags.length).u16(16 * 2 ** log2).u16(log2).u16(tags.length * 16 - 16 * 2 ** log2);
  let offset = 12 + tags.length * 16;
  const body = new Writer();
  let headOffset = 0;
  for (const tag of tags) {
    const data = tables[tag]!;
    if (tag === 'head') headOffset = offset;
    dir.tag(tag).u32(checksum(data)).u32(offset).u32(data.length);
    body.raw(data);
    while (body.length % 4) body.u8(0);
    offset = 12 + tags.length * 16 + body.length;
  }
  const file = Uint8Array.from([...dir.done(), ...body.done()]);
  // The whole-file checksum lives in head.checkSumAdjustment (bytes 8–11 of head).
  const adjust = (0xb1b0afba - checksum(file)) >>> 0;
  file[headOffset + 8] = adjust >>> 24;
  file[headOffset + 9] = (adjust >>> 16) & 0xff;
  file[headOffset + 10] = (adjust >>> 8) & 0xff;
  file[headOffset + 11] = adjust & 0xff;
  return file;
}

// ---------------------------------------------------------------------------------------------------------------

function main() {
  const collection = fontkit.openSync(values.source) as unknown as { getFont?(name: string): SourceFont } & SourceFont;
  const src = collection.getFont ? collection.getFont(values.face) : collection;
  if (!src) throw new Error(`no face ${values.face} in ${values.source}`);

  const subset = src.createSubset();
  const cmap = new Map<number, number>();
  const advances: number[] = [];
  const bearings: number[] = [];
  const metricsOf = (gid: number) => {
    if (gid < src.hhea.numberOfMetrics) return src.hmtx.metrics.get(gid);
    return { advance: src.hmtx.metrics.get(src.hhea.numberOfMetrics - 1).advance, bearing: src.hmtx.bearings.get(gid - src.hhea.numberOfMetrics) };
  };
  const include = (oldId: number) => {
    const before = advances.length;
    const newId = subset.includeGlyph(oldId);
    if (newId === before) {
      const mtx = metricsOf(oldId);
      advances.push(mtx.advance);
      bearings.push(mtx.bearing);
    }
    return newId;
  };
  include(0);
  let missing = 0;
  for (const cp of wantedCodePoints()) {
    const glyph = src.glyphForCodePoint(cp);
    if (glyph.id === 0) {
      missing++;
      continue;
    }
    cmap.set(cp, include(glyph.id));
  }
  const cff = subset.encode();
  const font = assemble(buildTables(src, cff, { cmap, advances, bearings }));
  fs.mkdirSync(path.dirname(values.out), { recursive: true });
  fs.writeFileSync(values.out, font);
  console.log(JSON.stringify({ out: path.relative(ROOT, values.out), characters: cmap.size, glyphs: advances.length, notInSource: missing, bytes: font.length }));
}

main();
