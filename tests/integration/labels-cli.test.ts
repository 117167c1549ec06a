import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../support/cli-process';
import { decodeImage, pdfPageSizes, pdfText, rasterize } from '../support/pdf-barcodes';

let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'erp-labels-cli-'));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const labels = (...args: string[]) => runCli(['labels', ...args]);

describe('npm run cli -- labels', () => {
  it('fnsku writes a PDF whose labels decode to the FNSKU, one page per copy on a roll', async () => {
    const out = path.join(dir, 'fnsku.pdf');
    const res = await labels('fnsku', '--fnsku', 'X001ABCDEF', '--title', '不锈钢保温杯 500ml 黑色', '--layout', 'thermal-57x32', '--copies', '2', '--out', out);
    expect(res.stderr).toBe('');
    expect(res.code).toBe(0);
    expect(JSON.parse(res.stdout)).toMatchObject({ out, labels: 2, layout: 'thermal-57x32' });
    const pdf = fs.readFileSync(out);
    expect(pdfPageSizes(pdf)).toEqual([{ width: 162, height: 90 }, { width: 162, height: 90 }]);
    expect(rasterize(out, 300).map(decodeImage)).toEqual([['CODE-128:X001ABCDEF'], ['CODE-128:X001ABCDEF']]);
    expect(pdfText(out, 1).replace(/\s+/g, '')).toContain('不锈钢保温杯500ml黑色');
  });

  it('carton writes a range of boxes with the destination and the heavy-package mark', async () => {
    const out = path.join(dir, 'cartons.pdf');
    const res = await labels(
      'carton', '--shipment', 'FBA15ABCDEFG', '--box', '2-3', '--of', '3', '--layout', 'carton-100x150', '--out', out,
      '--from', 'Shenzhen Widget Co., Ltd.', '--from', 'Shenzhen 518103 CN', '--fc', 'LEJ1', '--to', 'Amazonstraße 1', '--to', '04347 Leipzig DE',
      '--weight-kg', '16', '--marketplace', 'A1PA6795UKMFR9',
    );
    expect(res.stderr).toBe('');
    expect(res.code).toBe(0);
    expect(rasterize(out, 300).map(decodeImage)).toEqual([['CODE-128:FBA15ABCDEFGU000002'], ['CODE-128:FBA15ABCDEFGU000003']]);
    const page = pdfText(out, 1);
    for (const text of ['Box 2 of 3', 'LEJ1', 'Amazonstraße 1', 'Shenzhen Widget Co., Ltd.', 'HEAVY PACKAGE']) expect(page).toContain(text);
  });

  it('--help lists every layout with its size', async () => {
    const res = await labels('--help');
    expect(res.code).toBe(0);
    for (const name of ['thermal-57x32', 'thermal-50x30', 'letter-30up', 'a4-24up', 'a4-40up', 'carton-4x6', 'carton-100x150']) expect(res.stdout).toContain(name);
    expect(res.stdout).toContain('30 per page');
  });

  it.each([
    [['fnsku', '--fnsku', 'X001ABCDEF', '--layout', 'a5-sheet', '--out', 'x.pdf'], /--layout "a5-sheet" is not a fnsku layout/],
    [['fnsku', '--fnsku', 'X001ABCDEF', '--layout', 'carton-4x6', '--out', 'x.pdf'], /not a fnsku layout/],
    [['fnsku', '--fnsku', 'not-an-fnsku', '--layout', 'thermal-57x32', '--out', 'x.pdf'], /invalid fnsku \(fnsku-shape\)/],
    [['fnsku', '--fnsku', 'X001ABCDEF', '--layout', 'thermal-57x32', '--copies', 'two', '--out', 'x.pdf'], /--copies must be a whole number/],
    [['fnsku', '--fnsku', 'X001ABCDEF', '--layout', 'thermal-57x32'], /--out is required/],
    [['fnsku', '--fnsku', 'X001ABCDEF', '--layout', 'a4-40up', '--start', '41', '--out', 'x.pdf'], /invalid startPosition \(start-position-out-of-range\)/],
    [['carton', '--shipment', 'FBA15ABCDEFG', '--box', '4', '--of', '3', '--layout', 'carton-4x6', '--out', 'x.pdf'], /--box 4 is beyond --of 3/],
    [['carton', '--shipment', 'SHIP-1', '--box', '1', '--of', '3', '--layout', 'carton-4x6', '--out', 'x.pdf'], /invalid shipmentId \(shipment-id-shape\)/],
    [['carton', '--shipment', 'FBA15ABCDEFG', '--box', '1', '--of', '3', '--layout', 'carton-4x6', '--weight-kg', '16', '--out', 'x.pdf'], /--weight-kg needs --marketplace/],
    [['fnsku', '--fnsku', 'X001ABCDEF', '--colour', 'red'], /Unknown option '--colour'/],
    [['print'], /unknown labels command "print"/],
  ])('refuses %j with a clear message, exit 2 and no file', async (args, message) => {
    const out = path.join(dir, 'x.pdf');
    const res = await labels(...args.map((a) => (a === 'x.pdf' ? out : a)));
    expect(res.code).toBe(2);
    expect(res.stderr).toMatch(message);
    expect(fs.existsSync(out)).toBe(false);
  });
});
