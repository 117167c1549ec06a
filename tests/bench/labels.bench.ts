import { renderCartonLabels, renderFnskuLabels, type CartonLabelBox, type FnskuLabelItem } from '../../main/labels';

type Emit = (bench: string, figures: Record<string, number>) => void;

const round = (x: number) => Math.round(x * 10) / 10;

/**
 * Issue 7's figure: 1,000 FNSKU labels (50 SKUs × 20 copies, mixed English and Chinese titles, thermal roll: one page
 * each, the most pages per label of any layout) and 200 carton marks (4×6 in), each to a PDF, timed from a cold
 * process (font read and first measurements included). Target ≤ 2 s for the 1,000 labels.
 */
export async function benchLabels(emit: Emit): Promise<void> {
  const items: FnskuLabelItem[] = Array.from({ length: 50 }, (_, i) => ({
    fnsku: `X00BEN${String(i).padStart(4, '0')}`,
    title: i % 2 ? `蓝牙耳机 无线降噪 运动型 超长续航 型号 ${i} 黑色 适用于苹果华为小米手机` : `Stainless Steel Insulated Water Bottle ${i} oz, Leak Proof Lid, Keeps Drinks Cold 24 Hours`,
    copies: 20,
  }));
  const t0 = performance.now();
  const fnskuPdf = await renderFnskuLabels(items, { layout: 'thermal-57x32', language: 'zh-CN' });
  const fnskuMs = performance.now() - t0;

  const boxes: CartonLabelBox[] = Array.from({ length: 200 }, (_, i) => ({
    shipmentId: 'FBA15BENCH01',
    shipmentName: 'FBA STA (11/23/2026 08:00)-FTW1',
    boxNumber: i + 1,
    boxCount: 200,
    shipFrom: ['深圳市宝安区福永街道 凤凰第一工业区 A栋 3楼', 'Shenzhen Widget Co., Ltd.', 'Shenzhen, Guangdong 518103', 'CN'],
    shipTo: { fulfillmentCenterId: 'FTW1', lines: ['Amazon.com Services, Inc.', '33333 LBJ Freeway', 'Dallas, TX 75241-7203', 'US'] },
    marketplaceId: 'ATVPDKIKX0DER',
    weight: { value: 20 + (i % 40), unit: 'LB' },
  }));
  const t1 = performance.now();
  const cartonPdf = await renderCartonLabels(boxes, { layout: 'carton-4x6' });
  const cartonMs = performance.now() - t1;

  emit('labels', {
    fnsku_labels: 1000,
    fnsku_ms: round(fnskuMs),
    carton_marks: 200,
    carton_ms: round(cartonMs),
    fnsku_pdf_kb: Math.round(fnskuPdf.length / 1024),
    carton_pdf_kb: Math.round(cartonPdf.length / 1024),
  });
}
