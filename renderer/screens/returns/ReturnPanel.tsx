import { Alert, Box, Button, Chip, Divider, Stack, Table, TableBody, TableCell, TableHead, TableRow, TextField, Typography } from '@mui/material';
import { Fragment } from 'react';
import type { InspectionEntry, ReturnDetail, ReturnDisposition } from '../../../shared/domain/returns';
import { formatDateTime, useLocaleStore, useT } from '../../i18n';
import { formatMoney } from '../purchasing/format';
import { InspectForm } from './InspectForm';
import { dispositionKey, reasonText, STATUS_COLOR, statusKey } from './labels';
import { RefundForm } from './RefundForm';
import type { CountVerdict } from './returns.store';

interface Props {
  detail: ReturnDetail;
  counts: Record<number, number>;
  verdict: CountVerdict | null;
  warehouses: readonly { id: number; code: string; name: string }[];
  suppliers: readonly { id: number; name: string }[];
  busy: boolean;
  onCount(lineId: number, n: number): void;
  onReceive(): void;
  onInspect(entries: InspectionEntry[]): void;
  onRefund(amountMinor: number): void;
  onClose(): void;
}

const DISPOSITION_COLOR = { restock: 'success', scrap: 'error', 'return-to-supplier': 'warning' } as const;

function DispositionText({ d }: { d: ReturnDisposition }) {
  const t = useT();
  const locale = useLocaleStore((s) => s.locale);
  const parts = [`${t(dispositionKey(d.disposition))} ×${d.quantity}`];
  if (d.warehouseCode) parts.push(d.warehouseCode);
  if (d.supplierName) parts.push(d.supplierName);
  if (d.reason) parts.push(d.reason);
  if (d.unitCostMinor !== null && d.costCurrency) parts.push(t('returns.disposition.value', { value: formatMoney(locale, d.unitCostMinor * d.quantity, d.costCurrency) }));
  return <Chip size="small" variant="outlined" color={DISPOSITION_COLOR[d.disposition]} label={parts.join(' · ')} data-testid="return-disposition" data-disposition={d.disposition} />;
}

/** One return as the clerk works it: count in at the door, inspect, refund, close. */
export function ReturnPanel({ detail: d, counts, verdict, warehouses, suppliers, busy, onCount, onReceive, onInspect, onRefund, onClose }: Props) {
  const t = useT();
  const locale = useLocaleStore((s) => s.locale);
  const receiving = (d.status === 'open' || d.status === 'received') && d.lines.some((l) => l.receivedQuantity < l.quantity);
  const counted = d.lines.reduce((n, l) => n + (counts[l.id] ?? 0), 0);
  const countsValid = d.lines.every((l) => {
    const c = counts[l.id] ?? 0;
    return Number.isInteger(c) && c >= 0 && c <= l.quantity - l.receivedQuantity;
  });
  const refundOnly = d.status === 'open' && d.refundMinor !== null && d.receivedUnits === 0;
  const closable = d.status === 'inspected' || refundOnly;
  const inspected = d.lines.some((l) => l.dispositions.length > 0);

  return (
    <Stack spacing={2} data-testid="return-panel" data-rma={d.rmaNumber} data-status={d.status}>
      <Stack direction="row" spacing={1.5} sx={{ alignItems: 'center', flexWrap: 'wrap' }} useFlexGap>
        <Typography variant="h5" component="h2" sx={{ fontFamily: 'ui-monospace, Consolas, monospace', fontWeight: 700 }} data-testid="return-rma-title">
          {d.rmaNumber}
        </Typography>
        <Chip color={STATUS_COLOR[d.status]} label={t(statusKey(d.status))} data-testid="return-panel-status" />
        <Chip variant="outlined" label={reasonText(t, d.reasonCode)} />
        <Box sx={{ flex: 1 }} />
        {closable ? (
          <Button variant="outlined" onClick={onClose} disabled={busy} data-testid="return-close">
            {t('returns.close')}
          </Button>
        ) : null}
      </Stack>
      <Box sx={{ display: 'grid', gridTemplateColumns: '96px 1fr', rowGap: 0.5, columnGap: 1.5, fontSize: 14 }}>
        <Box sx={{ color: 'text.secondary' }}>{t('returns.col.order')}</Box>
        <Box sx={{ fontFamily: 'monospace' }} data-testid="return-order">
          {d.orderId ?? t('returns.unlinked')}
        </Box>
        <Box sx={{ color: 'text.secondary' }}>{t('returns.create.warehouse')}</Box>
        <Box>{d.warehouseCode ?? '—'}</Box>
        <Box sx={{ color: 'text.secondary' }}>{t('returns.detail.timeline')}</Box>
        <Box>
          {[
            t('returns.detail.created', { at: formatDateTime(locale, d.createdAt), by: d.createdBy }),
            d.receivedAt ? t('returns.detail.received', { at: formatDateTime(locale, d.receivedAt) }) : null,
            d.inspectedAt ? t('returns.detail.inspected', { at: formatDateTime(locale, d.inspectedAt) }) : null,
            d.closedAt ? t('returns.detail.closed', { at: formatDateTime(locale, d.closedAt) }) : null,
          ]
            .filter(Boolean)
            .join(' → ')}
        </Box>
        {d.note ? (
          <>
            <Box sx={{ color: 'text.secondary' }}>{t('returns.create.note')}</Box>
            <Box sx={{ whiteSpace: 'pre-wrap' }}>{d.note}</Box>
          </>
        ) : null}
      </Box>

      <Table size="small" data-testid="return-lines" sx={{ '& th': { whiteSpace: 'nowrap' } }}>
        <TableHead>
          <TableRow>
            <TableCell>{t('returns.line.sku')}</TableCell>
            <TableCell>{t('returns.line.title')}</TableCell>
            <TableCell align="right">{t('returns.line.expected')}</TableCell>
            <TableCell align="right">{t('returns.line.received')}</TableCell>
            {receiving ? <TableCell align="right">{t('returns.line.counted')}</TableCell> : null}
          </TableRow>
        </TableHead>
        <TableBody>
          {d.lines.map((l) => {
            const open = l.quantity - l.receivedQuantity;
            const c = counts[l.id] ?? 0;
            return (
              <Fragment key={l.id}>
              <TableRow data-testid={`return-line-${l.sku}`} sx={inspected ? { '& td': { borderBottom: 0 } } : undefined}>
                <TableCell sx={{ fontFamily: 'monospace', whiteSpace: 'nowrap' }}>{l.sku}</TableCell>
                <TableCell sx={{ maxWidth: 200 }}>
                  <Box sx={{ overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }} title={l.name}>
                    {l.name}
                  </Box>
                  {l.reasonCode && l.reasonCode !== d.reasonCode ? (
                    <Typography variant="caption" color="text.secondary">
                      {reasonText(t, l.reasonCode)}
                    </Typography>
                  ) : null}
                </TableCell>
                <TableCell align="right">{l.quantity}</TableCell>
                <TableCell align="right" data-testid="return-line-received">
                  {l.receivedQuantity}
                </TableCell>
                {receiving ? (
                  <TableCell align="right">
                    <TextField
                      size="small"
                      type="number"
                      value={Number.isNaN(c) ? '' : c}
                      disabled={open === 0}
                      error={!Number.isInteger(c) || c < 0 || c > open}
                      onChange={(e) => onCount(l.id, e.target.value === '' ? Number.NaN : Number(e.target.value))}
                      sx={{ width: 84 }}
                      slotProps={{ htmlInput: { min: 0, max: open, 'data-testid': 'return-line-count' } }}
                    />
                  </TableCell>
                ) : null}
              </TableRow>
              {inspected ? (
                <TableRow data-testid={`return-outcome-${l.sku}`}>
                  <TableCell colSpan={receiving ? 5 : 4} sx={{ pt: 0 }}>
                    <Stack direction="row" spacing={1} sx={{ alignItems: 'center', flexWrap: 'wrap' }} useFlexGap>
                      <Typography variant="caption" color="text.secondary">
                        {t('returns.line.disposition')}
                      </Typography>
                      {l.dispositions.map((x, i) => (
                        <DispositionText key={i} d={x} />
                      ))}
                      {[...new Set(l.dispositions.map((x) => x.note).filter(Boolean))].map((note) => (
                        <Typography key={note} variant="caption" color="text.secondary" data-testid="return-inspection-note">
                          {note}
                        </Typography>
                      ))}
                    </Stack>
                  </TableCell>
                </TableRow>
              ) : null}
              </Fragment>
            );
          })}
        </TableBody>
      </Table>

      {receiving ? (
        <Stack spacing={1} data-testid="return-receive">
          <Typography variant="body2" color="text.secondary">
            {t('returns.receive.help')}
          </Typography>
          {verdict ? (
            <Alert key={verdict.seq} severity={verdict.ok ? 'success' : 'error'} data-testid="return-scan-verdict" data-ok={verdict.ok}>
              {t(verdict.key, verdict.params)}
            </Alert>
          ) : null}
          <Box>
            <Button variant="contained" disabled={busy || counted <= 0 || !countsValid} onClick={onReceive} data-testid="return-receive-submit">
              {t('returns.receive.submit', { n: Number.isNaN(counted) ? 0 : counted })}
            </Button>
          </Box>
        </Stack>
      ) : null}

      {d.status === 'received' ? (
        <>
          <Divider />
          <InspectForm key={`${d.id}-${d.updatedAt}`} detail={d} warehouses={warehouses} suppliers={suppliers} busy={busy} onInspect={onInspect} />
        </>
      ) : null}

      <Divider />
      <RefundForm key={`${d.id}-${d.updatedAt}`} detail={d} busy={busy} onRefund={onRefund} />
    </Stack>
  );
}
