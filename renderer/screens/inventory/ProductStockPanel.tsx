import { Alert, Box, Button, Chip, Divider, IconButton, Stack, Table, TableBody, TableCell, TableHead, TableRow, Typography } from '@mui/material';
import { adjustmentReasons, type InventoryRow as StockRow, type LedgerEntry as Movement, type Warehouse } from '../../../shared/domain/inventory';
import { formatDateTime, useLocaleStore, useT, type MessageKey } from '../../i18n';
import { describeError } from '../../i18n/describe-error';
import { useInventoryStore } from '../../stores/inventory.store';

const signed = (n: number) => (n > 0 ? `+${n}` : String(n));
const REASONS = new Set<string>(adjustmentReasons);
const REF_TYPES = new Set(['po', 'order', 'transfer', 'fba-sync', 'demo']);
/** What caused a movement, in words; a cause this version does not know is shown as stored. */
const refTypeLabel = (t: ReturnType<typeof useT>, type: string) => (REF_TYPES.has(type) ? t(`inventory.refType.${type}` as MessageKey) : type);

function MovementLine({ m }: { m: Movement }) {
  const t = useT();
  const locale = useLocaleStore((s) => s.locale);
  const deltas = [
    m.onHandDelta ? t('inventory.delta.onHand', { n: signed(m.onHandDelta) }) : null,
    m.reservedDelta ? t('inventory.delta.reserved', { n: signed(m.reservedDelta) }) : null,
    m.inTransitDelta ? t('inventory.delta.inTransit', { n: signed(m.inTransitDelta) }) : null,
  ].filter(Boolean);
  return (
    <Box sx={{ py: 1, borderBottom: 1, borderColor: 'divider' }} data-testid="ledger-row">
      <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }}>
        <Chip size="small" label={t(`inventory.kind.${m.kind}` as MessageKey)} data-testid="ledger-kind" />
        {m.reason && REASONS.has(m.reason) ? <Chip size="small" variant="outlined" label={t(`inventory.reason.${m.reason}` as MessageKey)} data-testid="ledger-reason" /> : null}
        <Typography variant="body2" sx={{ fontVariantNumeric: 'tabular-nums', fontWeight: 600, flex: 1 }} data-testid="ledger-delta">
          {deltas.join(' · ')}
        </Typography>
        <Typography variant="caption" color="text.secondary">
          {m.warehouseCode}
        </Typography>
      </Stack>
      <Typography variant="caption" color="text.secondary" component="div">
        {formatDateTime(locale, m.createdAt)} · {m.actor}
        {m.refType ? ` · ${t('inventory.ref', { type: refTypeLabel(t, m.refType), id: m.refId ?? '' })}` : ''}
      </Typography>
      {m.note ? (
        <Typography variant="body2" sx={{ mt: 0.5 }}>
          {m.note}
        </Typography>
      ) : null}
    </Box>
  );
}

/** The selected product: its stock at each place and the ledger that explains it. */
export function ProductStockPanel({ row, warehouses, onAdjust, onTransfer, onClose }: { row: StockRow; warehouses: Warehouse[]; onAdjust(): void; onTransfer(): void; onClose(): void }) {
  const t = useT();
  const { ledger, ledgerHasMore, ledgerError, moreLedger } = useInventoryStore();
  const byId = new Map(warehouses.map((w) => [w.id, w]));
  return (
    <Box sx={{ width: 500, p: 2, display: 'flex', flexDirection: 'column', gap: 2, height: '100%' }} data-testid="stock-panel">
      <Stack direction="row" sx={{ alignItems: 'flex-start' }}>
        <Box sx={{ flex: 1, minWidth: 0 }}>
          <Typography variant="h6" sx={{ fontFamily: 'monospace' }}>
            {row.sku}
          </Typography>
          <Typography variant="body2" color="text.secondary">
            {row.name}
          </Typography>
        </Box>
        <IconButton aria-label={t('common.close')} onClick={onClose}>
          ×
        </IconButton>
      </Stack>
      <Table size="small" sx={{ '& th': { whiteSpace: 'nowrap' }, '& td:first-of-type': { whiteSpace: 'nowrap' } }}>
        <TableHead>
          <TableRow>
            <TableCell>{t('inventory.col.place')}</TableCell>
            <TableCell align="right">{t('inventory.col.available')}</TableCell>
            <TableCell align="right">{t('inventory.col.onHand')}</TableCell>
            <TableCell align="right">{t('inventory.col.reserved')}</TableCell>
            <TableCell align="right">{t('inventory.col.inTransit')}</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {row.places.map((p) => {
            const w = byId.get(p.warehouseId);
            return (
              <TableRow key={p.warehouseId} data-testid={`place-${w?.code ?? p.warehouseId}`}>
                <TableCell title={w?.name}>{w ? `${w.code} · ${t(`inventory.warehouseKind.${w.kind}` as MessageKey)}` : p.warehouseId}</TableCell>
                <TableCell align="right" data-testid="place-available" sx={{ fontWeight: 600 }}>
                  {p.available}
                </TableCell>
                <TableCell align="right">{p.onHand}</TableCell>
                <TableCell align="right">{p.reserved}</TableCell>
                <TableCell align="right">{p.inTransit}</TableCell>
              </TableRow>
            );
          })}
          <TableRow>
            <TableCell sx={{ fontWeight: 600 }}>{t('inventory.totalStock')}</TableCell>
            <TableCell align="right" sx={{ fontWeight: 600 }}>
              {row.totals.available}
            </TableCell>
            <TableCell align="right">{row.totals.onHand}</TableCell>
            <TableCell align="right">{row.totals.reserved}</TableCell>
            <TableCell align="right">{row.totals.inTransit}</TableCell>
          </TableRow>
        </TableBody>
      </Table>
      <Stack direction="row" spacing={1}>
        <Button variant="contained" onClick={onAdjust} data-testid="adjust-open" sx={{ flex: 1 }}>
          {t('inventory.adjust.open')}
        </Button>
        <Button variant="outlined" onClick={onTransfer} data-testid="transfer-open" sx={{ flex: 1 }}>
          {t('inventory.transfer.open')}
        </Button>
      </Stack>
      <Divider />
      <Typography variant="subtitle1">{t('inventory.ledger')}</Typography>
      <Box sx={{ overflow: 'auto', flex: 1 }} data-testid="ledger">
        {ledgerError ? <Alert severity="error">{describeError(t, ledgerError)}</Alert> : null}
        {ledger.length === 0 && !ledgerError ? (
          <Typography variant="body2" color="text.secondary">
            {t('inventory.ledgerEmpty')}
          </Typography>
        ) : null}
        {ledger.map((m) => (
          <MovementLine key={m.id} m={m} />
        ))}
        {ledgerHasMore ? (
          <Button onClick={() => void moreLedger()} sx={{ mt: 1 }}>
            {t('inventory.ledgerMore')}
          </Button>
        ) : null}
      </Box>
    </Box>
  );
}
