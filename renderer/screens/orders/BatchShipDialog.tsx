import { Alert, Box, Button, Dialog, DialogActions, DialogContent, DialogTitle, LinearProgress, Stack, Typography } from '@mui/material';
import { useEffect, useRef, useState } from 'react';
import type { BatchConfirmRow, BatchPreview, BatchResult, PackedOrder } from '../../../shared/ipc/channels/shipping';
import { api, ApiError } from '../../api/client';
import { dictionaries, useLocaleStore, useT, type MessageKey } from '../../i18n';
import { downloadBase64, toBase64 } from '../catalog/files';
import { BatchRowsTable } from './batch-ship/BatchRowsTable';
import { PackedOrdersSummary } from './batch-ship/PackedOrdersSummary';
import { describeBatchError, type BatchRowView } from './batch-ship/verdict-text';

/** The contract takes 4 MB of base64. */
const MAX_FILE_BYTES = 3 * 1024 * 1024;

type Phase =
  | { step: 'pick' }
  | { step: 'reading'; name: string }
  | { step: 'preview'; preview: BatchPreview }
  | { step: 'confirming'; preview: BatchPreview }
  | { step: 'done'; preview: BatchPreview; results: BatchResult[]; shipped: number; refused: number };

const asApiError = (err: unknown) => (err instanceof ApiError ? err : new ApiError('internal'));

const previewRows = (p: BatchPreview): BatchRowView[] => p.rows.map((r) => ({ ...r }));

/** After confirming, each row shows what happened to it; rows the preview already refused keep that reason. */
function resultRows(p: BatchPreview, results: BatchResult[]): BatchRowView[] {
  const byLine = new Map(results.map((r) => [r.line, r]));
  return p.rows.map((r) => {
    const done = byLine.get(r.line);
    return done ? { ...r, verdict: done.outcome, state: done.state, otherOrderId: done.otherOrderId ?? r.otherOrderId } : { ...r };
  });
}

const toConfirm = (p: BatchPreview): BatchConfirmRow[] =>
  p.rows
    .filter((r) => r.verdict === 'ok' && r.carrierCode !== null)
    .map((r) => ({
      line: r.line,
      orderId: r.orderId,
      carrierCode: r.carrierCode!,
      ...(r.carrierName ? { carrierName: r.carrierName } : {}),
      ...(r.shippingService ? { shippingService: r.shippingService } : {}),
      trackingNumber: r.trackingNumber,
    }));

function Figure({ label, value, testId, color }: { label: string; value: string | number; testId: string; color?: string }) {
  return (
    <Box>
      <Typography variant="caption" color="text.secondary" component="div">
        {label}
      </Typography>
      <Typography variant="body1" sx={{ fontWeight: 600, color }} data-testid={testId}>
        {value}
      </Typography>
    </Box>
  );
}

/**
 * 批量发货: the packed orders go out as a template for the carrier, the carrier's file comes back and every row is
 * judged before anything changes, then the good rows ship (each order on its own, through the outbox).
 * `orderIds` empty means every packed order. `onClose` gets how many orders shipped, so the list can refresh.
 */
export function BatchShipDialog({ orderIds, onClose }: { orderIds: readonly string[]; onClose(shipped: number): void }) {
  const t = useT();
  const locale = useLocaleStore((s) => s.locale);
  const input = useRef<HTMLInputElement>(null);
  const [orders, setOrders] = useState<PackedOrder[] | null>(null);
  const [phase, setPhase] = useState<Phase>({ step: 'pick' });
  const [error, setError] = useState<string | null>(null);
  const [exporting, setExporting] = useState(false);

  useEffect(() => {
    let live = true;
    api.shippingPackedOrders(orderIds.length > 0 ? [...orderIds] : undefined).then(
      (r) => live && setOrders(r.rows),
      (err: unknown) => live && setError(describeBatchError(t, asApiError(err))),
    );
    return () => {
      live = false;
    };
    // The batch is fixed when the dialog opens; a language switch must not reload it.
  }, [orderIds]);

  async function exportTemplate() {
    if (!orders || orders.length === 0) return;
    setError(null);
    setExporting(true);
    try {
      const file = await api.shippingExportTemplate({ orderIds: orders.map((o) => o.orderId), locale });
      downloadBase64(file.fileName, file.base64);
    } catch (err) {
      setError(describeBatchError(t, asApiError(err)));
    } finally {
      setExporting(false);
    }
  }

  async function read(file: File) {
    setError(null);
    if (file.size > MAX_FILE_BYTES) {
      setError(t('shipping.error.tooLarge'));
      return;
    }
    const before = phase;
    setPhase({ step: 'reading', name: file.name });
    try {
      const preview = await api.shippingBatchPreview({ fileName: file.name, fileBase64: toBase64(await file.arrayBuffer()) });
      setPhase({ step: 'preview', preview });
    } catch (err) {
      setError(describeBatchError(t, asApiError(err)));
      setPhase(before.step === 'preview' ? before : { step: 'pick' });
    }
  }

  async function confirm() {
    if (phase.step !== 'preview') return;
    setError(null);
    setPhase({ step: 'confirming', preview: phase.preview });
    try {
      const done = await api.shippingBatchConfirm({ rows: toConfirm(phase.preview) });
      setPhase({ step: 'done', preview: phase.preview, ...done });
    } catch (err) {
      setError(describeBatchError(t, asApiError(err)));
      setPhase({ step: 'preview', preview: phase.preview });
    }
  }

  const preview = phase.step === 'preview' || phase.step === 'confirming' || phase.step === 'done' ? phase.preview : null;
  const busy = phase.step === 'reading' || phase.step === 'confirming';
  const shipped = phase.step === 'done' ? phase.shipped : 0;
  const close = () => onClose(shipped);
  const encodingKey = preview ? `catalog.encoding.${preview.encoding}` : '';
  const encoding = preview ? (Object.hasOwn(dictionaries['zh-CN'], encodingKey) ? t(encodingKey as MessageKey) : preview.encoding) : '';

  return (
    <Dialog open onClose={busy ? undefined : close} maxWidth="lg" fullWidth aria-labelledby="batch-ship-title" data-testid="batch-ship-dialog">
      <DialogTitle id="batch-ship-title">{t('shipping.title')}</DialogTitle>
      <DialogContent>
        <input
          ref={input}
          type="file"
          hidden
          accept=".csv,.txt,.tsv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          data-testid="batch-file"
          onChange={(e) => {
            const file = e.target.files?.[0];
            // Cleared so that choosing the same file again, after fixing it, is noticed.
            e.target.value = '';
            if (file) void read(file);
          }}
        />
        <Stack spacing={2}>
          {orders === null ? (
            <Typography color="text.secondary">{t('shipping.orders.loading')}</Typography>
          ) : orders.length === 0 && phase.step === 'pick' ? (
            <Alert severity="info" data-testid="batch-no-orders">
              {t('shipping.orders.none')}
            </Alert>
          ) : phase.step === 'pick' || phase.step === 'reading' ? (
            <PackedOrdersSummary orders={orders} selected={orderIds.length > 0} />
          ) : null}

          {phase.step === 'pick' || phase.step === 'reading' ? (
            <>
              <Stack direction="row" spacing={2} sx={{ alignItems: 'center' }}>
                <Typography variant="body2" sx={{ flex: 1 }}>
                  {t('shipping.step.export')}
                </Typography>
                <Button variant="outlined" onClick={() => void exportTemplate()} disabled={!orders || orders.length === 0 || exporting} data-testid="batch-export">
                  {t('shipping.export')}
                </Button>
              </Stack>
              <Stack direction="row" spacing={2} sx={{ alignItems: 'center' }}>
                <Typography variant="body2" sx={{ flex: 1 }}>
                  {t('shipping.step.import')}
                </Typography>
                <Button variant="contained" onClick={() => input.current?.click()} disabled={busy} data-testid="batch-import">
                  {t('shipping.import')}
                </Button>
              </Stack>
            </>
          ) : null}
          {phase.step === 'reading' ? (
            <Box>
              <Typography variant="body2">{t('shipping.reading', { name: phase.name })}</Typography>
              <LinearProgress sx={{ mt: 1 }} />
            </Box>
          ) : null}

          {error ? (
            <Alert severity="error" data-testid="batch-error">
              {error}
            </Alert>
          ) : null}

          {preview ? (
            <>
              <Stack direction="row" spacing={4} sx={{ alignItems: 'flex-end', flexWrap: 'wrap', rowGap: 1 }}>
                <Figure label={t('shipping.preview.file')} value={preview.fileName} testId="batch-file-name" />
                {preview.format === 'csv' ? <Figure label={t('shipping.preview.encoding')} value={encoding} testId="batch-encoding" /> : null}
                <Figure label={t('shipping.preview.rows')} value={preview.rows.length} testId="batch-rows-count" />
                <Figure label={t('shipping.preview.ok')} value={preview.ok} testId="batch-ok" color="success.main" />
                <Figure label={t('shipping.preview.refused')} value={preview.refused} testId="batch-refused" color={preview.refused ? 'error.main' : undefined} />
                <Box sx={{ flex: 1 }} />
                {phase.step === 'preview' ? (
                  <Button onClick={() => input.current?.click()} data-testid="batch-import-another">
                    {t('shipping.importAnother')}
                  </Button>
                ) : null}
              </Stack>
              <Typography variant="caption" color="text.secondary" data-testid="batch-columns">
                {t('shipping.preview.columns', {
                  orderId: preview.columns.orderId,
                  tracking: preview.columns.trackingNumber,
                  carrier: preview.columns.carrierCode ? t('shipping.preview.carrierColumn', { header: preview.columns.carrierCode }) : t('shipping.preview.noCarrierColumn'),
                })}
              </Typography>
              {phase.step === 'done' ? (
                <Alert severity={phase.shipped > 0 ? 'success' : 'warning'} data-testid="batch-done">
                  {phase.shipped > 0 ? t('shipping.done', { shipped: phase.shipped, refused: preview.rows.length - phase.shipped }) : t('shipping.doneNone', { refused: preview.rows.length })}
                </Alert>
              ) : preview.ok === 0 ? (
                <Alert severity="error" data-testid="batch-none-ok">
                  {t('shipping.preview.noneOk')}
                </Alert>
              ) : preview.refused > 0 ? (
                <Alert severity="warning" data-testid="batch-some-refused">
                  {t('shipping.preview.someRefused', { refused: preview.refused, ok: preview.ok })}
                </Alert>
              ) : (
                <Alert severity="success">{t('shipping.preview.allOk', { n: preview.ok })}</Alert>
              )}
              <BatchRowsTable rows={phase.step === 'done' ? resultRows(preview, phase.results) : previewRows(preview)} />
              {phase.step === 'confirming' ? <LinearProgress /> : null}
            </>
          ) : null}
        </Stack>
      </DialogContent>
      <DialogActions sx={{ px: 3, pb: 2 }}>
        {phase.step === 'done' ? (
          <Button variant="contained" onClick={close} data-testid="batch-finish">
            {t('shipping.finish')}
          </Button>
        ) : (
          <>
            <Button onClick={close} disabled={busy}>
              {t('common.cancel')}
            </Button>
            {preview ? (
              <Button variant="contained" onClick={() => void confirm()} disabled={busy || preview.ok === 0} data-testid="batch-confirm">
                {phase.step === 'confirming' ? t('shipping.confirming') : t('shipping.confirm', { n: preview.ok })}
              </Button>
            ) : null}
          </>
        )}
      </DialogActions>
    </Dialog>
  );
}
