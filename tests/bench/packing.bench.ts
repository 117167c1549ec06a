/**
 * Scan-to-verdict at the packing station, measured in Chromium on the built renderer against a real core: from the
 * Enter that ends a scanner burst to the verdict committed on screen (IPC round trip, Dexie journal write, React
 * render), as the screen records it with `performance.measure('packing-scan-to-verdict')`.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from '@playwright/test';
import { gtinCheckDigit } from '../../shared/barcodes';
import { startHarness } from '../harness/server';
import { PackingPage } from '../e2e/pages/PackingPage';
import { allocateByHand, insertFbmOrder, stockedProduct } from '../support/packing-fixtures';

type Emit = (bench: string, figures: Record<string, number>) => void;

const PRODUCTS = 100;
const UNITS_EACH = 3;
const SCANS = 500;

const percentile = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? 0;
};
const round = (x: number) => Math.round(x * 100) / 100;
const gtin = (n: number) => {
  const body = `690${String(n).padStart(9, '0')}`;
  return `${body}${gtinCheckDigit(body)}`;
};

export async function benchPackingScan(emit: Emit): Promise<void> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'erp-bench-packing-'));
  const harness = await startHarness({ dataDir, probe: { target: { host: '127.0.0.1', port: 9 }, intervalMs: 60_000, timeoutMs: 500 }, sync: { autoStart: false } });
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  try {
    const core = harness.core;
    const store = await core.stores.create({ name: 'Bench US', region: 'na', marketplaceIds: ['ATVPDKIKX0DER'] });
    const sz = await core.warehouses.create({ code: 'CN-SZ', name: '深圳仓', kind: 'domestic' });
    const codes: string[] = [];
    for (let i = 0; i < PRODUCTS; i++) {
      codes.push(gtin(i + 1));
      await stockedProduct(core, { sku: `BENCH-${String(i).padStart(3, '0')}`, name: `Bench item ${i}`, gtin: codes[i]!, storeId: store.id, warehouseId: sz.id, onHand: 50 });
    }
    const orderId = '114-0000000-0000500';
    await insertFbmOrder(core, { id: orderId, storeId: store.id, lines: codes.map((_, i) => ({ orderItemId: String(20000 + i), sellerSku: `BENCH-${String(i).padStart(3, '0')}`, quantity: UNITS_EACH })) });
    await allocateByHand(core, orderId, sz.id);

    const page = await browser.newPage({ viewport: { width: 1360, height: 860 }, locale: 'zh-CN' });
    await page.goto(harness.url);
    await page.getByTestId('nav-packing').click();
    const packing = new PackingPage(page);
    await packing.scan(orderId);
    await page.evaluate(() => performance.clearMeasures('packing-scan-to-verdict'));

    // Four item scans, then a code nobody knows; the same item comes back only after a full round (no double scans).
    let next = 0;
    for (let i = 0; i < SCANS; i++) await packing.scan(i % 5 === 4 ? `UNKNOWN-${i}` : codes[next++ % PRODUCTS]!);
    const durations = await page.evaluate(() => performance.getEntriesByName('packing-scan-to-verdict').map((e) => e.duration));
    emit('packing-scan', { scans: durations.length, p50_ms: round(percentile(durations, 50)), p95_ms: round(percentile(durations, 95)), max_ms: round(Math.max(...durations)) });
  } finally {
    await browser.close();
    await harness.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}
