import PDFDocument from 'pdfkit';
import { AppError } from '../../shared/ipc/errors';
import { needsCjk, pickFont, SYSTEM_CJK_FONTS, type FontChoice } from './cjk-font';

export type PdfDoc = InstanceType<typeof PDFDocument>;

/**
 * An A4 document whose body font can draw every string in `texts`: a CJK font when any needs one (refused with the
 * paths tried when the system has none), else Helvetica. `done` resolves with the bytes once `doc.end()` is called.
 */
export function openA4Document(options: FontChoice & { margin: number; title: string; author: string; texts: readonly string[] }): { doc: PdfDoc; done: Promise<Uint8Array> } {
  const font = pickFont(options);
  if (!font && needsCjk(options.texts)) {
    throw new AppError('not-found', { entity: 'cjk-font', tried: [...(options.fontPath ? [options.fontPath] : []), ...SYSTEM_CJK_FONTS.map((f) => f.path)] });
  }
  const doc = new PDFDocument({ size: 'A4', margin: options.margin, info: { Title: options.title, Author: options.author } });
  const chunks: Buffer[] = [];
  const done = new Promise<Uint8Array>((resolve, reject) => {
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(new Uint8Array(Buffer.concat(chunks))));
    doc.on('error', reject);
  });
  if (font) {
    if (font.family) doc.registerFont('body', font.path, font.family);
    else doc.registerFont('body', font.path);
    doc.font('body');
  } else {
    doc.font('Helvetica');
  }
  return { doc, done };
}
