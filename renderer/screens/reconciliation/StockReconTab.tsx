import { Alert, Box, Button, Chip, Stack, Table, TableBody, TableCell, TableHead, TableRow, Typography } from '@mui/material';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { ReconClaim, ReconStock, ReconStockRow } from '../../../shared/domain/reconciliation';
import type { Marketplace } from '../../../shared/domain/store';
import { api, ApiError, onEvent } from '../../api/client';
import { formatDateTime, useLocaleStore, useT } from '../../i18n';
import { describeError } from '../../i18n/describe-error';
import { ClaimsTable } from './ClaimsTable';
import { ReasonDialog } from './ReasonDialog';
import { breakdownLines, placeText, signed } from './stock-labels';

/** The targets: inventory deviation ≤ 0.5 %, SKU error < 0.5 %. */
const DEVIATION_TARGET = 0.5;

type Pending = { row: ReconStockRow; action: 'accept-amazon' | 'open-case' };
type DoneKey = 'recon.stock.done.accept-amazon' | 'recon.stock.done.push-ours' | 'recon.stock.done.open-case';

/**
 * The stock tab of 对账: every SKU × place whose Amazon figure the ledger cannot explain, with the likely cause and the
 * fixes that cause allows, the two target figures above, and the claim drafts below. Reloads after an action and when
 * the app's status changes (a sync, an outbox pass), so a fixed row leaves and does not come back.
 */
export function StockReconTab() {
  const t = useT();
  const locale = useLocaleStore((s) => s.locale);
  const [stock, setStock] = useState<ReconStock | null>(null);
  const [claims, setClaims] = useState<ReconClaim[]>([]);
  const [marketplaces, setMarketplaces] = useState<Marketplace[]>([]);
  const [pending, setPending] = useState<Pending | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  // Kept as a key and its values, so the message follows a language switch.
  const [done, setDone] = useState<{ key: DoneKey; params: Record<string, string | number> } | null>(null);
  const loading = useRef(false);

  const reload = useCallback(async () => {
    if (loading.current) return;
    loading.current = true;
    try {
      const [s, c] = await Promise.all([api.reconStock(), api.reconCases()]);
      setStock(s);
      setClaims(c);
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

  const domain = (id: string) => marketplaces.find((m) => m.id === id)?.domain ?? id;

  async function push(row: ReconStockRow) {
    if (busy) return;
    setBusy(row.key);
    setError(null);
    setDone(null);
    try {
      const r = await api.reconPushOurs(row.key);
      setDone({ key: 'recon.stock.done.push-ours', params: { sku: row.sku, quantity: r.quantity } });
    } catch (err) {
      setError(err instanceof ApiError ? err : new ApiError('internal'));
    } finally {
      setBusy(null);
      await reload();
    }
  }

  async function confirm(p: Pending, reason: string) {
    if (p.action === 'accept-amazon') {
      await api.reconAcceptAmazon({ key: p.row.key, reason });
      setDone({ key: 'recon.stock.done.accept-amazon', params: { sku: p.row.sku, amazon: p.row.amazon } });
    } else {
      const r = await api.reconOpenCase({ key: p.row.key, reason });
      setDone({ key: 'recon.stock.done.open-case', params: { sku: p.row.sku, deadline: r.deadlineAt } });
    }
    await reload();
  }

  const figure = (label: 'recon.stock.deviationPct' | 'recon.stock.skuErrorPct', value: number, testId: string, strict: boolean) => {
    const ok = strict ? value < DEVIATION_TARGET : value <= DEVIATION_TARGET;
    return (
      <Chip
        color={ok ? 'success' : 'warning'}
        variant="outlined"
        label={t(label, { value: value.toFixed(1), target: DEVIATION_TARGET.toFixed(1) })}
        data-testid={testId}
        data-value={value}
      />
    );
  };

  return (
    <Stack spacing={2} data-testid="recon-stock">
      <Stack direction="row" spacing={2} sx={{ alignItems: 'center', flexWrap: 'wrap' }}>
        <Typography sx={{ flex: 1 }} data-testid="recon-stock-summary">
          {stock === null
            ? t('app.loading')
            : stock.rows.length === 0
              ? t('recon.stock.none', { checked: stock.checked })
              : t('recon.stock.summary', { count: stock.rows.length, checked: stock.checked })}
        </Typography>
        {stock && figure('recon.stock.deviationPct', stock.inventoryDeviationPct, 'recon-deviation-pct', false)}
        {stock && figure('recon.stock.skuErrorPct', stock.skuErrorPct, 'recon-sku-error-pct', true)}
        <Button size="small" onClick={() => void reload()} data-testid="recon-stock-refresh">
          {t('recon.stock.refresh')}
        </Button>
      </Stack>
      <Typography variant="body2" color="text.secondary">
        {t('recon.stock.help')}
      </Typography>
      {error && (
        <Alert severity="error" onClose={() => setError(null)} data-testid="recon-stock-error">
          {describeError(t, error)}
        </Alert>
      )}
      {done && (
        <Alert severity="success" onClose={() => setDone(null)} data-testid="recon-stock-done">
          {t(done.key, done.key === 'recon.stock.done.open-case' ? { ...done.params, deadline: formatDateTime(locale, String(done.params.deadline)) } : done.params)}
        </Alert>
      )}
      {stock !== null && stock.rows.length > 0 && (
        <Box sx={{ overflowX: 'auto' }}>
          <Table size="small" data-testid="recon-stock-table">
            <TableHead>
              <TableRow sx={{ '& th': { whiteSpace: 'nowrap' } }}>
                <TableCell>{t('recon.stock.col.sku')}</TableCell>
                <TableCell>{t('recon.stock.col.place')}</TableCell>
                <TableCell align="right">{t('recon.stock.col.expected')}</TableCell>
                <TableCell align="right">{t('recon.stock.col.amazon')}</TableCell>
                <TableCell align="right">{t('recon.stock.col.deviation')}</TableCell>
                <TableCell>{t('recon.stock.col.cause')}</TableCell>
                <TableCell>{t('recon.stock.col.since')}</TableCell>
                <TableCell>{t('recon.stock.col.fix')}</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {stock.rows.map((row) => (
                <TableRow key={row.key} data-testid={`recon-stock-row-${row.key}`} data-cause={row.cause} data-deviation={row.deviation}>
                  <TableCell>
                    <Typography variant="body2" sx={{ fontFamily: 'monospace' }}>
                      {row.sellerSku ?? row.sku}
                    </Typography>
                    <Typography variant="caption" color="text.secondary" sx={{ display: 'block', maxWidth: 180, overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }}>
                      {row.name}
                    </Typography>
                  </TableCell>
                  <TableCell sx={{ whiteSpace: 'nowrap' }}>{placeText(t, row, domain)}</TableCell>
                  <TableCell align="right">{row.expected}</TableCell>
                  <TableCell align="right">
                    {row.amazon}
                    {breakdownLines(t, row).map((line) => (
                      <Typography key={line} variant="caption" color="text.secondary" component="div" sx={{ whiteSpace: 'nowrap' }}>
                        {line}
                      </Typography>
                    ))}
                  </TableCell>
                  <TableCell align="right" sx={{ whiteSpace: 'nowrap', color: 'error.main' }}>
                    {signed(row.deviation)}
                    <Typography variant="caption" component="div">
                      {row.deviationPct.toFixed(1)} %
                    </Typography>
                  </TableCell>
                  <TableCell sx={{ minWidth: 200 }}>
                    <Typography variant="body2" sx={{ fontWeight: 600 }}>
                      {t(`recon.stock.cause.${row.cause}`)}
                    </Typography>
                    <Typography variant="caption" color="text.secondary">
                      {t(`recon.stock.causeText.${row.cause}`)}
                    </Typography>
                  </TableCell>
                  <TableCell sx={{ minWidth: 90 }}>{row.since ? formatDateTime(locale, row.since) : '—'}</TableCell>
                  <TableCell>
                    <Stack spacing={1}>
                      {row.actions.map((a) => (
                        <Button
                          key={a}
                          size="small"
                          variant={a === 'accept-amazon' ? 'contained' : 'outlined'}
                          sx={{ whiteSpace: 'nowrap' }}
                          disabled={busy !== null}
                          onClick={() => (a === 'push-ours' ? void push(row) : setPending({ row, action: a }))}
                          data-testid={`recon-${a}-${row.key}`}
                        >
                          {t(`recon.stock.action.${a}`)}
                        </Button>
                      ))}
                      {row.actions.length === 0 && (
                        <Typography variant="caption" color="text.secondary">
                          {t('recon.stock.waitForSync')}
                        </Typography>
                      )}
                    </Stack>
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </Box>
      )}
      {claims.length > 0 && <ClaimsTable claims={claims} />}
      {pending && (
        <ReasonDialog
          title={t(`recon.stock.dialog.${pending.action}.title`, { sku: pending.row.sellerSku ?? pending.row.sku })}
          body={t(`recon.stock.dialog.${pending.action}.body`, { expected: pending.row.expected, amazon: pending.row.amazon, units: Math.abs(pending.row.deviation) })}
          confirm={`recon.stock.action.${pending.action}`}
          onClose={() => setPending(null)}
          onSubmit={(reason) => confirm(pending, reason)}
        />
      )}
    </Stack>
  );
}
