import { Button, MenuItem, Stack, TextField, Typography } from '@mui/material';
import { useCallback, useEffect, useState } from 'react';
import type { PrintDocumentInput, PrinterEntry, PrintResult } from '../../shared/ipc/channels/printing';
import { api, ApiError } from '../api/client';
import { stationDb } from '../db/dexie';
import { readPrinterPref, writePrinterPref, type PrinterRole } from '../db/printer-prefs';
import { useT } from '../i18n';
import { describeError } from '../i18n/describe-error';

/** The host's printers; 'unavailable' where nothing can print (a plain browser), null while asking. */
export type Printers = PrinterEntry[] | 'unavailable' | null;

export function usePrinters(): Printers {
  const [printers, setPrinters] = useState<Printers>(null);
  useEffect(() => {
    let live = true;
    api.printingPrinters().then(
      (list) => live && setPrinters(list),
      // Any refusal here (no printer port, the OS spooler down) leaves the station downloading PDFs as before.
      () => live && setPrinters('unavailable'),
    );
    return () => {
      live = false;
    };
  }, []);
  return printers;
}

/**
 * This station's printer for a role, remembered across reloads. A remembered printer the host no longer lists counts
 * as none, so the station downloads rather than sending to a printer that is gone.
 */
export function usePrinterChoice(role: PrinterRole, printers: Printers): { printer: string | null; choose(name: string | null): void } {
  const [stored, setStored] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    void readPrinterPref(stationDb, role).then((p) => live && setStored(p));
    return () => {
      live = false;
    };
  }, [role]);
  const listed = Array.isArray(printers) && stored !== null && printers.some((p) => p.name === stored);
  return {
    printer: listed ? stored : null,
    choose(name) {
      setStored(name);
      void writePrinterPref(stationDb, role, name);
    },
  };
}

/** One print job at a time, with what happened kept for display. */
export function usePrintJob() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [done, setDone] = useState<PrintResult | null>(null);
  async function run(document: PrintDocumentInput, printer: string, copies = 1): Promise<PrintResult | null> {
    if (busy) return null;
    setBusy(true);
    setError(null);
    setDone(null);
    try {
      const result = await api.printingPrint({ document, printer, copies });
      setDone(result);
      return result;
    } catch (err) {
      setError(err instanceof ApiError ? err : new ApiError('internal'));
      return null;
    } finally {
      setBusy(false);
    }
  }
  /** Forgets the last outcome (the station moved on to another order). */
  const reset = useCallback(() => {
    setError(null);
    setDone(null);
  }, []);
  return { busy, error, done, run, reset };
}

export type PrintJobState = ReturnType<typeof usePrintJob>;

interface PickerProps {
  role: PrinterRole;
  printers: PrinterEntry[];
  value: string | null;
  onChange(name: string | null): void;
  testId: string;
  width?: number;
  /**
   * Give the keyboard back once chosen: at a scanning station a focused select would take the scanner's Enter as
   * "open the list" instead of the scan's end.
   */
  releaseFocus?: boolean;
}

/** The printer select: "none, download the PDF" first, then the host's printers with the default and stopped ones marked. */
export function PrinterPicker({ role, printers, value, onChange, testId, width = 240, releaseFocus = false }: PickerProps) {
  const t = useT();
  const label = (p: PrinterEntry) => {
    const name = p.isDefault ? t('printing.printer.default', { name: p.displayName }) : p.displayName;
    return p.status === 'stopped' ? t('printing.printer.stopped', { name }) : name;
  };
  return (
    <TextField
      select
      size="small"
      label={t(`printing.printer.${role}`)}
      value={value ?? ''}
      onChange={(e) => {
        onChange(e.target.value === '' ? null : e.target.value);
        if (releaseFocus) (document.activeElement as HTMLElement | null)?.blur();
      }}
      sx={{ width }}
      slotProps={{ select: { inputProps: { 'data-testid': `${testId}-printer` }, MenuProps: { disableRestoreFocus: releaseFocus } } }}
    >
      <MenuItem value="">
        <em>{t('printing.printer.none')}</em>
      </MenuItem>
      {printers.map((p) => (
        <MenuItem key={p.name} value={p.name}>
          {label(p)}
        </MenuItem>
      ))}
    </TextField>
  );
}

/** What the last print job did, in words: sending, sent where (pages × copies), or why not. */
export function PrintStatus({ job, testId }: { job: PrintJobState; testId: string }) {
  const t = useT();
  if (job.busy) return <Typography variant="body2" color="text.secondary">{t('printing.sending')}</Typography>;
  if (job.error)
    return (
      <Typography variant="body2" color="error" data-testid={`${testId}-print-error`}>
        {describeError(t, job.error)}
      </Typography>
    );
  if (job.done)
    return (
      <Typography variant="body2" sx={{ color: 'success.main' }} data-testid={`${testId}-printed`}>
        {t('printing.sent', { printer: job.done.printer, pages: job.done.pages, copies: job.done.copies })}
      </Typography>
    );
  return null;
}

/**
 * A printer picker and "Print" beside a download button: sends `document` to this station's printer for `role`.
 * Renders nothing where nothing can print, leaving the download as the way to paper.
 */
export function PrintToPrinter({ role, document, disabled = false, testId }: { role: PrinterRole; document: PrintDocumentInput | null; disabled?: boolean; testId: string }) {
  const t = useT();
  const printers = usePrinters();
  const { printer, choose } = usePrinterChoice(role, printers);
  const job = usePrintJob();
  if (!Array.isArray(printers)) return null;
  return (
    <Stack direction="row" spacing={1} useFlexGap sx={{ alignItems: 'center', flexWrap: 'wrap', rowGap: 1.5 }} data-testid={`${testId}-printing`}>
      <PrinterPicker role={role} printers={printers} value={printer} onChange={choose} testId={testId} />
      <Button variant="outlined" disabled={disabled || job.busy || printer === null || document === null} onClick={() => printer && document && void job.run(document, printer)} data-testid={`${testId}-print`}>
        {t('printing.print')}
      </Button>
      <PrintStatus job={job} testId={testId} />
    </Stack>
  );
}
