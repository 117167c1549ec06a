import { code128BBars, code128BModules, isCode128BText } from './code128';
import type { FontChoice } from './cjk-font';
import { openA4Document, type PdfDoc } from './pdf-document';

/** The languages a slip speaks to the buyer in; any other marketplace gets English. */
export const slipLanguages = ['en', 'de', 'fr', 'es', 'it', 'ja'] as const;
export type SlipLanguage = (typeof slipLanguages)[number];

const LANGUAGE_BY_COUNTRY: Readonly<Record<string, SlipLanguage>> = { DE: 'de', AT: 'de', FR: 'fr', BE: 'fr', ES: 'es', MX: 'es', IT: 'it', JP: 'ja' };

/** The buyer's language for a marketplace country (amazon.de → German). */
export const slipLanguageFor = (countryCode: string | null): SlipLanguage => LANGUAGE_BY_COUNTRY[countryCode?.toUpperCase() ?? ''] ?? 'en';

export interface PackingSlip {
  orderId: string;
  /** The marketplace as the buyer knows it: amazon.de. */
  marketplace: string;
  /** The day the buyer ordered, in the marketplace's own calendar (YYYY-MM-DD). */
  orderDate: string;
  language: SlipLanguage;
  /** The recipient, decrypted for this page only; null when Amazon's PII is gone (purged, or sealed elsewhere). */
  shipTo: { name: string | null; lines: string[] } | null;
  lines: { sku: string; title: string; quantity: number }[];
  packageNo: number;
  packageCount: number;
}

interface Labels {
  title: string;
  order: string;
  date: string;
  marketplace: string;
  shipTo: string;
  sku: string;
  item: string;
  quantity: string;
  package: (n: number, of: number) => string;
  thanks: string;
}

const LABELS: Readonly<Record<SlipLanguage, Labels>> = {
  en: { title: 'Packing Slip', order: 'Order', date: 'Order date', marketplace: 'Marketplace', shipTo: 'Ship to', sku: 'SKU', item: 'Item', quantity: 'Qty', package: (n, of) => `Package ${n} of ${of}`, thanks: 'Thank you for your order!' },
  de: { title: 'Lieferschein', order: 'Bestellung', date: 'Bestelldatum', marketplace: 'Marktplatz', shipTo: 'Lieferadresse', sku: 'SKU', item: 'Artikel', quantity: 'Menge', package: (n, of) => `Paket ${n} von ${of}`, thanks: 'Vielen Dank für Ihre Bestellung!' },
  fr: { title: 'Bon de livraison', order: 'Commande', date: 'Date de commande', marketplace: 'Boutique', shipTo: 'Adresse de livraison', sku: 'SKU', item: 'Article', quantity: 'Qté', package: (n, of) => `Colis ${n} sur ${of}`, thanks: 'Merci pour votre commande !' },
  es: { title: 'Albarán', order: 'Pedido', date: 'Fecha del pedido', marketplace: 'Tienda', shipTo: 'Dirección de envío', sku: 'SKU', item: 'Artículo', quantity: 'Cant.', package: (n, of) => `Paquete ${n} de ${of}`, thanks: '¡Gracias por tu pedido!' },
  it: { title: 'Documento di consegna', order: 'Ordine', date: 'Data ordine', marketplace: 'Negozio', shipTo: 'Indirizzo di spedizione', sku: 'SKU', item: 'Articolo', quantity: 'Qtà', package: (n, of) => `Pacco ${n} di ${of}`, thanks: 'Grazie per il tuo ordine!' },
  ja: { title: '納品書', order: '注文番号', date: '注文日', marketplace: 'ストア', shipTo: 'お届け先', sku: 'SKU', item: '商品名', quantity: '数量', package: (n, of) => `${of}個口のうち${n}個目`, thanks: 'このたびはご注文いただき、誠にありがとうございます。' },
};

/** 1 module = 0.9 pt (0.32 mm), as on the pick list: a handheld scanner reads it off a laser print. */
const MODULE = 0.9;
const QUIET = 10;

function barcode(doc: PdfDoc, text: string, x: number, y: number, height: number): void {
  if (!isCode128BText(text)) return;
  for (const bar of code128BBars(text)) doc.rect(x + (QUIET + bar.x) * MODULE, y, bar.width * MODULE, height);
  doc.fillColor('#000000').fill();
}

const barcodeWidth = (text: string) => (code128BModules(text) + 2 * QUIET) * MODULE;

/**
 * One A4 packing slip (装箱单) for the box: the order id as Code 128 (the station and the buyer's returns desk scan
 * it), marketplace and order date, the recipient, this package's lines and a thank-you, all in the buyer's language.
 */
export async function renderPackingSlipPdf(slip: PackingSlip, options: FontChoice = {}): Promise<Uint8Array> {
  const L = LABELS[slip.language];
  const pkg = L.package(slip.packageNo, slip.packageCount);
  const texts = [...Object.values(L).filter((v): v is string => typeof v === 'string'), pkg, slip.marketplace, ...(slip.shipTo ? [slip.shipTo.name ?? '', ...slip.shipTo.lines] : []), ...slip.lines.flatMap((l) => [l.sku, l.title])];
  const { doc, done } = openA4Document({ ...options, margin: 48, title: `${L.title} ${slip.orderId}`, author: slip.marketplace, texts });

  const left = doc.page.margins.left;
  const right = doc.page.width - doc.page.margins.right;
  const width = right - left;
  const bottom = doc.page.height - doc.page.margins.bottom;
  let y = doc.page.margins.top;

  doc.fontSize(24).fillColor('#000000').text(L.title, left, y, { width: width / 2 });
  const codeWidth = barcodeWidth(slip.orderId);
  barcode(doc, slip.orderId, right - codeWidth, y, 40);
  doc.fontSize(10).text(slip.orderId, right - codeWidth, y + 44, { width: codeWidth, align: 'center' });
  y += 70;

  const facts: [string, string][] = [
    [L.order, slip.orderId],
    [L.date, slip.orderDate],
    [L.marketplace, slip.marketplace],
  ];
  doc.fontSize(11);
  for (const [label, value] of facts) {
    doc.fillColor('#555555').text(label, left, y, { width: 120 });
    doc.fillColor('#000000').text(value, left + 120, y, { width: width / 2 - 120 });
    y += 16;
  }
  // Only a split shipment has a "package 1 of 2" worth telling the buyer: the rest of the order is on its way apart.
  if (slip.packageCount > 1) {
    doc.fontSize(14).text(pkg, left, y + 4, { width: width / 2 });
    y += 24;
  }
  const factsBottom = y;

  // The recipient, right-hand column, as it would sit in a window envelope.
  let ay = doc.page.margins.top + 70;
  const ax = left + width / 2 + 10;
  doc.fontSize(10).fillColor('#555555').text(L.shipTo, ax, ay, { width: width / 2 - 10 });
  ay += 15;
  doc.fillColor('#000000');
  if (slip.shipTo) {
    if (slip.shipTo.name) {
      doc.fontSize(13).text(slip.shipTo.name, ax, ay, { width: width / 2 - 10 });
      ay = doc.y + 2;
    }
    doc.fontSize(11);
    for (const line of slip.shipTo.lines) {
      doc.text(line, ax, ay, { width: width / 2 - 10 });
      ay = doc.y + 1;
    }
  } else {
    doc.fontSize(11).text('—', ax, ay);
    ay = doc.y;
  }
  y = Math.max(factsBottom, ay) + 20;

  const cols = { sku: left, item: left + 150, qty: right - 60 };
  const header = () => {
    doc.fontSize(10).fillColor('#555555');
    doc.text(L.sku, cols.sku, y, { width: 140 });
    doc.text(L.item, cols.item, y, { width: cols.qty - cols.item - 10 });
    doc.text(L.quantity, cols.qty, y, { width: 60, align: 'right' });
    y += 16;
    doc.moveTo(left, y).lineTo(right, y).lineWidth(1).strokeColor('#000000').stroke();
    y += 6;
    doc.fillColor('#000000');
  };
  header();
  for (const line of slip.lines) {
    doc.fontSize(11);
    const height = Math.max(doc.heightOfString(line.title, { width: cols.qty - cols.item - 10 }), doc.heightOfString(line.sku, { width: 140 }));
    if (y + height + 10 > bottom - 40) {
      doc.addPage();
      y = doc.page.margins.top;
      // A loose second page still names its order.
      doc.fontSize(9).fillColor('#666666').text(`${L.title} · ${slip.orderId} · ${pkg}`, left, y, { width }).fillColor('#000000');
      y += 20;
      header();
      doc.fontSize(11);
    }
    doc.text(line.sku, cols.sku, y, { width: 140 });
    doc.text(line.title, cols.item, y, { width: cols.qty - cols.item - 10 });
    doc.fontSize(14).text(String(line.quantity), cols.qty, y - 1, { width: 60, align: 'right' });
    y += height + 6;
    doc.moveTo(left, y).lineTo(right, y).lineWidth(0.5).strokeColor('#bbbbbb').stroke();
    y += 6;
  }

  if (y + 40 > bottom) {
    doc.addPage();
    y = doc.page.margins.top;
  }
  doc.fontSize(13).fillColor('#000000').text(L.thanks, left, y + 16, { width, align: 'center' });
  doc.end();
  return done;
}
