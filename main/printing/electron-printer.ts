import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { validatePrintJob } from './print-job';
import { PrinterFailure, type PrintJob, type Printer, type PrinterInfo } from './printer';

/**
 * The app's printer: Electron's silent print of the PDF in a hidden window. Electron itself is handed in by
 * `main/index.ts` (the one shell file that imports it), so this module stays plain Node and its decisions (options,
 * printer list, clean-up, failures) are unit-tested with a fake window. Needs Electron ≥ 36: earlier versions printed
 * PDFs blank or not at all when silent (electron/electron#43309, #47378).
 */

/** What Electron's `getPrintersAsync()` answers, as far as we read it. */
export interface ElectronPrinterInfo {
  name: string;
  displayName: string;
  description?: string;
  /** Platform-specific key/values; on CUPS `printer-state` is IPP's 3 idle, 4 processing, 5 stopped. */
  options?: unknown;
}

/** The subset of Electron's `webContents.print` options we send. */
export interface SilentPrintOptions {
  silent: true;
  deviceName: string;
  copies: number;
  printBackground: true;
  margins: { marginType: 'none' };
  scaleFactor: number;
  landscape: false;
  pageSize?: { width: number; height: number };
  usePrinterDefaultPageSize?: boolean;
}

export interface HiddenWindowOptions {
  show: false;
  width: number;
  height: number;
  webPreferences: {
    sandbox: true;
    contextIsolation: true;
    nodeIntegration: false;
    nodeIntegrationInSubFrames: false;
    webSecurity: true;
    /** Chromium's PDF viewer is a plugin: on here and only here. */
    plugins: true;
    spellcheck: false;
  };
}

export interface PrintWindow {
  webContents: { print(options: SilentPrintOptions, callback: (success: boolean, failureReason: string) => void): void };
  loadFile(filePath: string): Promise<void>;
  destroy(): void;
}

export interface ElectronPrinterDeps {
  /** `(options) => new BrowserWindow(options)`. */
  openWindow(options: HiddenWindowOptions): PrintWindow;
  /** The main window's `webContents.getPrintersAsync()`. */
  listPrinters(): Promise<ElectronPrinterInfo[]>;
  /** Where the PDF waits while the window loads it (`app.getPath('temp')`). */
  tempDir: string;
  /** A spooler that never answers must not hold the print button forever. */
  timeoutMs?: number;
}

/** No preload, no Node, sandboxed: the window only ever shows a PDF main rendered. */
export const hiddenWindowOptions = (): HiddenWindowOptions => ({
  show: false,
  width: 800,
  height: 600,
  webPreferences: { sandbox: true, contextIsolation: true, nodeIntegration: false, nodeIntegrationInSubFrames: false, webSecurity: true, plugins: true, spellcheck: false },
});

/**
 * The job's print settings: the PDF at 100 % with no margins on the label's exact stock (the page size carries the
 * orientation), or on the printer's own paper when the job names none.
 */
export function silentPrintOptions(job: PrintJob): SilentPrintOptions {
  const base = { silent: true, deviceName: job.printer, copies: job.copies, printBackground: true, margins: { marginType: 'none' }, scaleFactor: 100, landscape: false } as const;
  return job.media ? { ...base, pageSize: { width: job.media.widthMicrons, height: job.media.heightMicrons } } : { ...base, usePrinterDefaultPageSize: true };
}

const CUPS_STATES: Record<string, string> = { '3': 'idle', '4': 'printing', '5': 'stopped' };

export function printerFromElectron(p: ElectronPrinterInfo): PrinterInfo {
  const options = p.options && typeof p.options === 'object' ? (p.options as Record<string, unknown>) : {};
  const state = options['printer-state'];
  const status = typeof state === 'string' ? CUPS_STATES[state] : undefined;
  // Electron 23 dropped PrinterInfo.isDefault; an older runtime still sends it.
  const isDefault = (p as { isDefault?: unknown }).isDefault === true;
  return { name: p.name, displayName: p.displayName || p.name, isDefault, ...(status ? { status } : {}) };
}

export function createElectronPrinter(deps: ElectronPrinterDeps): Printer {
  const timeoutMs = deps.timeoutMs ?? 120_000;
  return {
    list: async () => (await deps.listPrinters()).map(printerFromElectron),
    async print(raw) {
      const job = validatePrintJob(raw);
      const file = path.join(deps.tempDir, `erp-print-${crypto.randomUUID()}.pdf`);
      fs.writeFileSync(file, job.pdf, { mode: 0o600 });
      let win: PrintWindow | null = null;
      let timer: NodeJS.Timeout | undefined;
      try {
        win = deps.openWindow(hiddenWindowOptions());
        await win.loadFile(file);
        const printing = win.webContents;
        await new Promise<void>((resolve, reject) => {
          timer = setTimeout(() => reject(new PrinterFailure('no answer from the printer')), timeoutMs);
          printing.print(silentPrintOptions(job), (success, failureReason) => (success ? resolve() : reject(new PrinterFailure(failureReason || 'print failed'))));
        });
      } catch (err) {
        // A window that could not load the file is the printer's failure to the user, in Electron's words.
        throw err instanceof PrinterFailure ? err : new PrinterFailure(err instanceof Error ? err.message : String(err));
      } finally {
        clearTimeout(timer);
        win?.destroy();
        fs.rmSync(file, { force: true });
      }
    },
  };
}
