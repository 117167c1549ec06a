import { Alert, Box, Button, Drawer, MenuItem, Stack, Tab, Tabs, TextField, ToggleButton, ToggleButtonGroup, Typography } from '@mui/material';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { coverStatuses, purchaseOrderStatuses, type CoverRow, type PurchaseOrder, type PurchaseOrderStatus } from '../../../shared/domain/purchasing';
import { ApiError } from '../../api/client';
import { useT } from '../../i18n';
import { describeError } from '../../i18n/describe-error';
import { usePurchasingStore, type CoverFilter } from '../../stores/purchasing.store';
import { CoverTable, orderable } from './CoverTable';
import { CreateOrdersDialog } from './CreateOrdersDialog';
import { OrderPanel } from './OrderPanel';
import { OrdersTable } from './OrdersTable';
import { ReceiveDialog } from './ReceiveDialog';

const needsOrder = (r: CoverRow) => r.status === 'reorder' || r.status === 'stockout-risk';
const matches = (filter: CoverFilter) => (r: CoverRow) => filter === 'all' || (filter === 'needs-order' ? needsOrder(r) : r.status === filter);
/** Most urgent first, as the table sorts. */
const coverFilters: readonly CoverFilter[] = ['all', 'needs-order', 'stockout-risk', 'reorder', 'ok', 'no-sales'];

export function PurchasingScreen() {
  const t = useT();
  const s = usePurchasingStore();
  const [creating, setCreating] = useState(false);
  const [receiving, setReceiving] = useState(false);
  const [created, setCreated] = useState<PurchaseOrder[]>([]);
  const { load, loadMoreOrders, openOrder } = s;

  useEffect(() => void load(), [load]);
  // Coming back to the screen starts from the lists, not from a PO left open earlier.
  useEffect(() => () => void openOrder(null), [openOrder]);
  const onNearEnd = useCallback(() => void loadMoreOrders(), [loadMoreOrders]);

  const counts = useMemo(() => {
    const c = new Map<CoverFilter, number>([['all', s.cover.length], ['needs-order', s.cover.filter(needsOrder).length]]);
    for (const status of coverStatuses) c.set(status, s.cover.filter((r) => r.status === status).length);
    return c;
  }, [s.cover]);
  const shown = useMemo(() => s.cover.filter(matches(s.coverFilter)), [s.cover, s.coverFilter]);
  const picked = useMemo(() => new Set(s.picked), [s.picked]);
  const pickedRows = s.cover.filter((r) => picked.has(r.productId));
  const pickedUnits = pickedRows.reduce((sum, r) => sum + r.suggestedQuantity, 0);

  const toggleAll = () => {
    const candidates = shown.filter(orderable).map((r) => r.productId);
    const all = candidates.length > 0 && candidates.every((id) => picked.has(id));
    s.setPicked(all ? s.picked.filter((id) => !candidates.includes(id)) : [...new Set([...s.picked, ...candidates])]);
  };

  async function receive(lines: Parameters<typeof s.receive>[0]) {
    try {
      await s.receive(lines);
    } catch (err) {
      // Another station may have checked in part of this delivery: show the clerk the open quantities as they are now.
      if (s.order && err instanceof ApiError && err.params.reason === 'over-receipt') await s.openOrder(s.order.id);
      throw err;
    }
  }

  const emptyCover = s.warehouses.length === 0 ? t('purchasing.cover.noWarehouses') : s.cover.length === 0 ? t('purchasing.cover.empty') : t('purchasing.cover.emptyFiltered');

  return (
    <Box sx={{ p: 3, display: 'flex', flexDirection: 'column', height: '100%', boxSizing: 'border-box', gap: 2 }}>
      <Stack direction="row" spacing={2} sx={{ alignItems: 'center' }}>
        <Typography variant="h5" component="h1" sx={{ flex: 1 }}>
          {t('purchasing.title')}
        </Typography>
      </Stack>
      <Tabs value={s.tab} onChange={(_, tab: 'plan' | 'orders') => s.setTab(tab)} sx={{ borderBottom: 1, borderColor: 'divider', minHeight: 40, mt: -1, '& .MuiTab-root': { textTransform: 'none', fontSize: 15 } }}>
        <Tab
          value="plan"
          data-testid="tab-plan"
          sx={{ minHeight: 40 }}
          label={
            <Box component="span" sx={{ display: 'inline-flex', alignItems: 'center', gap: 0.75 }}>
              {t('purchasing.tab.plan')}
              {counts.get('needs-order') ? (
                <Box component="span" sx={{ bgcolor: 'error.main', color: 'error.contrastText', borderRadius: 8, px: 0.75, fontSize: 12, lineHeight: '18px', minWidth: 18 }} data-testid="tab-plan-count">
                  {counts.get('needs-order')}
                </Box>
              ) : null}
            </Box>
          }
        />
        <Tab value="orders" data-testid="tab-orders" sx={{ minHeight: 40 }} label={t('purchasing.tab.orders')} />
      </Tabs>

      {created.length > 0 ? (
        <Alert severity="success" onClose={() => setCreated([])} data-testid="create-notice">
          {t('purchasing.create.done', { numbers: created.map((o) => o.number) })}
        </Alert>
      ) : null}

      {s.tab === 'plan' ? (
        <>
          <Stack direction="row" spacing={2} sx={{ alignItems: 'center', flexWrap: 'wrap' }} useFlexGap>
            <TextField
              select
              size="small"
              label={t('purchasing.warehouse')}
              value={s.warehouseId ?? ''}
              onChange={(e) => s.setWarehouse(Number(e.target.value))}
              sx={{ width: 220 }}
              disabled={s.warehouses.length === 0}
              slotProps={{ select: { inputProps: { 'data-testid': 'plan-warehouse' } } }}
            >
              {s.warehouses.map((w) => (
                <MenuItem key={w.id} value={w.id}>
                  {w.code} · {w.name}
                </MenuItem>
              ))}
            </TextField>
            <ToggleButtonGroup exclusive size="small" value={s.coverFilter} onChange={(_, v: CoverFilter | null) => v && s.setCoverFilter(v)} aria-label={t('purchasing.cover.filter')}>
              {coverFilters.map((f) => (
                <ToggleButton key={f} value={f} data-testid={`cover-filter-${f}`} sx={{ px: 1.5, whiteSpace: 'nowrap', textTransform: 'none' }}>
                  {t(`purchasing.coverFilter.${f}`)}
                  <Box component="span" sx={{ ml: 0.75, color: 'text.secondary', fontVariantNumeric: 'tabular-nums' }}>
                    {counts.get(f) ?? 0}
                  </Box>
                </ToggleButton>
              ))}
            </ToggleButtonGroup>
            <Box sx={{ flex: 1 }} />
            <Typography variant="body2" color="text.secondary" data-testid="plan-picked">
              {pickedRows.length > 0 ? t('purchasing.cover.picked', { n: pickedRows.length, units: pickedUnits }) : t('purchasing.cover.pickHint')}
            </Typography>
            <Button variant="contained" disabled={pickedRows.length === 0 || s.warehouseId === null} onClick={() => setCreating(true)} data-testid="plan-create">
              {t('purchasing.cover.create')}
            </Button>
          </Stack>
          {s.coverError ? <Alert severity="error">{describeError(t, s.coverError)}</Alert> : null}
          <CoverTable rows={shown} picked={picked} onToggle={s.togglePick} onToggleAll={toggleAll} empty={emptyCover} />
        </>
      ) : (
        <>
          <Stack direction="row" spacing={2} sx={{ alignItems: 'center' }}>
            <ToggleButtonGroup
              exclusive
              size="small"
              value={s.orderFilter}
              onChange={(_, v: PurchaseOrderStatus | 'all' | null) => v && s.setOrderFilter(v)}
              aria-label={t('purchasing.orders.filter')}
            >
              {(['all', ...purchaseOrderStatuses] as const).map((f) => (
                <ToggleButton key={f} value={f} data-testid={`po-filter-${f}`} sx={{ px: 1.5, whiteSpace: 'nowrap', textTransform: 'none' }}>
                  {f === 'all' ? t('purchasing.orders.all') : t(`purchasing.status.${f}`)}
                </ToggleButton>
              ))}
            </ToggleButtonGroup>
            <Box sx={{ flex: 1 }} />
            <Typography variant="body2" color="text.secondary" data-testid="po-count">
              {t('purchasing.orders.count', { total: s.ordersTotal })}
            </Typography>
          </Stack>
          {s.ordersError ? <Alert severity="error">{describeError(t, s.ordersError)}</Alert> : null}
          <OrdersTable
            rows={s.orders}
            total={s.ordersTotal}
            selected={s.order?.id ?? null}
            onOpen={(id) => void s.openOrder(id)}
            onNearEnd={onNearEnd}
            empty={s.orderFilter === 'all' ? t('purchasing.orders.empty') : t('purchasing.orders.emptyFiltered')}
          />
        </>
      )}

      <Drawer anchor="right" open={s.order !== null} onClose={() => void s.openOrder(null)}>
        {s.order ? <OrderPanel order={s.order} onReceive={() => setReceiving(true)} onClose={() => void s.openOrder(null)} /> : null}
      </Drawer>
      {s.orderError ? (
        <Alert severity="error" onClose={() => void s.openOrder(null)}>
          {describeError(t, s.orderError)}
        </Alert>
      ) : null}
      {creating && s.warehouseId !== null ? (
        <CreateOrdersDialog
          warehouseId={s.warehouseId}
          picked={s.picked}
          onClose={() => setCreating(false)}
          onCreate={async (supplierIds) => {
            const orders = await s.createFromPlan(supplierIds);
            setCreated(orders);
            return orders;
          }}
        />
      ) : null}
      {receiving && s.order ? <ReceiveDialog order={s.order} onClose={() => setReceiving(false)} onSubmit={receive} /> : null}
    </Box>
  );
}
