import zlib from 'node:zlib';
import { AppError } from '../../shared/ipc/errors';

/**
 * Amazon's own label PDF (FBA inbound v0 `getLabels`, downloaded at once because its URL lives 15 s) kept as Amazon
 * made it: the whole file passes through untouched, and each page can be had as its own PDF for a printer that takes
 * one label at a time. A page PDF is the original file byte for byte plus an incremental update (a PDF feature: objects
 * appended after the original's end) whose catalog holds only that page, so no content stream, font or image of
 * Amazon's is rewritten. Reads classic xref tables and PDF 1.5 xref/object streams; refuses encrypted files.
 */
export interface AmazonLabelPdf {
  pdf: Buffer;
  pageCount: number;
  /** One PDF per page, in reading order. */
  pages(): Buffer[];
}

const refuse = (reason: string): never => {
  throw new AppError('invalid-input', { field: 'pdf', reason });
};

export function amazonLabelPdf(bytes: Uint8Array): AmazonLabelPdf {
  const pdf = Buffer.from(bytes);
  const header = pdf.subarray(0, 1024).indexOf('%PDF-');
  if (header < 0) refuse('not-a-pdf');
  let reader: PdfReader;
  let pageRefs: { num: number; inherited: Map<string, string> }[];
  try {
    reader = new PdfReader(pdf);
    if (reader.trailer.has('Encrypt')) refuse('pdf-encrypted');
    pageRefs = reader.pageTree();
  } catch (err) {
    if (err instanceof AppError) throw err;
    return refuse('pdf-unreadable');
  }
  if (pageRefs.length === 0) refuse('pdf-without-pages');
  return {
    pdf,
    pageCount: pageRefs.length,
    pages: () => pageRefs.map((p) => singlePage(reader, p.num, p.inherited)),
  };
}

const INHERITABLE = ['Resources', 'MediaBox', 'CropBox', 'Rotate'];

function singlePage(reader: PdfReader, pageNum: number, inherited: Map<string, string>): Buffer {
  const size = Number(reader.trailer.get('Size'));
  const [pagesNum, catalogNum, pageCopyNum] = [size, size + 1, size + 2];
  const page = parseDict(reader.object(pageNum));
  page.set('Parent', `${pagesNum} 0 R`);
  for (const [key, value] of inherited) if (!page.has(key)) page.set(key, value);
  const objects: [number, string][] = [
    [pagesNum, `<< /Type /Pages /Kids [${pageCopyNum} 0 R] /Count 1 >>`],
    [catalogNum, `<< /Type /Catalog /Pages ${pagesNum} 0 R >>`],
    [pageCopyNum, serializeDict(page)],
  ];
  const base = reader.bytes;
  let out = base[base.length - 1] === 0x0a ? '' : '\n';
  const offsets: number[] = [];
  for (const [num, body] of objects) {
    offsets.push(base.length + Buffer.byteLength(out, 'latin1'));
    out += `${num} 0 obj\n${body}\nendobj\n`;
  }
  const xrefAt = base.length + Buffer.byteLength(out, 'latin1');
  out += `xref\n0 1\n0000000000 65535 f \n${size} ${objects.length}\n`;
  for (const o of offsets) out += `${String(o).padStart(10, '0')} 00000 n \n`;
  out += `trailer\n<< /Size ${size + objects.length} /Root ${catalogNum} 0 R /Prev ${reader.startxref} >>\nstartxref\n${xrefAt}\n%%EOF\n`;
  return Buffer.concat([base, Buffer.from(out, 'latin1')]);
}

type XrefEntry = { kind: 'offset'; offset: number } | { kind: 'stream'; stream: number; index: number };

class PdfReader {
  readonly xref = new Map<number, XrefEntry>();
  readonly trailer: Map<string, string>;
  readonly startxref: number;
  private readonly objectStreams = new Map<number, { offsets: Map<number, number>; data: string }>();

  constructor(readonly bytes: Buffer) {
    const at = bytes.lastIndexOf('startxref');
    if (at < 0) throw new Error('no startxref');
    this.startxref = Number(/startxref\s+(\d+)/.exec(bytes.toString('latin1', at, at + 40))?.[1]);
    let trailer: Map<string, string> | null = null;
    const seen = new Set<number>();
    let next: number | null = this.startxref;
    while (next !== null && !seen.has(next)) {
      seen.add(next);
      const section = this.readXrefSection(next);
      trailer ??= section;
      const stm = section.get('XRefStm');
      if (stm) this.readXrefSection(Number(stm));
      next = section.has('Prev') ? Number(section.get('Prev')) : null;
    }
    if (!trailer?.has('Root') || !trailer.has('Size')) throw new Error('no trailer');
    this.trailer = trailer;
  }

  /** Reads one xref section (table or stream) into the map, keeping newer entries; returns its trailer dictionary. */
  private readXrefSection(offset: number): Map<string, string> {
    const head = this.bytes.toString('latin1', offset, offset + 4);
    if (head === 'xref') {
      const end = this.bytes.indexOf('trailer', offset);
      const tokens = this.bytes.toString('latin1', offset + 4, end).trim().split(/\s+/);
      for (let i = 0; i < tokens.length; ) {
        const first = Number(tokens[i]);
        const count = Number(tokens[i + 1]);
        i += 2;
        for (let k = 0; k < count; k++, i += 3) {
          if (tokens[i + 2] === 'n' && !this.xref.has(first + k)) this.xref.set(first + k, { kind: 'offset', offset: Number(tokens[i]) });
        }
      }
      const dictStart = this.bytes.indexOf('<<', end);
      return parseDict(this.bytes.toString('latin1', dictStart, this.bytes.indexOf('startxref', dictStart)));
    }
    const { dict, data } = this.streamAt(offset);
    const [w1, w2, w3] = (arrayItems(dict.get('W') ?? '') as string[]).map(Number) as [number, number, number];
    const index = dict.has('Index') ? arrayItems(dict.get('Index')!).map(Number) : [0, Number(dict.get('Size'))];
    const width = w1 + w2 + w3;
    const field = (row: number, from: number, len: number, fallback: number) => {
      if (len === 0) return fallback;
      let v = 0;
      for (let b = 0; b < len; b++) v = v * 256 + data[row * width + from + b]!;
      return v;
    };
    let row = 0;
    for (let s = 0; s < index.length; s += 2) {
      for (let k = 0; k < index[s + 1]!; k++, row++) {
        const num = index[s]! + k;
        const type = field(row, 0, w1, 1);
        if (this.xref.has(num)) continue;
        if (type === 1) this.xref.set(num, { kind: 'offset', offset: field(row, w1, w2, 0) });
        if (type === 2) this.xref.set(num, { kind: 'stream', stream: field(row, w1, w2, 0), index: field(row, w1 + w2, w3, 0) });
      }
    }
    return dict;
  }

  /** The stream object at `offset`: its dictionary and decoded data (Flate, with PNG predictors). */
  private streamAt(offset: number): { dict: Map<string, string>; data: Buffer } {
    const text = this.bytes.toString('latin1', offset, Math.min(this.bytes.length, offset + 4096));
    const dictStart = text.indexOf('<<');
    const dictEnd = matchingDictEnd(text, dictStart);
    const dict = parseDict(text.slice(dictStart, dictEnd));
    const streamKw = text.indexOf('stream', dictEnd);
    let dataStart = offset + streamKw + 'stream'.length;
    if (this.bytes[dataStart] === 0x0d) dataStart++;
    if (this.bytes[dataStart] === 0x0a) dataStart++;
    const length = Number(this.resolve(dict.get('Length') ?? '0'));
    let data = this.bytes.subarray(dataStart, dataStart + length);
    const filter = dict.get('Filter') ?? '';
    if (filter.includes('FlateDecode')) data = zlib.inflateSync(data);
    else if (filter) throw new Error(`filter ${filter}`);
    const parms = dict.has('DecodeParms') ? parseDict(dict.get('DecodeParms')!) : null;
    const predictor = Number(parms?.get('Predictor') ?? 1);
    if (predictor >= 10) data = unpredictPng(data, Number(parms?.get('Columns') ?? 1));
    return { dict, data };
  }

  /** A direct value, or the value of the object an `n g R` reference names. */
  private resolve(value: string): string {
    const ref = /^(\d+)\s+\d+\s+R$/.exec(value.trim());
    return ref ? this.object(Number(ref[1])).trim() : value;
  }

  /** The text of object `num` (its value, without `n g obj … endobj`). */
  object(num: number): string {
    const entry = this.xref.get(num);
    if (!entry) throw new Error(`object ${num} missing`);
    if (entry.kind === 'offset') {
      const text = this.bytes.toString('latin1', entry.offset, this.bytes.indexOf('endobj', entry.offset));
      return text.replace(/^\s*\d+\s+\d+\s+obj/, '').replace(/stream[\s\S]*$/, '');
    }
    let os = this.objectStreams.get(entry.stream);
    if (!os) {
      const streamEntry = this.xref.get(entry.stream);
      if (streamEntry?.kind !== 'offset') throw new Error('object stream missing');
      const { dict, data } = this.streamAt(streamEntry.offset);
      const first = Number(dict.get('First'));
      const pairs = data.toString('latin1', 0, first).trim().split(/\s+/).map(Number);
      const offsets = new Map<number, number>();
      for (let i = 0; i < pairs.length; i += 2) offsets.set(pairs[i]!, first + pairs[i + 1]!);
      os = { offsets, data: data.toString('latin1') };
      this.objectStreams.set(entry.stream, os);
    }
    const start = os.offsets.get(num);
    if (start === undefined) throw new Error(`object ${num} not in its stream`);
    const after = [...os.offsets.values()].filter((o) => o > start).sort((a, b) => a - b)[0] ?? os.data.length;
    return os.data.slice(start, after);
  }

  /** Leaf pages in order, each with the attributes it inherits from its ancestors. */
  pageTree(): { num: number; inherited: Map<string, string> }[] {
    const catalog = parseDict(this.resolve(this.trailer.get('Root')!));
    const pages: { num: number; inherited: Map<string, string> }[] = [];
    const walk = (num: number, inherited: Map<string, string>, depth: number) => {
      if (depth > 64) throw new Error('page tree too deep');
      const node = parseDict(this.object(num));
      if (node.get('Type') === '/Pages' || node.has('Kids')) {
        const next = new Map(inherited);
        for (const key of INHERITABLE) if (node.has(key)) next.set(key, node.get(key)!);
        for (const kid of arrayItems(this.resolve(node.get('Kids') ?? '[]'))) walk(refNumber(kid), next, depth + 1);
      } else {
        pages.push({ num, inherited });
      }
    };
    walk(refNumber(catalog.get('Pages') ?? ''), new Map(), 0);
    return pages;
  }
}

function refNumber(ref: string): number {
  const m = /^(\d+)\s+\d+\s+R$/.exec(ref.trim());
  if (!m) throw new Error(`not a reference: ${ref}`);
  return Number(m[1]);
}

function unpredictPng(data: Buffer, columns: number): Buffer {
  const rowLength = columns + 1;
  const rows = Math.floor(data.length / rowLength);
  const out = Buffer.alloc(rows * columns);
  for (let r = 0; r < rows; r++) {
    const filter = data[r * rowLength]!;
    for (let c = 0; c < columns; c++) {
      const raw = data[r * rowLength + 1 + c]!;
      const left = c > 0 ? out[r * columns + c - 1]! : 0;
      const up = r > 0 ? out[(r - 1) * columns + c]! : 0;
      const upLeft = r > 0 && c > 0 ? out[(r - 1) * columns + c - 1]! : 0;
      let v = raw;
      if (filter === 1) v = raw + left;
      else if (filter === 2) v = raw + up;
      else if (filter === 3) v = raw + ((left + up) >> 1);
      else if (filter === 4) {
        const p = left + up - upLeft;
        const [pa, pb, pc] = [Math.abs(p - left), Math.abs(p - up), Math.abs(p - upLeft)];
        v = raw + (pa <= pb && pa <= pc ? left : pb <= pc ? up : upLeft);
      }
      out[r * columns + c] = v & 0xff;
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------------
// Just enough of PDF's object syntax to read dictionaries and arrays as raw value texts.

const DELIMITERS = '()<>[]{}/%';
const isSpace = (c: string) => c === ' ' || c === '\n' || c === '\r' || c === '\t' || c === '\f' || c === '\0';

/** Index just past the value starting at `i` (a dictionary, array, string, name, number, keyword or reference). */
function valueEnd(s: string, i: number): number {
  const c = s[i];
  if (c === '<' && s[i + 1] === '<') return matchingDictEnd(s, i);
  if (c === '<') return s.indexOf('>', i) + 1;
  if (c === '[') {
    let j = i + 1;
    for (;;) {
      while (j < s.length && isSpace(s[j]!)) j++;
      if (s[j] === ']' || j >= s.length) return j + 1;
      j = valueEnd(s, j);
    }
  }
  if (c === '(') {
    let depth = 0;
    for (let j = i; j < s.length; j++) {
      if (s[j] === '\\') j++;
      else if (s[j] === '(') depth++;
      else if (s[j] === ')' && --depth === 0) return j + 1;
    }
    return s.length;
  }
  let j = i + 1;
  while (j < s.length && !isSpace(s[j]!) && !DELIMITERS.includes(s[j]!)) j++;
  // `n g R` is one value.
  const ref = /^\s+\d+\s+R(?![^\s()<>[\]{}/%])/.exec(s.slice(j, j + 24));
  if (/^\d+$/.test(s.slice(i, j)) && ref) return j + ref[0].length;
  return j;
}

function matchingDictEnd(s: string, start: number): number {
  let depth = 0;
  for (let j = start; j < s.length; j++) {
    if (s[j] === '(') {
      j = valueEnd(s, j) - 1;
    } else if (s[j] === '<' && s[j + 1] === '<') {
      depth++;
      j++;
    } else if (s[j] === '>' && s[j + 1] === '>') {
      depth--;
      j++;
      if (depth === 0) return j + 1;
    }
  }
  throw new Error('unterminated dictionary');
}

export function parseDict(text: string): Map<string, string> {
  const s = text.trim();
  const start = s.indexOf('<<');
  if (start < 0) throw new Error('not a dictionary');
  const end = matchingDictEnd(s, start) - 2;
  const out = new Map<string, string>();
  let i = start + 2;
  for (;;) {
    while (i < end && isSpace(s[i]!)) i++;
    if (i >= end) break;
    if (s[i] !== '/') throw new Error('dictionary key expected');
    const keyEnd = valueEnd(s, i);
    const key = s.slice(i + 1, keyEnd);
    i = keyEnd;
    while (i < end && isSpace(s[i]!)) i++;
    const vEnd = valueEnd(s, i);
    out.set(key, s.slice(i, vEnd).trim());
    i = vEnd;
  }
  return out;
}

function arrayItems(text: string): string[] {
  const s = text.trim();
  if (!s.startsWith('[')) return [];
  const items: string[] = [];
  let i = 1;
  for (;;) {
    while (i < s.length && isSpace(s[i]!)) i++;
    if (i >= s.length || s[i] === ']') return items;
    const e = valueEnd(s, i);
    items.push(s.slice(i, e));
    i = e;
  }
}

const serializeDict = (d: Map<string, string>) => `<< ${[...d].map(([k, v]) => `/${k} ${v}`).join(' ')} >>`;
