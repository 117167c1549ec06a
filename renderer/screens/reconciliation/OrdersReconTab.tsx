import { Alert, Box, Button, Stack, Table, TableBody, TableCell, TableHead, TableRow, Typography } from '@mui/material';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { OrderReconFix, OrderReconList, OrderReconRow } from '../../../shared/domain/reconciliation-orders';
import type { Marketplace } from '../../../shared/domain/store';
import { api, ApiError, onEvent } from '../../api/client';
import { dictionaries, formatDateTime, useLocaleStore, useT, type MessageKey } from '../../i18n';
import { describeError } from '../../i18n/describe-error';
import { deadReasonLabel } from '../sync/labels';

type T = ReturnType<typeof useT>;

const amazonStatusLabel = (t: T, status: string): string => {
  const key = `orders.amazon.${status}`;
  // A status Amazon adds later is shown as Amazon spells it.
  return Object.hasOwn(dictionaries['zh-CN'], key) ? t(key as MessageKey) : status;
};

function causeText(t: T, row: OrderReconRow): string {
  const key = `recon.orders.cause.${row.cause}` as const;
  return row.cause === 'confirmation-dead-lettered' ? t(key, { reason: deadReasonLabel(t, row.deadReasonCode ?? 'other') }) : t(key);
}

/**
 * The orders tab of 对账: FBM orders whose Amazon status and our workflow disagree, one row each with the cause in words
 * and its one-click fix. The list reloads after a fix and whenever the app's status changes (an outbox pass, a sync),
 * so a retried confirmation leaves the list as soon as it is back in the queue and does not return once Amazon has it.
 */
export function OrdersReconTab() {
  const t = useT();
  const locale = useLocaleStore((s) => s.locale);
  const [list, setList] = useState<OrderReconList | null>(null);
  const [marketplaces, setMarketplaces] = useState<Marketplace[]>([]);
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const loading = useRef(false);

  const reload = useCallback(async () => {
    if (loading.current) return;
    loading.current = true;
    try {
      setList(await api.reconOrders());
    } catch (err) {
      setError(err instanceof ApiError ? err : new ApiError('internal'));
    } finally {
      loading.current = false;
    }
  }, []);

  useEffect(() => {
    void reload();
    void api.listMarketplaces().then(setMarketplaces, () => undefined);
    return onEvent('system:status-changed', () => void reload());
  }, [reload]);

  async function fix(row: OrderReconRow, which: OrderReconFix) {
    if (busy) return;
    setBusy(row.orderId);
    setError(null);
    setDone(null);
    try {
      const result = await api.reconFixOrder({ orderId: row.orderId, fix: which });
      setDone(t(`recon.orders.fixed.${which}`, { orderId: row.orderId, rma: result.rmaNumber ?? '' }));
    } catch (err) {
      setError(err instanceof ApiError ? err : new ApiError('internal'));
    } finally {
      setBusy(null);
      await reload();
    }
  }

  const domain = (id: string) => marketplaces.find((m) => m.id === id)?.domain ?? id;

  return (
    <Stack spacing={2} data-testid="recon-orders">
      <Stack direction="row" spacing={2} sx={{ alignItems: 'center' }}>
        <Typography sx={{ flex: 1 }} data-testid="recon-orders-summary">
          {list === null
            ? t('app.loading')
            : list.total === 0
              ? t('recon.orders.none')
              : list.total > list.rows.length
                ? t('recon.orders.summary.capped', { total: list.total, count: list.rows.length })
                : t('recon.orders.summary', { count: list.total })}
        </Typography>
        <Button size="small" onClick={() => void reload()} data-testid="recon-orders-refresh">
          {t('recon.orders.refresh')}
        </Button>
      </Stack>
      {error && (
        <Alert severity="error" onClose={() => setError(null)} data-testid="recon-orders-error">
          {describeError(t, error)}
        </Alert>
      )}
      {done && (
        <Alert severity="success" onClose={() => setDone(null)} data-testid="recon-orders-done">
          {done}
        </Alert>
      )}
      {list !== null && list.rows.length > 0 && (
        <Box sx={{ overflowX: 'auto' }}>
          <Table size="small" data-testid="recon-orders-table">
            <TableHead>
              <TableRow sx={{ '& th': { whiteSpace: 'nowrap' } }}>
                <TableCell>{t('recon.orders.col.order')}</TableCell>
                <TableCell>{t('recon.orders.col.store')}</TableCell>
                <TableCell>{t('recon.orders.col.amazon')}</TableCell>
                <TableCell>{t('recon.orders.col.ours')}</TableCell>
                <TableCell>{t('recon.orders.col.since')}</TableCell>
                <TableCell>{t('recon.orders.col.cause')}</TableCell>
                <TableCell>{t('recon.orders.col.fix')}</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {list.rows.map((row) => (
                <TableRow key={row.orderId} data-testid={`recon-order-${row.orderId}`} data-cause={row.cause}>
                  <TableCell sx={{ fontFamily: 'monospace', whiteSpace: 'nowrap' }}>{row.orderId}</TableCell>
                  <TableCell>
                    <Typography variant="body2">{row.storeName}</Typography>
                    <Typography variant="caption" color="text.secondary">
                      {domain(row.marketplaceId)}
                    </Typography>
                  </TableCell>
                  <TableCell sx={{ whiteSpace: 'nowrap' }}>{amazonStatusLabel(t, row.amazonStatus)}</TableCell>
                  <TableCell sx={{ whiteSpace: 'nowrap' }}>{row.ourState ? t(`orders.state.${row.ourState}`) : t('recon.orders.noWorkflow')}</TableCell>
                  <TableCell sx={{ whiteSpace: 'nowrap' }}>{formatDateTime(locale, row.since)}</TableCell>
                  <TableCell sx={{ minWidth: 260 }}>{causeText(t, row)}</TableCell>
                  <TableCell>
                    <Stack direction="row" spacing={1}>
                      {row.fixes.map((f) => (
                        <Button
                          key={f}
                          size="small"
                          variant="contained"
                          sx={{ whiteSpace: 'nowrap' }}
                          disabled={busy !== null}
                          onClick={() => void fix(row, f)}
                          data-testid={`recon-fix-${f}-${row.orderId}`}
                        >
                          {t(`recon.orders.fix.${f}`)}
                        </Button>
                      ))}
                    </Stack>
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </Box>
      )}
    </Stack>
  );
}
