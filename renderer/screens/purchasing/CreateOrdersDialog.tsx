import { Alert, Box, Button, CircularProgress, Dialog, DialogActions, DialogContent, DialogTitle, Table, TableBody, TableCell, TableHead, TableRow, Typography } from '@mui/material';
import { useEffect, useState } from 'react';
import type { PurchaseOrder, PurchasePlanGroup } from '../../../shared/domain/purchasing';
import { api, ApiError } from '../../api/client';
import { useLocaleStore, useT } from '../../i18n';
import { describeError } from '../../i18n/describe-error';
import { formatMoney } from './format';

interface Props {
  warehouseId: number;
  picked: readonly number[];
  onClose(): void;
  /** Creates one draft per supplier id; the store opens the first. */
  onCreate(supplierIds: number[]): Promise<PurchaseOrder[]>;
}

/**
 * What "create purchase orders" will do before it does it: the ticked SKUs split by supplier, each with the suggested
 * quantity, the latest cost and the estimated amount; SKUs that cannot be ordered (no supplier) are named.
 */
export function CreateOrdersDialog({ warehouseId, picked, onClose, onCreate }: Props) {
  const t = useT();
  const locale = useLocaleStore((s) => s.locale);
  const [groups, setGroups] = useState<PurchasePlanGroup[] | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);

  useEffect(() => {
    let live = true;
    const wanted = new Set(picked);
    api
      .purchasingPlan({ warehouseId })
      .then((plan) => {
        if (!live) return;
        setGroups(plan.map((g) => ({ ...g, lines: g.lines.filter((l) => wanted.has(l.productId)) })).filter((g) => g.lines.length > 0));
      })
      .catch((err: unknown) => live && setError(err instanceof ApiError ? err : new ApiError('internal')));
    return () => {
      live = false;
    };
  }, [warehouseId, picked]);

  const orderable = (groups ?? []).filter((g): g is PurchasePlanGroup & { supplierId: number } => g.supplierId !== null);
  const orphans = (groups ?? []).filter((g) => g.supplierId === null).flatMap((g) => g.lines.map((l) => l.sku));

  async function create() {
    setBusy(true);
    setError(null);
    try {
      await onCreate(orderable.map((g) => g.supplierId));
      onClose();
    } catch (err) {
      setError(err instanceof ApiError ? err : new ApiError('internal'));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Dialog open onClose={onClose} maxWidth="md" fullWidth aria-labelledby="create-po-title">
      <DialogTitle id="create-po-title">{t('purchasing.create.title')}</DialogTitle>
      <DialogContent>
        <Typography variant="body2" color="text.secondary" sx={{ mb: 2 }}>
          {t('purchasing.create.intro')}
        </Typography>
        {groups === null && !error ? <CircularProgress size={24} /> : null}
        {groups !== null && groups.length === 0 ? <Alert severity="info">{t('purchasing.create.nothing')}</Alert> : null}
        {orphans.length > 0 ? (
          <Alert severity="warning" sx={{ mb: 2 }} data-testid="create-orphans">
            {t('purchasing.create.noSupplier', { skus: orphans })}
          </Alert>
        ) : null}
        {orderable.map((g) => {
          const total = g.lines.reduce((s, l) => s + l.suggestedQuantity * (l.unitCostMinor ?? 0), 0);
          const units = g.lines.reduce((s, l) => s + l.suggestedQuantity, 0);
          const missingCost = g.lines.filter((l) => l.unitCostMinor === null).length;
          const money = (minor: number) => (g.currency ? formatMoney(locale, minor, g.currency) : String(minor));
          return (
            <Box key={g.supplierId} sx={{ mb: 3 }} data-testid={`create-group-${g.supplierId}`}>
              <Typography variant="subtitle1" sx={{ fontWeight: 600 }}>
                {g.supplierName}
              </Typography>
              <Typography variant="body2" color="text.secondary" data-testid="create-group-summary">
                {t('purchasing.create.groupSummary', { lines: g.lines.length, units, amount: money(total), lead: g.leadTimeDays })}
              </Typography>
              {missingCost > 0 ? (
                <Typography variant="body2" color="warning.main">
                  {t('purchasing.create.missingCost', { n: missingCost })}
                </Typography>
              ) : null}
              <Table size="small" sx={{ mt: 1, '& th': { whiteSpace: 'nowrap' }, '& .figure': { textAlign: 'right', fontVariantNumeric: 'tabular-nums' } }}>
                <TableHead>
                  <TableRow>
                    <TableCell>{t('purchasing.lcol.sku')}</TableCell>
                    <TableCell>{t('purchasing.lcol.name')}</TableCell>
                    <TableCell className="figure">{t('purchasing.lcol.quantity')}</TableCell>
                    <TableCell className="figure">{t('purchasing.lcol.unitCost')}</TableCell>
                    <TableCell className="figure">{t('purchasing.lcol.amount')}</TableCell>
                  </TableRow>
                </TableHead>
                <TableBody>
                  {g.lines.map((l) => (
                    <TableRow key={l.productId}>
                      <TableCell sx={{ fontFamily: 'monospace', whiteSpace: 'nowrap' }}>{l.sku}</TableCell>
                      <TableCell sx={{ maxWidth: 260, overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }} title={l.name}>
                        {l.name}
                      </TableCell>
                      <TableCell className="figure" title={l.casePack > 1 ? t('purchasing.col.casePack', { n: l.casePack }) : undefined}>
                        {l.suggestedQuantity}
                      </TableCell>
                      <TableCell className="figure" sx={l.unitCostMinor === null ? { color: 'warning.main' } : undefined}>
                        {l.unitCostMinor === null ? t('purchasing.create.noCost') : money(l.unitCostMinor)}
                      </TableCell>
                      <TableCell className="figure">{l.unitCostMinor === null ? '—' : money(l.unitCostMinor * l.suggestedQuantity)}</TableCell>
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
            </Box>
          );
        })}
        {error ? (
          <Alert severity="error" data-testid="create-error">
            {describeError(t, error)}
          </Alert>
        ) : null}
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>{t('common.cancel')}</Button>
        <Button variant="contained" disabled={busy || orderable.length === 0} onClick={() => void create()} data-testid="create-submit">
          {t('purchasing.create.submit', { n: orderable.length })}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
