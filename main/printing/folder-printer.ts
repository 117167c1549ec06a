import fs from 'node:fs';
import path from 'node:path';
import { PrinterFailure, type PrintMedia, type Printer, type PrinterInfo } from './printer';

/** The record a folder printer keeps beside each PDF: the job as the port received it. */
export interface FolderPrintJob {
  n: number;
  printer: string;
  copies: number;
  media: PrintMedia | null;
  title: string;
  bytes: number;
  /** Absolute path of the PDF. */
  pdfFile: string;
}

/** The two printers of a small warehouse: a thermal label printer and an office laser. */
export const FAKE_PRINTERS: readonly PrinterInfo[] = [
  { name: 'Zebra_ZD421', displayName: 'Zebra ZD421 (203 dpi)', isDefault: false, status: 'idle' },
  { name: 'HP_LaserJet', displayName: 'HP LaserJet', isDefault: true, status: 'idle' },
];

const stem = (printer: string) => printer.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^-+|-+$/g, '') || 'printer';

/**
 * A virtual printer for the harness, the CLI and tests: each job becomes `<dir>/<n>-<printer>.pdf` and a JSON of the
 * job beside it, so a test can open exactly what a real printer would have been sent. A printer listed with status
 * 'stopped' refuses its jobs, as a printer out of paper does.
 */
export function createFolderPrinter(opts: { dir: string; printers?: readonly PrinterInfo[] }): Printer {
  const printers = (opts.printers ?? FAKE_PRINTERS).map((p) => ({ ...p }));
  // Numbering carries on after a restart on the same folder.
  let next = fs.existsSync(opts.dir) ? fs.readdirSync(opts.dir).filter((f) => f.endsWith('.json')).length + 1 : 1;
  return {
    list: async () => printers.map((p) => ({ ...p })),
    async print(job) {
      const printer = printers.find((p) => p.name === job.printer);
      if (!printer) throw new PrinterFailure('unknown printer');
      if (printer.status === 'stopped') throw new PrinterFailure('printer stopped');
      const n = next++;
      const base = `${String(n).padStart(4, '0')}-${stem(printer.name)}`;
      fs.mkdirSync(opts.dir, { recursive: true });
      const pdfFile = path.resolve(opts.dir, `${base}.pdf`);
      fs.writeFileSync(pdfFile, job.pdf);
      const record: FolderPrintJob = { n, printer: printer.name, copies: job.copies, media: job.media, title: job.title, bytes: job.pdf.length, pdfFile };
      fs.writeFileSync(path.join(opts.dir, `${base}.json`), `${JSON.stringify(record, null, 2)}\n`);
    },
  };
}

/** The jobs a folder printer has received, oldest first. */
export function folderPrintJobs(dir: string): FolderPrintJob[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8')) as FolderPrintJob);
}
