/**
 * The printing port. The core renders every PDF itself and hands it here with the printer's OS name; what stands
 * behind the port differs by host: Electron's silent print in the app (`electron-printer.ts`, wired by
 * `main/index.ts` only), a folder of PDFs in the harness, the CLI and tests (`folder-printer.ts`). A core built
 * without a printer answers `printing-unavailable` and the screens fall back to saving the PDF.
 */

export interface PrinterInfo {
  /** The OS's name for the printer: what a job names. */
  name: string;
  /** What a person reads in the picker. */
  displayName: string;
  isDefault: boolean;
  /** The OS's word for its state when it gives one ('idle', 'printing', 'stopped'). */
  status?: string;
}

/** Paper size in microns (1/1000 mm), the unit Chromium's print settings take. */
export interface PrintMedia {
  widthMicrons: number;
  heightMicrons: number;
}

export interface PrintJob {
  pdf: Buffer;
  printer: string;
  copies: number;
  /** The exact stock for labels (a thermal printer must not be asked for A4); null = the printer's own paper. */
  media: PrintMedia | null;
  /** Shown in the OS print queue. */
  title: string;
}

export interface Printer {
  list(): Promise<PrinterInfo[]>;
  /** Resolves once the OS has accepted the job; rejects with PrinterFailure when it refuses. */
  print(job: PrintJob): Promise<void>;
}

/** The printer's own refusal (offline, out of paper, driver error), in the OS's words; never carries document content. */
export class PrinterFailure extends Error {
  constructor(readonly detail: string) {
    super(`print failed: ${detail}`);
    this.name = 'PrinterFailure';
  }
}
