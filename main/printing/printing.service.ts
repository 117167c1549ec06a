import { printInputSchema, type PrintResult } from '../../shared/ipc/channels/printing';
import { AppError } from '../../shared/ipc/errors';
import type { Db } from '../db/connection';
import type { AuditFn } from '../services/audit.service';
import { parseInput } from '../services/validate';
import { renderDocument, type DocumentSources } from './documents';
import { mediaText } from './media';
import { validatePrintJob } from './print-job';
import { PrinterFailure, type Printer, type PrinterInfo } from './printer';

export interface PrintingDeps {
  db: Db;
  audit: AuditFn;
  /** Absent where nothing can print (the CLI, a core without a host printer): every call answers printing-unavailable. */
  printer: Printer | null;
  sources: DocumentSources;
}

/**
 * Printing to a chosen printer: the printers the host knows, and a print job per document. The document is rendered
 * here from main's own data; the printer must be one the host lists; a job that reached the printer leaves an audit
 * row (what, where, how many pages); a refused one changes nothing.
 */
export function createPrintingService(deps: PrintingDeps) {
  function port(): Printer {
    if (!deps.printer) throw new AppError('conflict', { reason: 'printing-unavailable' });
    return deps.printer;
  }

  async function printers(): Promise<PrinterInfo[]> {
    const list = await port().list();
    return list.map((p) => ({ name: p.name, displayName: p.displayName || p.name, isDefault: p.isDefault, ...(p.status ? { status: p.status } : {}) }));
  }

  async function print(raw: unknown): Promise<PrintResult> {
    const input = parseInput(printInputSchema, raw);
    const printer = port();
    const target = (await printers()).find((p) => p.name === input.printer);
    if (!target) throw new AppError('not-found', { entity: 'printer', reason: 'unknown-printer' });
    const doc = await renderDocument(deps.sources, input.document);
    const job = validatePrintJob({ pdf: doc.pdf, printer: target.name, copies: input.copies, media: doc.media, title: doc.title });
    try {
      await printer.print(job);
    } catch (err) {
      if (err instanceof PrinterFailure) throw new AppError('conflict', { reason: 'print-failed', printer: target.displayName, detail: err.detail.slice(0, 200) });
      throw err;
    }
    await deps.db.transaction((trx) =>
      deps.audit(trx, {
        action: 'print.job',
        entity: doc.entity,
        entityId: doc.entityId,
        detail: { document: input.document.kind, printer: target.name, copies: job.copies, pages: doc.pages, media: mediaText(job.media), layout: doc.layout },
      }),
    );
    return { printer: target.displayName, title: job.title, pages: doc.pages, copies: job.copies, media: job.media };
  }

  return { printers, print };
}

export type PrintingService = ReturnType<typeof createPrintingService>;
