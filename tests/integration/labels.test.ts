import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import PDFDocument from 'pdfkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { amazonLabelPdf, findLayout, labelLayouts, renderCartonLabels, renderFnskuLabels, type CartonLabelBox, type FnskuLabelItem } from '../../main/labels';
import { decodeImage, pdfFonts, pdfPageCount, pdfPageSizes, pdfText, rasterize } from '../support/pdf-barcodes';

/** PNGs of every layout stay here for a person to look at. */
const SCREENS = path.resolve('test-results/labels');
let dir: string;

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'erp-labels-'));
  fs.mkdirSync(SCREENS, { recursive: true });
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const save = (name: string, pdf: Buffer) => {
  const file = path.join(dir, `${name}.pdf`);
  fs.writeFileSync(file, pdf);
  return file;
};
const keepPng = (png: string, name: string) => fs.copyFileSync(png, path.join(SCREENS, `${name}.png`));

const TITLES = [
  'Wireless Bluetooth Earbuds with Charging Case, 40H Playtime, IPX7 Waterproof, Deep Bass, Touch Control, Black',
  '蓝牙耳机 无线降噪 运动型 超长续航 黑色 适用于苹果华为小米手机 双耳入耳式 大电量',
  'Stainless Steel Water Bottle 750 ml',
  'Łódź Kaffeebecher – Überraschung, 350 ml',
];
const fnskuOf = (i: number) => `X00LBL${String(i).padStart(4, '0')}`;
const distinctItems = (n: number): FnskuLabelItem[] => Array.from({ length: n }, (_, i) => ({ fnsku: fnskuOf(i), title: TITLES[i % TITLES.length]!, copies: 1 }));

describe('FNSKU labels', () => {
  const fnskuLayouts = labelLayouts.filter((l) => l.kind === 'fnsku');

  it('has the five layouts at their physical sizes', () => {
    expect(fnskuLayouts.map((l) => [l.name, Math.round(l.page.width * 100) / 100, Math.round(l.page.height * 100) / 100, l.cells])).toEqual([
      ['thermal-57x32', 162, 90, 1],
      ['thermal-50x30', 141.73, 85.04, 1],
      ['letter-30up', 612, 792, 30],
      ['a4-24up', 595.28, 841.89, 24],
      ['a4-40up', 595.28, 841.89, 40],
    ]);
  });

  for (const layout of labelLayouts.filter((l) => l.kind === 'fnsku')) {
    it(`${layout.name}: exact page size, and every label on the page decodes to its FNSKU`, async () => {
      // A full sheet of distinct codes (zbar merges identical symbols within one image), or three roll labels.
      const count = layout.media === 'sheet' ? layout.cells : 3;
      const items = distinctItems(count);
      const pdf = await renderFnskuLabels(items, { layout: layout.name as never, language: 'zh-CN' });
      const sizes = pdfPageSizes(pdf);
      expect(sizes).toHaveLength(layout.media === 'sheet' ? 1 : 3);
      for (const size of sizes) {
        expect(Math.abs(size.width - layout.page.width)).toBeLessThanOrEqual(0.5);
        expect(Math.abs(size.height - layout.page.height)).toBeLessThanOrEqual(0.5);
      }
      const pngs = rasterize(save(layout.name, pdf), 300);
      keepPng(pngs[0]!, layout.name);
      const decoded = pngs.flatMap(decodeImage).sort();
      expect(decoded).toEqual(items.map((i) => `CODE-128:${i.fnsku}`).sort());
    });
  }

  it('prints each copy: three copies on a roll are three pages with the same code', async () => {
    const pdf = await renderFnskuLabels([{ fnsku: 'X001ABCDEF', title: 'Mug', copies: 3 }, { fnsku: 'B0CXYZ1234', title: 'Mug lid', copies: 1 }], { layout: 'thermal-50x30', language: 'en' });
    const pages = rasterize(save('copies', pdf), 300).map(decodeImage);
    expect(pages).toEqual([['CODE-128:X001ABCDEF'], ['CODE-128:X001ABCDEF'], ['CODE-128:X001ABCDEF'], ['CODE-128:B0CXYZ1234']]);
    expect(pdfText(path.join(dir, 'copies.pdf'), 1)).toContain('New');
  });

  it('starts a partly used sheet at the given cell and carries on to the next sheet', async () => {
    const layout = findLayout('a4-40up')!;
    const pdf = await renderFnskuLabels(distinctItems(5), { layout: 'a4-40up', language: 'zh-CN', startPosition: 38 });
    const file = save('start-38', pdf);
    expect(pdfPageCount(file)).toBe(2);
    const px = (pt: number) => Math.floor((pt * 300) / 72);
    // Page 1: rows 1–9 stay blank (cropping to them finds no barcode); row 10 holds cells 38, 39 and 40.
    const [blankRows] = rasterize(file, 300, { x: 0, y: 0, width: px(layout.page.width), height: px(layout.origin.y + 9 * layout.pitch.y) - 2 });
    expect(decodeImage(blankRows!)).toEqual([]);
    const pages = rasterize(file, 300).map(decodeImage);
    expect(pages[0]).toEqual([fnskuOf(0), fnskuOf(1), fnskuOf(2)].map((c) => `CODE-128:${c}`).sort());
    expect(pages[1]).toEqual([fnskuOf(3), fnskuOf(4)].map((c) => `CODE-128:${c}`).sort());
  });

  it('draws Chinese titles with the bundled font embedded, cut to two lines with an ellipsis', async () => {
    const title = `${TITLES[1]} 加长版 礼盒装 送收纳袋 送充电线 一年质保 赠品随机`;
    const pdf = await renderFnskuLabels([{ fnsku: 'X00ZZ9Y8X7', title, copies: 1, condition: 'used-like-new' }], { layout: 'thermal-57x32', language: 'zh-CN' });
    const file = save('cjk', pdf);
    expect(pdfFonts(file)).toMatch(/ErpLabelSansSC-Regular\s+CID Type 0C\s+Identity-H\s+yes\s+yes\s+yes/);
    const text = pdfText(file).replace(/\s+/g, '');
    expect(text).toContain('X00ZZ9Y8X7');
    expect(text).toContain('蓝牙耳机无线降噪');
    expect(text).toContain('…');
    expect(text).not.toContain('赠品随机');
    expect(text).toContain('二手–近乎全新');
    keepPng(rasterize(file, 300)[0]!, 'thermal-57x32-cjk');
  });

  it('prints Latin letters the CJK font lacks as their base letters, never as empty boxes', async () => {
    const file = save('latin', await renderFnskuLabels([{ fnsku: 'X00ZZ9Y8X7', title: TITLES[3]!, copies: 1 }], { layout: 'thermal-57x32', language: 'en' }));
    expect(pdfText(file).replace(/\s+/g, ' ')).toContain('Lódz Kaffeebecher – Überraschung');
  });

  it('refuses a bad FNSKU, zero copies or a start cell beyond the sheet', async () => {
    await expect(renderFnskuLabels([{ fnsku: 'X00-BAD', title: 't', copies: 1 }], { layout: 'thermal-57x32', language: 'en' })).rejects.toMatchObject({
      code: 'invalid-input',
      params: { path: '0.fnsku', reason: 'fnsku-shape' },
    });
    await expect(renderFnskuLabels([{ fnsku: 'X001ABCDEF', title: 't', copies: 0 }], { layout: 'thermal-57x32', language: 'en' })).rejects.toMatchObject({
      code: 'invalid-input',
      params: { path: '0.copies' },
    });
    await expect(renderFnskuLabels(distinctItems(1), { layout: 'a4-40up', language: 'en', startPosition: 41 })).rejects.toMatchObject({
      code: 'invalid-input',
      params: { field: 'startPosition', reason: 'start-position-out-of-range', max: 40 },
    });
    await expect(renderFnskuLabels(distinctItems(1), { layout: 'thermal-57x32', language: 'en', startPosition: 2 })).rejects.toMatchObject({
      params: { reason: 'start-position-out-of-range', max: 1 },
    });
    await expect(renderFnskuLabels(distinctItems(1), { layout: 'a5-nonsense' as never, language: 'en' })).rejects.toMatchObject({ params: { field: 'layout' } });
  });
});

describe('carton marks', () => {
  const box = (n: number, of: number, extra: Partial<CartonLabelBox> = {}): CartonLabelBox => ({
    shipmentId: 'FBA15ABCDEFG',
    shipmentName: 'FBA STA (11/23/2026 08:00)-FTW1',
    boxNumber: n,
    boxCount: of,
    shipFrom: ['深圳市宝安区福永街道 凤凰第一工业区 A栋 3楼', 'Shenzhen Widget Co., Ltd.', 'Shenzhen, Guangdong 518103', 'CN'],
    shipTo: { fulfillmentCenterId: 'FTW1', lines: ['Amazon.com Services, Inc.', '33333 LBJ Freeway', 'Dallas, TX 75241-7203', 'US'] },
    ...extra,
  });

  for (const layout of labelLayouts.filter((l) => l.kind === 'carton')) {
    it(`${layout.name}: exact page size, one page per box, each box id decodes exactly`, async () => {
      const pdf = await renderCartonLabels([box(1, 3, { marketplaceId: 'ATVPDKIKX0DER', weight: { value: 55, unit: 'LB' } }), box(2, 3), box(3, 3)], { layout: layout.name as never });
      const sizes = pdfPageSizes(pdf);
      expect(sizes).toHaveLength(3);
      for (const size of sizes) {
        expect(Math.abs(size.width - layout.page.width)).toBeLessThanOrEqual(0.5);
        expect(Math.abs(size.height - layout.page.height)).toBeLessThanOrEqual(0.5);
      }
      const file = save(layout.name, pdf);
      const pngs = rasterize(file, 300);
      keepPng(pngs[0]!, layout.name);
      expect(pngs.map(decodeImage)).toEqual([['CODE-128:FBA15ABCDEFGU000001'], ['CODE-128:FBA15ABCDEFGU000002'], ['CODE-128:FBA15ABCDEFGU000003']]);
      const page1 = pdfText(file, 1);
      expect(page1).toContain('Box 1 of 3');
      expect(page1).toContain('FTW1');
      expect(page1).toContain('33333 LBJ Freeway');
      expect(page1).toContain('Shenzhen Widget Co., Ltd.');
      expect(page1).toContain('FBA STA (11/23/2026 08:00)-FTW1');
    });
  }

  it('marks team lift over 50 lb and mechanical lift over 100 lb in the US, heavy package from 15 kg in Europe, nothing below', async () => {
    const pdf = await renderCartonLabels(
      [
        box(1, 5, { marketplaceId: 'ATVPDKIKX0DER', weight: { value: 55, unit: 'LB' } }),
        box(2, 5, { marketplaceId: 'ATVPDKIKX0DER', weight: { value: 110, unit: 'LB' } }),
        box(3, 5, { marketplaceId: 'A1PA6795UKMFR9', weight: { value: 16, unit: 'KG' } }),
        box(4, 5, { marketplaceId: 'A1PA6795UKMFR9', weight: { value: 10, unit: 'KG' } }),
        box(5, 5, { marketplaceId: 'ATVPDKIKX0DER', weight: { value: 50, unit: 'LB' } }),
      ],
      { layout: 'carton-100x150' },
    );
    const file = save('marks', pdf);
    const pages = [1, 2, 3, 4, 5].map((p) => pdfText(file, p));
    expect(pages[0]).toContain('TEAM LIFT');
    expect(pages[0]).toContain('需两人搬运');
    expect(pages[1]).toContain('MECHANICAL LIFT');
    expect(pages[1]).not.toContain('TEAM LIFT');
    expect(pages[2]).toContain('HEAVY PACKAGE');
    expect(pages[2]).toContain('重货');
    keepPng(rasterize(file, 150)[2]!, 'carton-100x150-heavy');
    for (const quiet of [pages[3]!, pages[4]!]) expect(quiet).not.toMatch(/TEAM LIFT|MECHANICAL LIFT|HEAVY PACKAGE/);
  });

  it('refuses a box number over the count and a malformed shipment id', async () => {
    await expect(renderCartonLabels([box(4, 3)], { layout: 'carton-4x6' })).rejects.toMatchObject({ code: 'invalid-input', params: { path: '0.boxNumber', reason: 'box-number-over-count' } });
    await expect(renderCartonLabels([box(1, 1, { shipmentId: 'fba-123' })], { layout: 'carton-4x6' })).rejects.toMatchObject({ params: { path: '0.shipmentId', reason: 'shipment-id-shape' } });
  });
});

/** A small PDF as another generator writes it: three pages, one text each. */
async function threePagePdf(): Promise<Buffer> {
  const doc = new PDFDocument({ size: [288, 432], margin: 20 });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))));
  for (const [i, text] of ['AMAZON LABEL ONE', 'AMAZON LABEL TWO', 'AMAZON LABEL THREE'].entries()) {
    if (i > 0) doc.addPage();
    doc.fontSize(18).text(text);
  }
  doc.end();
  return done;
}

/**
 * A two-page PDF 1.5 with its objects in an object stream and an xref stream (PNG-predicted, as many generators
 * write them), and the page size inherited from the page tree.
 */
function objectStreamPdf(): Buffer {
  const objects: Record<number, string> = {
    1: '<< /Type /Catalog /Pages 2 0 R >>',
    2: '<< /Type /Pages /Kids [3 0 R 4 0 R] /Count 2 /MediaBox [0 0 288 432] /Resources << /Font << /F1 7 0 R >> >> >>',
    3: '<< /Type /Page /Parent 2 0 R /Contents 5 0 R >>',
    4: '<< /Type /Page /Parent 2 0 R /Contents 6 0 R >>',
    7: '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  };
  const content = (t: string) => `BT /F1 18 Tf 20 380 Td (${t}) Tj ET`;
  let out = '%PDF-1.5\n%\xe2\xe3\xcf\xd3\n';
  const offsets: Record<number, number> = {};
  for (const [num, text] of [[5, content('STREAM PAGE ONE')], [6, content('STREAM PAGE TWO')]] as const) {
    offsets[num] = Buffer.byteLength(out, 'latin1');
    out += `${num} 0 obj\n<< /Length ${text.length} >>\nstream\n${text}\nendstream\nendobj\n`;
  }
  const inStream = [1, 2, 3, 4, 7];
  let body = '';
  const header: string[] = [];
  for (const num of inStream) {
    header.push(`${num} ${body.length}`);
    body += `${objects[num]}\n`;
  }
  const first = `${header.join(' ')}\n`;
  const packed = zlib.deflateSync(Buffer.from(first + body, 'latin1'));
  offsets[8] = Buffer.byteLength(out, 'latin1');
  const head = Buffer.from(`${out}8 0 obj\n<< /Type /ObjStm /N ${inStream.length} /First ${first.length} /Filter /FlateDecode /Length ${packed.length} >>\nstream\n`, 'latin1');
  const afterStream = Buffer.from('\nendstream\nendobj\n', 'latin1');
  const xrefAt = head.length + packed.length + afterStream.length;
  // Rows of [type(1) field2(2) field3(1)], each behind a PNG "Up" filter byte.
  const rows: number[][] = [];
  for (let num = 0; num <= 9; num++) {
    if (num === 0) rows.push([0, 0, 0, 255]);
    else if (inStream.includes(num)) rows.push([2, 0, 8, inStream.indexOf(num)]);
    else if (num === 9) rows.push([1, xrefAt >> 8, xrefAt & 0xff, 0]);
    else rows.push([1, offsets[num]! >> 8, offsets[num]! & 0xff, 0]);
  }
  const predicted = rows.flatMap((row, r) => [2, ...row.map((v, c) => (v - (r > 0 ? rows[r - 1]![c]! : 0)) & 0xff)]);
  const xref = zlib.deflateSync(Buffer.from(predicted));
  const xrefHead = Buffer.from(
    `9 0 obj\n<< /Type /XRef /Size 10 /W [1 2 1] /Root 1 0 R /Filter /FlateDecode /DecodeParms << /Columns 4 /Predictor 12 >> /Length ${xref.length} >>\nstream\n`,
    'latin1',
  );
  return Buffer.concat([head, packed, afterStream, xrefHead, xref, Buffer.from(`\nendstream\nendobj\nstartxref\n${xrefAt}\n%%EOF\n`, 'latin1')]);
}

describe("Amazon's label PDF", () => {
  it('passes the file through unchanged and splits it into one PDF per page, each the original plus an update', async () => {
    const original = await threePagePdf();
    const label = amazonLabelPdf(original);
    expect(label.pdf.equals(original)).toBe(true);
    expect(label.pageCount).toBe(3);
    const pages = label.pages();
    expect(pages).toHaveLength(3);
    for (const [i, page] of pages.entries()) {
      expect(page.subarray(0, original.length).equals(original)).toBe(true);
      const file = save(`amazon-${i + 1}`, page);
      expect(pdfPageCount(file)).toBe(1);
      expect(pdfText(file).trim()).toBe(['AMAZON LABEL ONE', 'AMAZON LABEL TWO', 'AMAZON LABEL THREE'][i]);
      expect(pdfPageSizes(page).at(-1)).toEqual({ width: 288, height: 432 });
    }
  });

  it('reads PDF 1.5 object and xref streams, keeping the page size the page tree passes down', () => {
    const original = objectStreamPdf();
    const full = save('objstm', original);
    expect(pdfPageCount(full)).toBe(2);
    const label = amazonLabelPdf(original);
    expect(label.pageCount).toBe(2);
    for (const [i, page] of label.pages().entries()) {
      const file = save(`objstm-${i + 1}`, page);
      expect(pdfPageCount(file)).toBe(1);
      expect(pdfText(file).trim()).toBe(['STREAM PAGE ONE', 'STREAM PAGE TWO'][i]);
      expect(pdfPageSizes(page).at(-1)).toEqual({ width: 288, height: 432 });
    }
  });

  it('refuses what is not a readable, unencrypted PDF', () => {
    expect(() => amazonLabelPdf(Buffer.from('<html>expired link</html>'))).toThrow(expect.objectContaining({ code: 'invalid-input', params: { field: 'pdf', reason: 'not-a-pdf' } }));
    expect(() => amazonLabelPdf(Buffer.from('%PDF-1.4\ngarbage'))).toThrow(expect.objectContaining({ params: { field: 'pdf', reason: 'pdf-unreadable' } }));
    const body = '%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n';
    const encrypted = Buffer.from(
      `${body}xref\n0 2\n0000000000 65535 f \n0000000009 00000 n \ntrailer\n<< /Size 2 /Root 1 0 R /Encrypt 3 0 R >>\nstartxref\n${body.length}\n%%EOF\n`,
      'latin1',
    );
    expect(() => amazonLabelPdf(encrypted)).toThrow(expect.objectContaining({ params: { field: 'pdf', reason: 'pdf-encrypted' } }));
  });
});
