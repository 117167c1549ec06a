import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { dispatch } from '../../main/ipc/dispatch';
import { insertFbmOrder, onlyBlockingAuditRules, stockedProduct, syncFbmOrder } from '../support/packing-fixtures';
import { snapshotDb, tempCore, tempDir } from '../support/temp-core';

const NOW = new Date('2026-11-20T08:00:00.000Z');
const DE = 'A1PA6795UKMFR9';
const JP = 'A1VC38T7YXB528';
const ORDER = '302-5550001-0000001';
const JP_ORDER = '503-5550002-0000002';
/** Slips the test renders are kept here as PNG for a person to look at. */
const KEEP = 'test-results/screens';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

/**
 * An EU and a JP store. The amazon.de order (ordered 23:30 UTC on the 19th, already the 20th in Berlin) wants 2 mugs
 * and a lamp; Shenzhen has the mugs, the Leipzig 3PL the lamp, so it ships as two packages.
 */
async function setup() {
  const core = await tempCore({ clock: { now: () => NOW }, sync: { autoStart: false } });
  cleanups.push(() => core.dispose());
  const eu = await core.stores.create({ name: 'EU FBM', region: 'eu', marketplaceIds: [DE] });
  const jp = await core.stores.create({ name: 'JP FBM', region: 'fe', marketplaceIds: [JP] });
  const sz = await core.warehouses.create({ code: 'CN-SZ', name: '深圳仓', kind: 'domestic' });
  const lej = await core.warehouses.create({ code: 'DE-LEJ', name: 'Leipzig 3PL', kind: 'overseas' });
  const mug = await stockedProduct(core, { sku: 'MUG-WHITE-350', name: 'Becher', storeId: eu.id, marketplaceId: DE, warehouseId: sz.id, onHand: 10 });
  await stockedProduct(core, { sku: 'LAMP-LED-01', name: 'Lampe', storeId: eu.id, marketplaceId: DE, warehouseId: lej.id, onHand: 3 });
  await core.catalog.mapListing({ storeId: jp.id, marketplaceId: JP, sellerSku: 'MUG-WHITE-350', productId: mug });
  await onlyBlockingAuditRules(core);
  await core.fulfillment.rules.allowSplit.set(true);
  await syncFbmOrder(core, {
    id: ORDER,
    storeId: eu.id,
    marketplaceId: DE,
    createdTime: '2026-11-19T23:30:00.000Z',
    address: { name: 'Jürgen Weiß', addressLine1: 'Königstraße 12', addressLine2: '3. OG', city: 'Stuttgart', postalCode: '70173', countryCode: 'DE' },
    lines: [
      { orderItemId: 'A', sellerSku: 'MUG-WHITE-350', quantity: 2, title: 'Kaffeebecher Weiß 350 ml' },
      { orderItemId: 'B', sellerSku: 'LAMP-LED-01', quantity: 1, title: 'LED-Schreibtischlampe' },
    ],
  });
  return { core, eu, jp, sz: sz.id };
}

/** Every page as a 300 dpi PNG, the barcodes zbarimg reads on them, and the text layer. */
function readPdf(bytes: Uint8Array, keepAs?: string): { barcodes: string[]; text: string } {
  const dir = tempDir('erp-slip-');
  try {
    const pdf = path.join(dir, 'slip.pdf');
    fs.writeFileSync(pdf, bytes);
    execFileSync('pdftoppm', ['-r', '300', '-png', pdf, path.join(dir, 'page')]);
    const pages = fs.readdirSync(dir).filter((f) => f.endsWith('.png')).sort();
    if (keepAs) {
      fs.mkdirSync(KEEP, { recursive: true });
      execFileSync('pdftoppm', ['-r', '80', '-png', '-singlefile', pdf, path.join(KEEP, keepAs)]);
    }
    const barcodes = execFileSync('zbarimg', ['-q', ...pages.map((p) => path.join(dir, p))], { encoding: 'utf8' }).trim().split('\n');
    const text = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' });
    return { barcodes, text };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

describe('the packing slip (装箱单)', () => {
  it('prints the order id as Code 128, the German recipient and this package’s lines, in German', async () => {
    const { core, sz } = await setup();
    const opened = await core.packing.open(ORDER);
    expect(opened).toMatchObject({ packageNo: 1, warehouseId: sz });

    const res = await dispatch(core, 'packing:slip', { orderId: ORDER });
    if (!res.ok) throw new Error(JSON.stringify(res.error));
    const { fileName, base64 } = res.value as { fileName: string; base64: string };
    expect(fileName).toBe(`packing-slip-${ORDER}-1.pdf`);
    const { barcodes, text } = readPdf(Buffer.from(base64, 'base64'), 'packing-slip-de');

    expect(barcodes).toEqual([`CODE-128:${ORDER}`]);
    for (const s of ['Lieferschein', 'Amazon.de', '2026-11-20', 'Paket 1 von 2', 'Jürgen Weiß', 'Königstraße 12', '3. OG', '70173 Stuttgart', 'Kaffeebecher Weiß 350 ml', 'MUG-WHITE-350', 'Vielen Dank für Ihre Bestellung!']) {
      expect(text, s).toContain(s);
    }
    // The lamp travels in the Leipzig box: not on this slip.
    expect(text).not.toContain('LED-Schreibtischlampe');
    expect(text).toMatch(/MUG-WHITE-350\s+Kaffeebecher Weiß 350 ml\s+2/);

    const second = readPdf((await core.packing.slip(ORDER, { packageNo: 2 })).bytes);
    expect(second.text).toContain('Paket 2 von 2');
    expect(second.text).toMatch(/LAMP-LED-01\s+LED-Schreibtischlampe\s+1/);
    expect(second.text).not.toContain('Kaffeebecher');
  });

  it('speaks Japanese on amazon.co.jp, with a CJK font, and the barcode still reads', async () => {
    const { core, jp, sz } = await setup();
    await syncFbmOrder(core, {
      id: JP_ORDER,
      storeId: jp.id,
      marketplaceId: JP,
      address: { name: '山田 太郎', addressLine1: '千代田1-1', city: '千代田区', stateOrRegion: '東京都', postalCode: '100-0001', countryCode: 'JP' },
      lines: [{ orderItemId: 'J1', sellerSku: 'MUG-WHITE-350', quantity: 1, title: 'マグカップ 白 350ml' }],
    });
    expect((await core.packing.open(JP_ORDER)).warehouseId).toBe(sz);
    const { fileName, bytes } = await core.packing.slip(JP_ORDER);
    expect(fileName).toBe(`packing-slip-${JP_ORDER}.pdf`);
    const { barcodes, text } = readPdf(bytes, 'packing-slip-ja');
    expect(barcodes).toEqual([`CODE-128:${JP_ORDER}`]);
    for (const s of ['納品書', 'Amazon.co.jp', '山田 太郎', '〒100-0001 東京都千代田区', 'マグカップ 白 350ml', 'このたびはご注文いただき']) expect(text, s).toContain(s);
  });

  it('prints without an address once Amazon’s PII is purged, and refuses FBA orders and unknown packages, changing nothing', async () => {
    const { core, eu } = await setup();
    await core.db('orders').where({ id: ORDER }).update({ buyer_enc: null, recipient_enc: null, pii_purged_at: NOW.toISOString() });
    const { text } = readPdf((await core.packing.slip(ORDER)).bytes);
    expect(text).toContain('Lieferadresse');
    expect(text).not.toContain('Stuttgart');

    await insertFbmOrder(core, { id: '302-5550009-0000009', storeId: eu.id, marketplaceId: DE, fulfilledBy: 'AMAZON', lines: [{ orderItemId: 'F', sellerSku: 'MUG-WHITE-350', quantity: 1 }] });
    const before = await snapshotDb(core);
    await expect(core.packing.slip('302-5550009-0000009')).rejects.toMatchObject({ code: 'invalid-input', params: { reason: 'fulfilled-by-amazon' } });
    await expect(core.packing.slip(ORDER, { packageNo: 5 })).rejects.toMatchObject({ code: 'not-found', params: { reason: 'unknown-package' } });
    await expect(core.packing.slip('302-0000000-0000000')).rejects.toMatchObject({ code: 'not-found' });
    const bad = await dispatch(core, 'packing:slip', { orderId: ORDER, packageNo: 0 });
    expect(bad).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
    expect(await snapshotDb(core)).toEqual(before);
  });
});
