import crypto from 'node:crypto';
import PDFDocument from 'pdfkit';
import { code128BBars, code128BModules } from '../../../labels/code128';
import { DOCUMENT_HOST, DOCUMENT_HOSTS, type DocumentRequest, type DocumentResponse } from '../documents';
import type { AddressRecord } from './records';

/** "The URL will only be valid for 15 seconds" (LabelDownloadURL.DownloadURL), counted on the wall clock. */
export const LABEL_URL_LIFETIME_MS = 15_000;
const PREFIX = '/fba-inbound-labels/';
const PT_PER_IN = 72;

export interface LabelSpec {
  /** Encoded in the Code 128 barcode and printed under it. */
  code: string;
  title: string;
  /** "1 of 3" and the like. */
  sequence: string;
  shipmentName: string;
  confirmationId: string;
  shipFrom: AddressRecord;
  shipTo: AddressRecord & { warehouseId: string };
  weight?: string;
}

/** The standard PDF fonts speak Latin-1; other scripts (a Chinese sender's name) are left out rather than drawn as garbage. */
const latin1 = (s: string) => s.replace(/[^\x20-\x7E\xA0-\xFF]/g, '').replace(/\s{2,}/g, ' ').trim();

function addressLines(a: AddressRecord): string[] {
  return [a.name, a.companyName, a.addressLine1, a.addressLine2, [a.city, a.stateOrProvinceCode, a.postalCode].filter(Boolean).join(', '), a.countryCode]
    .filter((l): l is string => Boolean(l))
    .map(latin1);
}

/** One 4×6 in page per label, Code 128 of the box id drawn at one point per module with quiet zones. */
export function renderLabelsPdf(labels: readonly LabelSpec[]): Buffer {
  const width = 4 * PT_PER_IN;
  const height = 6 * PT_PER_IN;
  const doc = new PDFDocument({ size: [width, height], margin: 0, autoFirstPage: false, info: { Title: 'FBA box labels', Author: 'Amazon SP-API simulator' } });
  for (const label of labels) {
    doc.addPage();
    doc.font('Helvetica-Bold').fontSize(28).text('FBA', 14, 12);
    doc.font('Helvetica').fontSize(7).text('PLEASE LEAVE THIS LABEL UNCOVERED', 90, 24, { width: width - 104, align: 'right' });
    doc.moveTo(10, 46).lineTo(width - 10, 46).lineWidth(1).stroke('#000000');
    doc.font('Helvetica-Bold').fontSize(7).text('SHIP FROM:', 14, 52);
    doc.font('Helvetica').fontSize(7).text(addressLines(label.shipFrom).join('\n'), 14, 62, { width: 120 });
    doc.font('Helvetica-Bold').fontSize(7).text('SHIP TO:', 148, 52);
    doc.font('Helvetica').fontSize(7).text([`${label.shipTo.warehouseId}`, ...addressLines(label.shipTo)].join('\n'), 148, 62, { width: 126 });
    doc.moveTo(10, 140).lineTo(width - 10, 140).stroke('#000000');

    const modules = code128BModules(label.code);
    const module = Math.min(1.2, (width - 28) / (modules + 20));
    const x0 = (width - modules * module) / 2;
    const y0 = 156;
    for (const bar of code128BBars(label.code)) doc.rect(x0 + bar.x * module, y0, bar.width * module, 80).fill('#000000');
    doc.font('Courier-Bold').fontSize(12).text(label.code, 10, y0 + 86, { width: width - 20, align: 'center' });

    doc.font('Helvetica-Bold').fontSize(16).text(label.sequence, 10, 282, { width: width - 20, align: 'center' });
    doc.font('Helvetica').fontSize(8).text(latin1(label.title), 14, 310, { width: width - 28, align: 'center' });
    doc.font('Helvetica').fontSize(8).text(latin1(label.shipmentName), 14, 330, { width: width - 28, align: 'center' });
    doc.font('Helvetica-Bold').fontSize(10).text(label.confirmationId, 14, 352, { width: width - 28, align: 'center' });
    if (label.weight) doc.font('Helvetica').fontSize(8).text(label.weight, 14, 370, { width: width - 28, align: 'center' });
  }
  doc.end();
  // pdfkit buffers everything it writes; reading it out synchronously keeps the simulator's handlers synchronous.
  const chunks: Buffer[] = [];
  for (let c = doc.read() as Buffer | null; c !== null; c = doc.read() as Buffer | null) chunks.push(c);
  return Buffer.concat(chunks);
}

/**
 * Pre-signed label downloads on the simulator's S3 bucket. Unlike report documents they expire on the wall clock, as
 * Amazon's do however fast simulated time runs: a client has 15 real seconds to fetch the PDF.
 */
export class LabelHost {
  private readonly objects = new Map<string, { body: Buffer; issuedWallMs: number }>();
  private readonly secret: Buffer;
  private wallOffsetMs = 0;

  constructor(
    private readonly nextKey: () => string,
    private readonly wallNow: () => number = Date.now,
  ) {
    this.secret = crypto.createHash('sha256').update(nextKey()).digest();
  }

  /** Test hook: the wall clock as this host sees it jumps ahead (to prove expiry without waiting 15 s). */
  advanceWallClock(ms: number): void {
    this.wallOffsetMs += ms;
  }

  publish(body: Buffer, amzDate: string): string {
    this.sweep();
    const key = `${PREFIX}${this.nextKey()}.pdf`;
    const issuedWallMs = this.now();
    this.objects.set(key, { body, issuedWallMs });
    const q = new URLSearchParams({
      'X-Amz-Algorithm': 'AWS4-HMAC-SHA256',
      'X-Amz-Date': amzDate,
      'X-Amz-Expires': String(LABEL_URL_LIFETIME_MS / 1000),
      'X-Amz-SignedHeaders': 'host',
      'X-Amz-Signature': this.sign(key, issuedWallMs),
    });
    return `https://${DOCUMENT_HOST}${key}?${q.toString()}`;
  }

  /** Null for anything that is not a label key, so the report/feed bucket answers it. */
  handle(req: DocumentRequest): DocumentResponse | null {
    if (!(DOCUMENT_HOSTS as readonly string[]).includes(req.host) || !req.pathname.startsWith(PREFIX)) return null;
    const object = this.objects.get(req.pathname);
    const signature = req.query.get('X-Amz-Signature') ?? '';
    if (req.method !== 'GET') return s3Error(405, 'MethodNotAllowed', 'The specified method is not allowed against this resource.');
    if (!object) return s3Error(404, 'NoSuchKey', 'The specified key does not exist.');
    const expected = this.sign(req.pathname, object.issuedWallMs);
    if (signature.length !== expected.length || !crypto.timingSafeEqual(Buffer.from(signature), Buffer.from(expected))) {
      return s3Error(403, 'SignatureDoesNotMatch', 'The request signature we calculated does not match the signature you provided.');
    }
    if (this.now() > object.issuedWallMs + LABEL_URL_LIFETIME_MS) return s3Error(403, 'AccessDenied', 'Request has expired');
    return { status: 200, headers: { 'content-type': 'application/pdf', server: 'AmazonS3' }, body: object.body };
  }

  private now(): number {
    return this.wallNow() + this.wallOffsetMs;
  }

  private sign(key: string, issuedWallMs: number): string {
    return crypto.createHmac('sha256', this.secret).update(`${key}\n${issuedWallMs}`).digest('hex');
  }

  /** Expired labels are of no use to anyone; a long demo session must not keep every PDF ever printed. */
  private sweep(): void {
    const cutoff = this.now() - 10 * LABEL_URL_LIFETIME_MS;
    for (const [key, o] of this.objects) if (o.issuedWallMs < cutoff) this.objects.delete(key);
  }
}

function s3Error(status: number, code: string, message: string): DocumentResponse {
  const xml = `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${code}</Code><Message>${message}</Message></Error>`;
  return { status, headers: { 'content-type': 'application/xml', server: 'AmazonS3' }, body: Buffer.from(xml, 'utf8') };
}
