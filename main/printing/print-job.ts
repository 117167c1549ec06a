import { AppError } from '../../shared/ipc/errors';
import type { PrintJob } from './printer';

/** Chromium refuses a page side under 352 µm; nothing we print is larger than a 1 m roll. */
export const MIN_MEDIA_MICRONS = 352;
export const MAX_MEDIA_MICRONS = 1_000_000;
export const MAX_COPIES = 99;
/** A print spool takes far more, but a job this size is a mistake (10,000 labels render to a few MB). */
export const MAX_PDF_BYTES = 64 * 1024 * 1024;

const refuse = (field: string, reason: string, extra: Record<string, number> = {}): never => {
  throw new AppError('invalid-input', { field, reason, ...extra });
};

const isWhole = (n: unknown): n is number => typeof n === 'number' && Number.isInteger(n);

/**
 * Checks a job before any printer sees it, whoever built it: a PDF, a printer named, 1…99 copies, a paper size a
 * printer can take. Every host's port gets only jobs that passed here.
 */
export function validatePrintJob(job: PrintJob): PrintJob {
  if (!Buffer.isBuffer(job.pdf) || job.pdf.subarray(0, 1024).indexOf('%PDF-') < 0) refuse('pdf', 'not-a-pdf');
  if (job.pdf.length > MAX_PDF_BYTES) refuse('pdf', 'pdf-too-large', { max: MAX_PDF_BYTES });
  if (typeof job.printer !== 'string' || job.printer.trim() === '' || job.printer.length > 200) refuse('printer', 'printer-name');
  if (!isWhole(job.copies) || job.copies < 1 || job.copies > MAX_COPIES) refuse('copies', 'copies-out-of-range', { max: MAX_COPIES });
  if (job.media !== null) {
    for (const side of ['widthMicrons', 'heightMicrons'] as const) {
      const v = job.media[side];
      if (!isWhole(v) || v < MIN_MEDIA_MICRONS || v > MAX_MEDIA_MICRONS) refuse(`media.${side}`, 'media-size', { min: MIN_MEDIA_MICRONS, max: MAX_MEDIA_MICRONS });
    }
  }
  return { ...job, title: job.title.slice(0, 200) };
}
