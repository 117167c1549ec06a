import PDFDocument from 'pdfkit';
import { AppError } from '../../shared/ipc/errors';
import { bundledFont } from './bundled-font';
import { pickFont, SYSTEM_CJK_FONTS, type FontChoice } from './cjk-font';
import { code128BBars, code128BModules } from './code128';
import type { PdfDoc } from './pdf-document';

const MAIN = 'label';
const SYSTEM = 'label-system';

/**
 * Letters Noto Sans CJK does not draw (much of Latin Extended: Polish, Czech, Turkish…) printed as their base letter,
 * so a Łódź address reads "Lodz" rather than showing empty boxes. Letters with a canonical decomposition lose their
 * accents through NFD; these have none.
 */
const BASE_LETTER: Record<string, string> = { Ł: 'L', ł: 'l', Đ: 'D', đ: 'd', Ħ: 'H', ħ: 'h', ı: 'i', Ŀ: 'L', ŀ: 'l', Ŧ: 'T', ŧ: 't', ĸ: 'k', Ŋ: 'N', ŋ: 'n', ſ: 's', Ə: 'E', ə: 'e', Ø: 'O', ø: 'o' };
const LATIN_EXTENDED_END = 0x24f;

export type Align = 'left' | 'center' | 'right';

/** A text ready to draw: characters the font lacks replaced, and which registered font draws it. */
interface Prepared {
  text: string;
  font: string;
}

/**
 * A label PDF: pages of one size, the bundled font (else a system CJK font, else Helvetica for Latin-only text),
 * widths measured once per character, text fitted to a box with an ellipsis. Labels are drawn with absolute positions;
 * nothing here flows text across pages.
 */
export class LabelPdf {
  readonly doc: PdfDoc;
  readonly done: Promise<Buffer>;
  private readonly covers: (cp: number) => boolean;
  private readonly hasSystemFallback: boolean;
  private readonly widths = new Map<string, Map<string, number>>();
  private readonly prepared = new Map<string, Prepared>();
  private readonly forms = new Map<string, { name: string; ref: PDFKit.PDFKitReference }>();

  constructor(options: FontChoice & { title: string; texts: readonly string[] }) {
    this.doc = new PDFDocument({ autoFirstPage: false, margin: 0, info: { Title: options.title, Author: 'Seller ERP' } });
    const chunks: Buffer[] = [];
    this.done = new Promise<Buffer>((resolve, reject) => {
      this.doc.on('data', (c: Buffer) => chunks.push(c));
      this.doc.on('end', () => resolve(Buffer.concat(chunks)));
      this.doc.on('error', reject);
    });

    const bundled = options.fontPath ? null : bundledFont();
    const system = pickFont(options);
    if (bundled) {
      this.doc.registerFont(MAIN, bundled.bytes);
      this.covers = bundled.covers;
      // A system font is only worth loading when some text has a character neither the font nor a base letter covers.
      const needsSystem = system !== null && options.texts.some((t) => !this.coveredAfterFolding(t));
      if (needsSystem && system) registerFile(this.doc, SYSTEM, system);
      this.hasSystemFallback = needsSystem;
    } else if (system) {
      registerFile(this.doc, MAIN, system);
      this.covers = () => true;
      this.hasSystemFallback = false;
    } else {
      const latinOnly = options.texts.every((t) => [...t].every((ch) => (ch.codePointAt(0) ?? 0) <= 0xff));
      if (!latinOnly) throw new AppError('not-found', { entity: 'cjk-font', tried: SYSTEM_CJK_FONTS.map((f) => f.path) });
      this.doc.registerFont(MAIN, 'Helvetica');
      this.covers = (cp) => cp <= 0xff;
      this.hasSystemFallback = false;
    }
  }

  addPage(width: number, height: number): void {
    this.doc.addPage({ size: [width, height], margin: 0 });
  }

  /** Collapses whitespace and replaces what the font cannot draw; cached, labels repeat the same texts. */
  prepare(raw: string): Prepared {
    const hit = this.prepared.get(raw);
    if (hit) return hit;
    // eslint-disable-next-line no-control-regex
    const clean = raw.replace(/[\u0000-\u001f\u007f]/g, ' ').replace(/\s+/g, ' ').trim();
    const folded = [...clean].map((ch) => (this.covers(ch.codePointAt(0) ?? 0) ? ch : this.fold(ch))).join('');
    const result: Prepared =
      this.hasSystemFallback && ![...folded].every((ch) => this.covers(ch.codePointAt(0) ?? 0)) ? { text: clean, font: SYSTEM } : { text: folded, font: MAIN };
    this.prepared.set(raw, result);
    return result;
  }

  width(p: Prepared, size: number): number {
    let perFont = this.widths.get(p.font);
    if (!perFont) this.widths.set(p.font, (perFont = new Map()));
    let sum = 0;
    for (const ch of p.text) {
      let w = perFont.get(ch);
      if (w === undefined) {
        w = this.doc.font(p.font).fontSize(1).widthOfString(ch);
        perFont.set(ch, w);
      }
      sum += w;
    }
    return sum * size;
  }

  /**
   * Breaks `raw` into at most `maxLines` lines of `width` at `size` (between words, or between any two CJK characters),
   * ending the last line with "…" when the text does not fit.
   */
  fit(raw: string, size: number, width: number, maxLines: number): Prepared[] {
    const p = this.prepare(raw);
    const tokens = p.text.match(/[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef](?: )?|[^ \u2e80-\u9fff\uf900-\ufaff\uff00-\uffef]+ ?| /g) ?? [];
    const lines: string[] = [];
    // The last line as it was filled, trailing space included: an ellipsis goes on from there.
    let lastRaw = '';
    let line = '';
    let i = 0;
    const w = (s: string) => this.width({ text: s, font: p.font }, size);
    while (i < tokens.length && lines.length < maxLines) {
      const token = tokens[i]!;
      if (w((line + token).trimEnd()) <= width) {
        line += token;
        i++;
      } else if (line === '') {
        // A single word wider than the line: break it between characters.
        const chars = [...token];
        let take = 0;
        while (take < chars.length && w(chars.slice(0, take + 1).join('')) <= width) take++;
        line = chars.slice(0, Math.max(1, take)).join('');
        tokens[i] = chars.slice(Math.max(1, take)).join('');
        lines.push(line);
        lastRaw = line;
        line = '';
      } else {
        lines.push(line.trimEnd());
        lastRaw = line;
        line = '';
      }
    }
    if (line && lines.length < maxLines) {
      lines.push(line.trimEnd());
      lastRaw = line;
    }
    if (i < tokens.length && lines.length) {
      const rest = [...`${lastRaw}${tokens.slice(i).join('')}`.trimEnd()];
      let keep = rest.length;
      while (keep > 0 && w(`${rest.slice(0, keep).join('').trimEnd()}…`) > width) keep--;
      // Cut Latin text at a word boundary when one is near, rather than mid-word.
      const space = rest.lastIndexOf(' ', keep);
      if (/[A-Za-z0-9]/.test(rest[keep] ?? '') && space > keep * 0.7) keep = space;
      lines[lines.length - 1] = `${rest.slice(0, keep).join('').trimEnd()}…`;
    }
    return lines.filter((l) => l.length > 0).map((text) => ({ text, font: p.font }));
  }

  /** Draws one line with its baseline at `baseline`; `x` is the left edge, centre or right edge per `align`. */
  line(p: Prepared, x: number, baseline: number, size: number, align: Align = 'left', color = '#000000'): number {
    const textWidth = this.width(p, size);
    const left = align === 'left' ? x : align === 'center' ? x - textWidth / 2 : x - textWidth;
    this.doc.font(p.font).fontSize(size).fillColor(color).text(p.text, left, baseline, { lineBreak: false, baseline: 'alphabetic', textWidth, wordCount: 1 } as PDFKit.Mixins.TextOptions);
    return textWidth;
  }

  /**
   * Draws `draw` (at the origin) once into a PDF form XObject and places that at (x, y) on the current page: a run of
   * 200 copies of one FNSKU, or the shipment's addresses on every carton, is written and laid out once, then referenced.
   * pdfkit has no public API for forms, so its page content and resources are pointed at the form while drawing.
   */
  stamp(key: string, width: number, height: number, draw: () => void, x: number, y: number): void {
    let form = this.forms.get(key);
    if (!form) {
      const page = this.doc.page as unknown as PageInternals;
      const resources = this.doc.ref({ ProcSet: ['PDF', 'Text', 'ImageB', 'ImageC', 'ImageI'] });
      // Text may overshoot the box by a little (ascenders, the ellipsis); the box only bounds what a reader must paint.
      const ref = this.doc.ref({ Type: 'XObject', Subtype: 'Form', FormType: 1, BBox: [-10, -10, width + 10, height + 10], Resources: resources });
      const [content, pageResources] = [page.content, page.resources];
      page.content = ref;
      page.resources = resources;
      try {
        draw();
      } finally {
        page.content = content;
        page.resources = pageResources;
      }
      ref.end('');
      resources.end('');
      form = { name: `Lbl${this.forms.size + 1}`, ref };
      this.forms.set(key, form);
    }
    (this.doc.page as unknown as PageInternals).xobjects[form.name] = form.ref;
    this.doc.save().translate(x, y);
    this.doc.addContent(`/${form.name} Do`);
    this.doc.restore();
  }

  /** A Code 128 B symbol with bars `height` tall whose left quiet zone starts at `x`; returns the full width. */
  barcode(text: string, x: number, y: number, module: number, height: number, quietModules = 10): number {
    for (const bar of barcodeBars(text)) this.doc.rect(x + (quietModules + bar.x) * module, y, bar.width * module, height);
    this.doc.fillColor('#000000').fill();
    return barcodeWidth(text, module, quietModules);
  }

  private fold(ch: string): string {
    const base = BASE_LETTER[ch] ?? ch.normalize('NFD').replace(/[\u0300-\u036f]/g, '');
    return base && [...base].every((c) => this.covers(c.codePointAt(0) ?? 0)) ? base : ch;
  }

  private coveredAfterFolding(text: string): boolean {
    return [...text].every((ch) => {
      const cp = ch.codePointAt(0) ?? 0;
      return this.covers(cp) || cp < 0x20 || (cp <= LATIN_EXTENDED_END && this.fold(ch) !== ch) || /\s/.test(ch);
    });
  }
}

/** The parts of pdfkit's page object a form borrows while it is drawn. */
interface PageInternals {
  content: PDFKit.PDFKitReference;
  resources: PDFKit.PDFKitReference;
  xobjects: Record<string, PDFKit.PDFKitReference>;
}

function registerFile(doc: PdfDoc, name: string, font: { path: string; family?: string }) {
  if (font.family) doc.registerFont(name, font.path, font.family);
  else doc.registerFont(name, font.path);
}

/** Bars of a symbol, computed once per text: a run of labels prints the same few codes many times. */
const barsCache = new Map<string, { x: number; width: number }[]>();
function barcodeBars(text: string) {
  let bars = barsCache.get(text);
  if (!bars) {
    bars = code128BBars(text);
    if (barsCache.size > 10_000) barsCache.clear();
    barsCache.set(text, bars);
  }
  return bars;
}

const modulesCache = new Map<string, number>();
export function barcodeWidth(text: string, module: number, quietModules = 10): number {
  let modules = modulesCache.get(text);
  if (modules === undefined) {
    modules = code128BModules(text);
    if (modulesCache.size > 10_000) modulesCache.clear();
    modulesCache.set(text, modules);
  }
  return (modules + 2 * quietModules) * module;
}
