import { Alert, Box, Button, Dialog, DialogActions, DialogContent, DialogContentText, DialogTitle, IconButton, LinearProgress, Stack, Table, TableBody, TableCell, TableHead, TableRow, Typography } from '@mui/material';
import { useState } from 'react';
import type { PurchaseOrder } from '../../../shared/domain/purchasing';
import { ApiError } from '../../api/client';
import { formatDateTime, useLocaleStore, useT } from '../../i18n';
import { describeError } from '../../i18n/describe-error';
import { usePurchasingStore } from '../../stores/purchasing.store';
import { formatMoney, saveBase64File } from './format';
import { OrderStatusChip } from './StatusChips';

type Action = 'send' | 'cancel' | 'pdf';

function Fact({ label, value, testId, wide }: { label: string; value: string; testId?: string; wide?: boolean }) {
  return (
    <Box sx={{ minWidth: 0, gridColumn: wide ? 'span 2' : undefined }}>
      <Typography variant="caption" color="text.secondary" component="div">
        {label}
      </Typography>
      <Typography variant="body2" sx={{ overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }} title={value} data-testid={testId}>
        {value}
      </Typography>
    </Box>
  );
}

/** One PO: its facts, lines with what arrived, the deliveries, and what can be done at its status. */
export function OrderPanel({ order, onReceive, onClose }: { order: PurchaseOrder; onReceive(): void; onClose(): void }) {
  const t = useT();
  const locale = useLocaleStore((s) => s.locale);
  const { send, cancel, pdf } = usePurchasingStore();
  const [busy, setBusy] = useState<Action | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [confirmingCancel, setConfirmingCancel] = useState(false);

  const ordered = order.lines.reduce((s, l) => s + l.quantity, 0);
  const received = order.lines.reduce((s, l) => s + l.receivedQuantity, 0);
  const rejected = order.lines.reduce((s, l) => s + l.rejectedQuantity, 0);
  const open = order.lines.reduce((s, l) => s + l.openQuantity, 0);
  const money = (minor: number) => formatMoney(locale, minor, order.currency);
  const skuOf = new Map(order.lines.map((l) => [l.id, l]));
  const receivable = order.status === 'sent' || order.status === 'partial';
  const cancellable = order.status === 'draft' || receivable;

  async function run(action: Action, work: () => Promise<void>) {
    setBusy(action);
    setError(null);
    try {
      await work();
    } catch (err) {
      setError(err instanceof ApiError ? err : new ApiError('internal'));
    } finally {
      setBusy(null);
    }
  }

  const download = () =>
    run('pdf', async () => {
      const file = await pdf(locale);
      saveBase64File(file.fileName, file.base64, 'application/pdf');
    });

  return (
    <Box sx={{ width: 'min(900px, 100vw - 120px)', p: 2, display: 'flex', flexDirection: 'column', gap: 2, height: '100%', boxSizing: 'border-box' }} data-testid="po-panel">
      <Stack direction="row" spacing={1.5} sx={{ alignItems: 'center' }}>
        <Typography variant="h6" sx={{ fontFamily: 'monospace' }} data-testid="po-panel-number">
          {order.number}
        </Typography>
        <OrderStatusChip status={order.status} />
        <Box sx={{ flex: 1 }} />
        <IconButton aria-label={t('common.close')} onClick={onClose}>
          ×
        </IconButton>
      </Stack>

      <Box sx={{ display: 'grid', gridTemplateColumns: 'repeat(4, minmax(0, 1fr))', gap: 1.5 }}>
        <Fact label={t('purchasing.detail.supplier')} value={order.supplierName} />
        <Fact label={t('purchasing.detail.warehouse')} value={`${order.warehouseCode} · ${order.warehouseName}`} />
        <Fact label={t('purchasing.detail.expected')} value={order.expectedDate ?? '—'} />
        <Fact label={t('purchasing.detail.total')} value={money(order.totalMinor)} testId="po-panel-total" />
        <Fact label={t('purchasing.detail.createdBy')} value={`${order.createdBy} · ${formatDateTime(locale, order.createdAt)}`} wide />
        <Fact label={t('purchasing.detail.updated')} value={formatDateTime(locale, order.updatedAt)} />
        {order.note ? <Fact label={t('purchasing.detail.note')} value={order.note} wide /> : null}
      </Box>

      <Box>
        <Stack direction="row" sx={{ justifyContent: 'space-between', mb: 0.5 }}>
          <Typography variant="body2" data-testid="po-panel-progress">
            {t('purchasing.detail.progress', { received, rejected, open, ordered })}
          </Typography>
        </Stack>
        <LinearProgress variant="determinate" value={ordered ? ((received + rejected) / ordered) * 100 : 0} color={order.status === 'received' ? 'success' : 'primary'} />
      </Box>

      <Stack direction="row" spacing={1} useFlexGap sx={{ flexWrap: 'wrap' }}>
        {order.status === 'draft' ? (
          <Button variant="contained" disabled={busy !== null} onClick={() => void run('send', send)} data-testid="po-send">
            {t('purchasing.action.send')}
          </Button>
        ) : null}
        {receivable ? (
          <Button variant="contained" disabled={busy !== null} onClick={onReceive} data-testid="po-receive">
            {t('purchasing.action.receive')}
          </Button>
        ) : null}
        <Button variant="outlined" disabled={busy !== null} onClick={() => void download()} data-testid="po-pdf">
          {busy === 'pdf' ? t('purchasing.action.pdfBusy') : t('purchasing.action.pdf')}
        </Button>
        {cancellable ? (
          <Button color="error" disabled={busy !== null} onClick={() => setConfirmingCancel(true)} data-testid="po-cancel">
            {t('purchasing.action.cancel')}
          </Button>
        ) : null}
      </Stack>
      {order.status === 'draft' ? (
        <Typography variant="caption" color="text.secondary" sx={{ mt: -1 }}>
          {t('purchasing.detail.draftHint')}
        </Typography>
      ) : null}
      {error ? (
        <Alert severity="error" data-testid="po-error">
          {describeError(t, error)}
        </Alert>
      ) : null}

      <Box sx={{ overflow: 'auto', flex: 1, minHeight: 0 }}>
        <Typography variant="subtitle1" sx={{ mb: 0.5 }}>
          {t('purchasing.detail.lines')}
        </Typography>
        <Table size="small" sx={{ '& th': { whiteSpace: 'nowrap' }, '& td.figure, & th.figure': { textAlign: 'right', fontVariantNumeric: 'tabular-nums' } }}>
          <TableHead>
            <TableRow>
              <TableCell>{t('purchasing.lcol.sku')}</TableCell>
              <TableCell>{t('purchasing.lcol.name')}</TableCell>
              <TableCell className="figure">{t('purchasing.lcol.quantity')}</TableCell>
              <TableCell className="figure">{t('purchasing.lcol.unitCost')}</TableCell>
              <TableCell className="figure">{t('purchasing.lcol.amount')}</TableCell>
              <TableCell className="figure">{t('purchasing.lcol.received')}</TableCell>
              <TableCell className="figure">{t('purchasing.lcol.rejected')}</TableCell>
              <TableCell className="figure">{t('purchasing.lcol.open')}</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {order.lines.map((l) => (
              <TableRow key={l.id} data-testid={`po-line-${l.sku}`}>
                <TableCell sx={{ fontFamily: 'monospace', whiteSpace: 'nowrap' }}>{l.sku}</TableCell>
                <TableCell sx={{ maxWidth: 200, overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }} title={l.name}>
                  {l.name}
                </TableCell>
                <TableCell className="figure" data-testid="line-quantity">
                  {l.quantity}
                </TableCell>
                <TableCell className="figure" sx={l.unitCostMinor === 0 ? { color: 'warning.main' } : undefined} title={l.unitCostMinor === 0 ? t('purchasing.detail.zeroCost') : undefined}>
                  {money(l.unitCostMinor)}
                </TableCell>
                <TableCell className="figure">{money(l.amountMinor)}</TableCell>
                <TableCell className="figure" data-testid="line-received">
                  {l.receivedQuantity}
                </TableCell>
                <TableCell className="figure" data-testid="line-rejected" sx={l.rejectedQuantity ? { color: 'error.main' } : undefined}>
                  {l.rejectedQuantity}
                </TableCell>
                <TableCell className="figure" data-testid="line-open" sx={{ fontWeight: l.openQuantity ? 600 : undefined }}>
                  {l.openQuantity}
                </TableCell>
              </TableRow>
            ))}
            <TableRow>
              <TableCell colSpan={2} sx={{ fontWeight: 600 }}>
                {t('purchasing.detail.total')}
              </TableCell>
              <TableCell className="figure" sx={{ fontWeight: 600 }}>
                {ordered}
              </TableCell>
              <TableCell />
              <TableCell className="figure" sx={{ fontWeight: 600 }}>
                {money(order.totalMinor)}
              </TableCell>
              <TableCell className="figure" sx={{ fontWeight: 600 }}>
                {received}
              </TableCell>
              <TableCell className="figure" sx={{ fontWeight: 600 }}>
                {rejected}
              </TableCell>
              <TableCell className="figure" sx={{ fontWeight: 600 }}>
                {open}
              </TableCell>
            </TableRow>
          </TableBody>
        </Table>

        <Typography variant="subtitle1" sx={{ mt: 3, mb: 0.5 }}>
          {t('purchasing.detail.receipts')}
        </Typography>
        {order.receipts.length === 0 ? (
          <Typography variant="body2" color="text.secondary" data-testid="po-no-receipts">
            {t('purchasing.detail.noReceipts')}
          </Typography>
        ) : (
          <Table size="small" sx={{ '& th': { whiteSpace: 'nowrap' }, '& td.figure, & th.figure': { textAlign: 'right', fontVariantNumeric: 'tabular-nums' } }}>
            <TableHead>
              <TableRow>
                <TableCell>{t('purchasing.rcol.at')}</TableCell>
                <TableCell>{t('purchasing.lcol.sku')}</TableCell>
                <TableCell className="figure">{t('purchasing.rcol.passed')}</TableCell>
                <TableCell className="figure">{t('purchasing.rcol.failed')}</TableCell>
                <TableCell>{t('purchasing.rcol.note')}</TableCell>
                <TableCell>{t('purchasing.rcol.by')}</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {[...order.receipts].reverse().map((r) => (
                <TableRow key={r.id} data-testid="receipt-row">
                  <TableCell sx={{ whiteSpace: 'nowrap' }}>{formatDateTime(locale, r.receivedAt)}</TableCell>
                  <TableCell sx={{ fontFamily: 'monospace', whiteSpace: 'nowrap' }} title={skuOf.get(r.lineId)?.name}>
                    {r.sku}
                  </TableCell>
                  <TableCell className="figure" data-testid="receipt-passed">
                    {r.passedQuantity}
                  </TableCell>
                  <TableCell className="figure" data-testid="receipt-failed" sx={r.failedQuantity ? { color: 'error.main' } : undefined}>
                    {r.failedQuantity}
                  </TableCell>
                  <TableCell sx={{ maxWidth: 220 }}>{r.qcNote ?? ''}</TableCell>
                  <TableCell sx={{ whiteSpace: 'nowrap' }}>{r.receivedBy}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        )}
      </Box>

      {confirmingCancel ? (
        <Dialog open onClose={() => setConfirmingCancel(false)} maxWidth="xs" fullWidth aria-labelledby="po-cancel-title">
          <DialogTitle id="po-cancel-title">{t('purchasing.cancel.title', { number: order.number })}</DialogTitle>
          <DialogContent>
            <DialogContentText>{t('purchasing.cancel.body', { open, received })}</DialogContentText>
          </DialogContent>
          <DialogActions>
            <Button onClick={() => setConfirmingCancel(false)}>{t('purchasing.cancel.keep')}</Button>
            <Button
              color="error"
              variant="contained"
              data-testid="po-cancel-confirm"
              onClick={() => {
                setConfirmingCancel(false);
                void run('cancel', cancel);
              }}
            >
              {t('purchasing.cancel.confirm')}
            </Button>
          </DialogActions>
        </Dialog>
      ) : null}
    </Box>
  );
}
