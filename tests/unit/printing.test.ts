import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { findLayout, labelLayouts } from '../../main/labels';
import { createElectronPrinter, printerFromElectron, type PrintWindow, type SilentPrintOptions } from '../../main/printing/electron-printer';
import { createFolderPrinter, folderPrintJobs } from '../../main/printing/folder-printer';
import { mediaOfLayout, pointsToMicrons } from '../../main/printing/media';
import { validatePrintJob } from '../../main/printing/print-job';
import { PrinterFailure, type PrintJob } from '../../main/printing/printer';
import { AppError } from '../../shared/ipc/errors';

const PDF = Buffer.from('%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n', 'latin1');
const job = (patch: Partial<PrintJob> = {}): PrintJob => ({ pdf: PDF, printer: 'Zebra_ZD421', copies: 1, media: { widthMicrons: 57_150, heightMicrons: 31_750 }, title: 'FNSKU labels', ...patch });

const dirs: string[] = [];
const tempDir = () => {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'erp-print-unit-'));
  dirs.push(d);
  return d;
};
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

function refusal(fn: () => unknown): AppError {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(AppError);
    return err as AppError;
  }
  throw new Error('expected a refusal');
}

describe('paper size of each label layout', () => {
  it('is the stock itself, to the micron', () => {
    expect(Object.fromEntries(labelLayouts.map((l) => [l.name, mediaOfLayout(findLayout(l.name)!)]))).toEqual({
      'thermal-57x32': { widthMicrons: 57_150, heightMicrons: 31_750 },
      'thermal-50x30': { widthMicrons: 50_000, heightMicrons: 30_000 },
      'letter-30up': { widthMicrons: 215_900, heightMicrons: 279_400 },
      'a4-24up': { widthMicrons: 210_000, heightMicrons: 297_000 },
      'a4-40up': { widthMicrons: 210_000, heightMicrons: 297_000 },
      'carton-4x6': { widthMicrons: 101_600, heightMicrons: 152_400 },
      'carton-100x150': { widthMicrons: 100_000, heightMicrons: 150_000 },
    });
  });

  it('converts points exactly where the stock is whole inches or millimetres', () => {
    expect(pointsToMicrons(72)).toBe(25_400);
    expect(pointsToMicrons((297 * 72) / 25.4)).toBe(297_000);
  });
});

describe('a print job', () => {
  it('passes when it is a PDF for a named printer, 1–99 copies, on paper a printer takes', () => {
    expect(validatePrintJob(job({ copies: 99, media: null }))).toMatchObject({ printer: 'Zebra_ZD421', copies: 99, media: null });
    expect(validatePrintJob(job({ title: 'x'.repeat(300) })).title).toHaveLength(200);
  });

  it('is refused with the field and the rule it breaks', () => {
    const cases: [Partial<PrintJob>, Record<string, unknown>][] = [
      [{ pdf: Buffer.from('<html>not a pdf</html>') }, { field: 'pdf', reason: 'not-a-pdf' }],
      [{ printer: '  ' }, { field: 'printer', reason: 'printer-name' }],
      [{ copies: 0 }, { field: 'copies', reason: 'copies-out-of-range', max: 99 }],
      [{ copies: 100 }, { field: 'copies', reason: 'copies-out-of-range' }],
      [{ copies: 1.5 }, { field: 'copies', reason: 'copies-out-of-range' }],
      [{ media: { widthMicrons: 300, heightMicrons: 31_750 } }, { field: 'media.widthMicrons', reason: 'media-size', min: 352 }],
      [{ media: { widthMicrons: 57_150, heightMicrons: 2_000_000 } }, { field: 'media.heightMicrons', reason: 'media-size' }],
      [{ media: { widthMicrons: 57_150.5, heightMicrons: 31_750 } }, { field: 'media.widthMicrons', reason: 'media-size' }],
    ];
    for (const [patch, params] of cases) {
      const err = refusal(() => validatePrintJob(job(patch)));
      expect(err.code).toBe('invalid-input');
      expect(err.params).toMatchObject(params);
    }
  });
});

/** A stand-in for Electron's hidden window: records what it loaded and was asked to print, answers as told. */
function fakeElectron(answer: { success: boolean; reason?: string } | 'never' | 'load-fails') {
  const seen: { loaded: string[]; loadedBytes: Buffer[]; printed: SilentPrintOptions[]; destroyed: number; windows: unknown[] } = { loaded: [], loadedBytes: [], printed: [], destroyed: 0, windows: [] };
  const openWindow = (options: unknown): PrintWindow => {
    seen.windows.push(options);
    return {
      async loadFile(file) {
        if (answer === 'load-fails') throw new Error('ERR_FILE_NOT_FOUND');
        seen.loaded.push(file);
        seen.loadedBytes.push(fs.readFileSync(file));
      },
      webContents: {
        print(options, callback) {
          seen.printed.push(options);
          if (answer !== 'never' && answer !== 'load-fails') setImmediate(() => callback(answer.success, answer.reason ?? ''));
        },
      },
      destroy: () => void seen.destroyed++,
    };
  };
  return { seen, openWindow };
}

describe('the Electron printer (with a stand-in for Electron)', () => {
  it('prints the PDF silently on the label stock, from a temporary file it removes, in a window it closes', async () => {
    const tmp = tempDir();
    const { seen, openWindow } = fakeElectron({ success: true });
    const printer = createElectronPrinter({ openWindow, listPrinters: async () => [], tempDir: tmp });
    await printer.print(job({ copies: 3 }));
    expect(seen.printed).toEqual([
      { silent: true, deviceName: 'Zebra_ZD421', copies: 3, printBackground: true, margins: { marginType: 'none' }, scaleFactor: 100, landscape: false, pageSize: { width: 57_150, height: 31_750 } },
    ]);
    expect(seen.windows).toEqual([expect.objectContaining({ show: false, webPreferences: expect.objectContaining({ sandbox: true, nodeIntegration: false, contextIsolation: true, plugins: true }) })]);
    expect((seen.windows[0] as { webPreferences: Record<string, unknown> }).webPreferences).not.toHaveProperty('preload');
    expect(seen.loadedBytes[0]!.equals(PDF)).toBe(true);
    expect(fs.existsSync(seen.loaded[0]!)).toBe(false);
    expect(fs.readdirSync(tmp)).toEqual([]);
    expect(seen.destroyed).toBe(1);
  });

  it("uses the printer's own paper for a document without a stock", async () => {
    const { seen, openWindow } = fakeElectron({ success: true });
    await createElectronPrinter({ openWindow, listPrinters: async () => [], tempDir: tempDir() }).print(job({ printer: 'HP_LaserJet', media: null }));
    expect(seen.printed[0]).toMatchObject({ deviceName: 'HP_LaserJet', usePrinterDefaultPageSize: true });
    expect(seen.printed[0]).not.toHaveProperty('pageSize');
  });

  it("turns the printer's refusal, a window that cannot load and a spooler that never answers into PrinterFailure, cleaning up each time", async () => {
    for (const [answer, detail] of [
      [{ success: false, reason: 'Print job failed' }, 'Print job failed'],
      ['load-fails', 'ERR_FILE_NOT_FOUND'],
      ['never', 'no answer from the printer'],
    ] as const) {
      const tmp = tempDir();
      const { seen, openWindow } = fakeElectron(answer);
      const failed = await createElectronPrinter({ openWindow, listPrinters: async () => [], tempDir: tmp, timeoutMs: 50 })
        .print(job())
        .then(() => null, (e: unknown) => e);
      expect(failed).toBeInstanceOf(PrinterFailure);
      expect((failed as PrinterFailure).detail).toBe(detail);
      expect(fs.readdirSync(tmp)).toEqual([]);
      expect(seen.destroyed).toBe(1);
    }
  });

  it('never opens a window for a job that fails validation', async () => {
    const { seen, openWindow } = fakeElectron({ success: true });
    await expect(createElectronPrinter({ openWindow, listPrinters: async () => [], tempDir: tempDir() }).print(job({ copies: 0 }))).rejects.toBeInstanceOf(AppError);
    expect(seen.windows).toHaveLength(0);
  });

  it("lists the OS's printers with CUPS states in words", async () => {
    const printer = createElectronPrinter({
      openWindow: fakeElectron({ success: true }).openWindow,
      tempDir: tempDir(),
      listPrinters: async () => [
        { name: 'Zebra_ZD421', displayName: 'Zebra ZD421', description: '', options: { 'printer-state': '3' } },
        { name: 'HP_LaserJet', displayName: '', description: '', options: { 'printer-state': '5' } },
        { name: 'Old', displayName: 'Old runtime', isDefault: true } as never,
      ],
    });
    expect(await printer.list()).toEqual([
      { name: 'Zebra_ZD421', displayName: 'Zebra ZD421', isDefault: false, status: 'idle' },
      { name: 'HP_LaserJet', displayName: 'HP_LaserJet', isDefault: false, status: 'stopped' },
      { name: 'Old', displayName: 'Old runtime', isDefault: true },
    ]);
    expect(printerFromElectron({ name: 'X', displayName: 'X', options: null })).toEqual({ name: 'X', displayName: 'X', isDefault: false });
  });
});

describe('the folder printer', () => {
  it('keeps each job as a numbered PDF with its settings, numbering on after a restart', async () => {
    const dir = tempDir();
    await createFolderPrinter({ dir }).print(job());
    await createFolderPrinter({ dir }).print(job({ printer: 'HP_LaserJet', media: null, copies: 2 }));
    expect(fs.readdirSync(dir).sort()).toEqual(['0001-Zebra_ZD421.json', '0001-Zebra_ZD421.pdf', '0002-HP_LaserJet.json', '0002-HP_LaserJet.pdf']);
    const jobs = folderPrintJobs(dir);
    expect(jobs.map((j) => [j.n, j.printer, j.copies, j.media])).toEqual([
      [1, 'Zebra_ZD421', 1, { widthMicrons: 57_150, heightMicrons: 31_750 }],
      [2, 'HP_LaserJet', 2, null],
    ]);
    expect(fs.readFileSync(jobs[0]!.pdfFile).equals(PDF)).toBe(true);
  });

  it('refuses a job for a stopped printer, writing nothing', async () => {
    const dir = tempDir();
    const printer = createFolderPrinter({ dir, printers: [{ name: 'Zebra_ZD421', displayName: 'Zebra', isDefault: false, status: 'stopped' }] });
    await expect(printer.print(job())).rejects.toMatchObject({ name: 'PrinterFailure', detail: 'printer stopped' });
    expect(folderPrintJobs(dir)).toEqual([]);
  });
});
