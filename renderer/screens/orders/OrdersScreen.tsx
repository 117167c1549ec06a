import { Alert, Box, Button, MenuItem, Stack, TextField, ToggleButton, ToggleButtonGroup, Typography } from '@mui/material';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { onEvent } from '../../api/client';
import { useT, type MessageKey } from '../../i18n';
import { describeError } from '../../i18n/describe-error';
import { chipCount, orderChips, useOrdersStore, type OrderChip, type OrdersSort } from '../../stores/orders.store';
import { BatchShipDialog } from './BatchShipDialog';
import { OrderDrawer } from './OrderDrawer';
import { OrdersTable, type RowSelection } from './OrdersTable';
import { useNow } from './useNow';

const SORTS: readonly OrdersSort[] = [
  { sort: 'ship-by', dir: 'asc' },
  { sort: 'ship-by', dir: 'desc' },
  { sort: 'created', dir: 'desc' },
  { sort: 'created', dir: 'asc' },
  { sort: 'total', dir: 'desc' },
  { sort: 'total', dir: 'asc' },
];
const sortKey = (s: OrdersSort) => `${s.sort}.${s.dir}`;
/** Chips a clerk must act on are red when not empty. */
const ALARM_CHIPS = new Set<OrderChip>(['exception', 'overdue']);
const SEARCH_DEBOUNCE_MS = 250;
/** The list follows the sync without a reload, at most this often while orders stream in. */
const REFRESH_DELAY_MS = 3_000;

export function OrdersScreen() {
  const t = useT();
  const s = useOrdersStore();
  const now = useNow();
  const { load, loadMore, open, refresh, setSearch } = s;
  const [search, setSearchText] = useState(s.search);

  useEffect(() => void load(), [load]);
  useEffect(() => () => void open(null), [open]);
  useEffect(() => {
    if (search === useOrdersStore.getState().search) return;
    const timer = setTimeout(() => setSearch(search), SEARCH_DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [search, setSearch]);
  // New orders arrive with each sync page: refresh in place a moment after sync news, coalescing a burst into one.
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | null = null;
    const off = onEvent('sync:status', () => {
      timer ??= setTimeout(() => {
        timer = null;
        void refresh();
      }, REFRESH_DELAY_MS);
    });
    return () => {
      off();
      if (timer) clearTimeout(timer);
    };
  }, [refresh]);
  const onNearEnd = useCallback(() => void loadMore(), [loadMore]);

  // Batch shipping (批量发货): packed orders ticked in the list; the dialog gets them fixed as it opens.
  const [checked, setChecked] = useState<ReadonlySet<string>>(new Set());
  const [batch, setBatch] = useState<readonly string[] | null>(null);
  const selection: RowSelection = {
    checked,
    canCheck: (r) => r.workflowState === 'packed',
    onToggle: (id) =>
      setChecked((prev) => {
        const next = new Set(prev);
        if (!next.delete(id)) next.add(id);
        return next;
      }),
    onToggleAll: () => {
      const packed = s.rows.filter((r) => r.workflowState === 'packed').map((r) => r.id);
      setChecked((prev) => (packed.every((id) => prev.has(id)) ? new Set() : new Set([...prev, ...packed])));
    },
  };
  const closeBatch = (shipped: number) => {
    setBatch(null);
    if (shipped === 0) return;
    setChecked(new Set());
    void refresh();
  };
  const packedCount = s.counts?.byState.packed ?? null;

  const domains = useMemo(() => new Map(s.marketplaces.map((m) => [m.id, m.domain])), [s.marketplaces]);
  const domainOf = useCallback((id: string) => domains.get(id) ?? id, [domains]);
  const storeMarketplaces = useMemo(() => {
    const stores = s.storeId === null ? s.stores : s.stores.filter((x) => x.id === s.storeId);
    return [...new Set(stores.flatMap((x) => x.marketplaceIds))];
  }, [s.stores, s.storeId]);

  const filtered = s.chip !== 'all' || s.search.trim() !== '' || s.storeId !== null || s.marketplaceId !== null;

  return (
    <Box sx={{ p: 3, display: 'flex', flexDirection: 'column', height: '100%', boxSizing: 'border-box', gap: 2 }}>
      <Stack direction="row" spacing={2} sx={{ alignItems: 'center' }}>
        <Typography variant="h5" component="h1" sx={{ flex: 1 }}>
          {t('orders.title')}
        </Typography>
        <Typography variant="body2" color="text.secondary" data-testid="orders-count">
          {t('orders.count', { total: s.total })}
        </Typography>
        <Button variant="contained" onClick={() => setBatch([...checked])} disabled={checked.size === 0 && packedCount === 0} title={t('shipping.buttonHelp')} data-testid="orders-batch-ship">
          {checked.size > 0 ? t('shipping.buttonCount', { n: checked.size }) : t('shipping.button')}
        </Button>
      </Stack>

      <ToggleButtonGroup exclusive size="small" value={s.chip} onChange={(_, v: OrderChip | null) => v && s.setChip(v)} aria-label={t('orders.title')} sx={{ flexWrap: 'wrap' }}>
        {orderChips.map((c) => {
          const n = s.counts ? chipCount(c, s.counts) : null;
          const alarm = ALARM_CHIPS.has(c) && !!n;
          return (
            <ToggleButton key={c} value={c} data-testid={`orders-chip-${c}`} sx={{ px: 1.25, py: 0.5, whiteSpace: 'nowrap', textTransform: 'none' }}>
              {t(`orders.chip.${c}` as MessageKey)}
              <Box
                component="span"
                data-testid={`orders-chip-${c}-count`}
                sx={{ ml: 0.75, fontVariantNumeric: 'tabular-nums', ...(alarm ? { bgcolor: 'error.main', color: 'error.contrastText', borderRadius: 8, px: 0.75, fontSize: 12 } : { color: 'text.secondary' }) }}
              >
                {n ?? '…'}
              </Box>
            </ToggleButton>
          );
        })}
      </ToggleButtonGroup>

      <Stack direction="row" spacing={1.5} sx={{ alignItems: 'center', flexWrap: 'wrap' }} useFlexGap>
        <TextField
          size="small"
          value={search}
          onChange={(e) => setSearchText(e.target.value)}
          placeholder={t('orders.search')}
          sx={{ width: 340 }}
          slotProps={{ htmlInput: { 'data-testid': 'orders-search', 'aria-label': t('orders.search'), maxLength: 100 } }}
        />
        <TextField
          select
          size="small"
          label={t('orders.store')}
          value={s.storeId ?? ''}
          onChange={(e) => s.setStore(e.target.value === '' ? null : Number(e.target.value))}
          sx={{ width: 200 }}
          slotProps={{ select: { displayEmpty: true, inputProps: { 'data-testid': 'orders-store' } }, inputLabel: { shrink: true } }}
        >
          <MenuItem value="">{t('orders.all')}</MenuItem>
          {s.stores.map((x) => (
            <MenuItem key={x.id} value={x.id}>
              {x.name}
            </MenuItem>
          ))}
        </TextField>
        <TextField
          select
          size="small"
          label={t('orders.marketplace')}
          value={s.marketplaceId ?? ''}
          onChange={(e) => s.setMarketplace(e.target.value === '' ? null : e.target.value)}
          sx={{ width: 170 }}
          slotProps={{ select: { displayEmpty: true, inputProps: { 'data-testid': 'orders-marketplace' } }, inputLabel: { shrink: true } }}
        >
          <MenuItem value="">{t('orders.all')}</MenuItem>
          {storeMarketplaces.map((id) => (
            <MenuItem key={id} value={id}>
              {domainOf(id)}
            </MenuItem>
          ))}
        </TextField>
        <Box sx={{ flex: 1 }} />
        <TextField
          select
          size="small"
          label={t('orders.sort')}
          value={sortKey(s.sort)}
          onChange={(e) => s.setSort(SORTS.find((x) => sortKey(x) === e.target.value) ?? SORTS[0]!)}
          sx={{ width: 220 }}
          slotProps={{ select: { inputProps: { 'data-testid': 'orders-sort' } } }}
        >
          {SORTS.map((x) => (
            <MenuItem key={sortKey(x)} value={sortKey(x)}>
              {t(`orders.sort.${sortKey(x)}` as MessageKey)}
            </MenuItem>
          ))}
        </TextField>
      </Stack>

      {s.error ? <Alert severity="error">{describeError(t, s.error)}</Alert> : null}
      <OrdersTable
        rows={s.rows}
        total={s.total}
        now={now}
        selected={s.openId}
        domainOf={domainOf}
        onOpen={(id) => void open(id)}
        onNearEnd={onNearEnd}
        empty={s.loading ? t('orders.loading') : filtered ? t('orders.emptyFiltered') : t('orders.empty')}
        selection={selection}
      />
      {batch ? <BatchShipDialog orderIds={batch} onClose={closeBatch} /> : null}
      <OrderDrawer openId={s.openId} detail={s.detail} error={s.detailError} now={now} domainOf={domainOf} onClose={() => void open(null)} />
    </Box>
  );
}
