import { Alert, Box, Button, Drawer, MenuItem, Stack, TextField, Typography } from '@mui/material';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useT } from '../../i18n';
import { describeError } from '../../i18n/describe-error';
import { useInventoryStore } from '../../stores/inventory.store';
import { AdjustStockDialog } from './AdjustStockDialog';
import { ProductStockPanel } from './ProductStockPanel';
import { StockTable } from './StockTable';
import { TransferDialog } from './TransferDialog';
import { TransfersDialog } from './TransfersDialog';

/** Typing pauses this long before the query runs; a scanner's Enter runs it at once. */
const SEARCH_DEBOUNCE_MS = 250;

export function InventoryScreen() {
  const t = useT();
  const s = useInventoryStore();
  const [query, setQuery] = useState(s.search);
  const [adjusting, setAdjusting] = useState(false);
  const [transferring, setTransferring] = useState(false);
  const [showTransfers, setShowTransfers] = useState(false);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const { load, setSearch, loadMore } = s;

  useEffect(() => void load(), [load]);
  useEffect(() => () => void (timer.current && clearTimeout(timer.current)), []);

  const onQuery = (value: string) => {
    setQuery(value);
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(() => setSearch(value.trim()), SEARCH_DEBOUNCE_MS);
  };
  const onNearEnd = useCallback(() => void loadMore(), [loadMore]);

  const places = s.warehouseId ? s.warehouses.filter((w) => w.id === s.warehouseId) : s.warehouses;
  const row = s.rows.find((r) => r.productId === s.selected) ?? null;
  const countable = s.warehouses.filter((w) => w.kind !== 'fba');

  return (
    <Box sx={{ p: 3, display: 'flex', flexDirection: 'column', height: '100%', boxSizing: 'border-box', gap: 2 }}>
      <Stack direction="row" spacing={2} sx={{ alignItems: 'center' }}>
        <Typography variant="h5" component="h1" sx={{ flex: 1 }}>
          {t('inventory.title')}
        </Typography>
        <TextField
          size="small"
          label={t('inventory.search')}
          value={query}
          onChange={(e) => onQuery(e.target.value)}
          onKeyDown={(e) => {
            if (e.key !== 'Enter') return;
            if (timer.current) clearTimeout(timer.current);
            setSearch(query.trim());
          }}
          sx={{ width: 320 }}
          slotProps={{ htmlInput: { 'data-testid': 'inventory-search' } }}
        />
        <Button variant="outlined" onClick={() => setShowTransfers(true)} data-testid="transfers-open">
          {t('inventory.transfers.open', { n: s.transfers.length })}
        </Button>
        <TextField
          select
          size="small"
          label={t('inventory.place')}
          value={s.warehouseId ?? 0}
          onChange={(e) => s.setWarehouse(Number(e.target.value) || null)}
          sx={{ width: 220 }}
          slotProps={{ select: { inputProps: { 'data-testid': 'inventory-place' } } }}
        >
          <MenuItem value={0}>{t('inventory.allPlaces')}</MenuItem>
          {s.warehouses.map((w) => (
            <MenuItem key={w.id} value={w.id}>
              {w.code} · {w.name}
            </MenuItem>
          ))}
        </TextField>
      </Stack>
      {s.error ? <Alert severity="error">{describeError(t, s.error)}</Alert> : null}
      <Typography variant="body2" color="text.secondary" data-testid="inventory-count">
        {t('inventory.count', { shown: s.rows.length, total: s.total })}
      </Typography>
      <StockTable rows={s.rows} total={s.total} places={places} selected={s.selected} onSelect={(id) => void s.select(id)} onNearEnd={onNearEnd} />
      <Drawer anchor="right" open={row !== null} onClose={() => void s.select(null)}>
        {row ? <ProductStockPanel row={row} warehouses={s.warehouses} onAdjust={() => setAdjusting(true)} onTransfer={() => setTransferring(true)} onClose={() => void s.select(null)} /> : null}
      </Drawer>
      {adjusting && row ? (
        <AdjustStockDialog row={row} warehouses={countable} onClose={() => setAdjusting(false)} onSubmit={(input) => s.adjust({ productId: row.productId, ...input })} />
      ) : null}
      {transferring && row ? (
        <TransferDialog row={row} warehouses={countable} onClose={() => setTransferring(false)} onSubmit={(input) => s.transfer({ productId: row.productId, ...input })} />
      ) : null}
      {showTransfers ? <TransfersDialog transfers={s.transfers} onReceive={s.receiveTransfer} onClose={() => setShowTransfers(false)} /> : null}
    </Box>
  );
}
