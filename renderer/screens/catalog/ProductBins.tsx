import { Alert, Box, Button, IconButton, MenuItem, Stack, TextField, Typography } from '@mui/material';
import { useEffect, useMemo, useState } from 'react';
import type { Product } from '../../../shared/domain/catalog';
import type { Bin, Warehouse } from '../../../shared/domain/inventory';
import { api, ApiError } from '../../api/client';
import { useT } from '../../i18n';
import { describeError } from '../../i18n/describe-error';
import { useCatalogStore } from '../../stores/catalog.store';

const asApiError = (err: unknown) => (err instanceof ApiError ? err : new ApiError('internal'));

/**
 * The product's bins (库位) per warehouse, and a line to assign one. Changes take effect at once, outside the form's
 * Save: a picker walking the shelves should find the product where the clerk just put it.
 */
export function ProductBins({ product }: { product: Product }) {
  const t = useT();
  const reloadEditor = useCatalogStore((s) => s.reloadEditor);
  // FBA stock sits on Amazon's shelves, not ours: only the seller's own places have bins.
  const [warehouses, setWarehouses] = useState<Warehouse[] | null>(null);
  const [warehouseId, setWarehouseId] = useState<number | ''>('');
  const [bins, setBins] = useState<{ warehouseId: number; rows: Bin[] } | null>(null);
  const [binId, setBinId] = useState<number | ''>('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);

  useEffect(() => {
    let live = true;
    api
      .warehouses()
      .then((all) => {
        if (!live) return;
        const own = all.filter((w) => w.kind !== 'fba');
        setWarehouses(own);
        // With one place only (a small seller's own room), there is nothing to choose.
        if (own.length === 1) setWarehouseId(own[0]!.id);
      })
      .catch((err: unknown) => live && setError(asApiError(err)));
    return () => {
      live = false;
    };
  }, []);

  useEffect(() => {
    if (warehouseId === '') return;
    let live = true;
    api
      .warehouseBins(warehouseId)
      .then((rows) => live && setBins({ warehouseId, rows }))
      .catch((err: unknown) => live && setError(asApiError(err)));
    return () => {
      live = false;
    };
  }, [warehouseId]);

  const assigned = useMemo(() => new Set(product.bins.map((b) => b.binId)), [product.bins]);
  const byWarehouse = useMemo(() => {
    const groups = new Map<number, { code: string; bins: Product['bins'] }>();
    for (const b of product.bins) groups.set(b.warehouseId, { code: b.warehouseCode, bins: [...(groups.get(b.warehouseId)?.bins ?? []), b] });
    return [...groups.entries()];
  }, [product.bins]);
  const nameOf = (id: number, code: string) => {
    const w = warehouses?.find((x) => x.id === id);
    return w ? `${w.name} · ${w.code}` : code;
  };
  const choices = bins && bins.warehouseId === warehouseId ? bins.rows.filter((b) => !assigned.has(b.id)) : [];
  const emptyWarehouse = bins !== null && bins.warehouseId === warehouseId && bins.rows.length === 0;

  async function change(link: boolean, id: number) {
    setBusy(true);
    setError(null);
    try {
      if (link) await api.warehouseAssignBin(product.id, id);
      else await api.warehouseUnassignBin(product.id, id);
      await reloadEditor();
      if (link) setBinId('');
    } catch (err) {
      setError(asApiError(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Stack spacing={1.5} data-testid="product-bins">
      {product.bins.length === 0 ? (
        <Typography variant="body2" color="text.secondary" data-testid="product-bins-none">
          {t('catalog.bins.none')}
        </Typography>
      ) : (
        byWarehouse.map(([id, group]) => (
          <Stack key={id} direction="row" spacing={1} sx={{ alignItems: 'center', flexWrap: 'wrap', rowGap: 1 }} data-testid={`product-bins-${group.code}`}>
            <Typography variant="body2" sx={{ minWidth: 160, fontWeight: 600 }}>
              {nameOf(id, group.code)}
            </Typography>
            {group.bins.map((b) => (
              // Not a deletable Chip: that is itself a button, and a button inside a button confuses screen readers.
              <Box
                key={b.binId}
                data-testid={`product-bin-${b.binCode}`}
                sx={{ display: 'inline-flex', alignItems: 'center', border: 1, borderColor: 'divider', borderRadius: 4, pl: 1.25, height: 28, fontFamily: 'monospace', fontSize: 13 }}
              >
                {b.binCode}
                <IconButton size="small" disabled={busy} aria-label={t('catalog.bins.unassign', { bin: b.binCode })} onClick={() => void change(false, b.binId)} sx={{ ml: 0.25, width: 26, height: 26, fontSize: 16 }}>
                  ×
                </IconButton>
              </Box>
            ))}
          </Stack>
        ))
      )}
      {warehouses !== null && warehouses.length === 0 ? (
        <Typography variant="body2" color="text.secondary">
          {t('catalog.bins.noWarehouses')}
        </Typography>
      ) : (
        <Stack direction="row" spacing={1} sx={{ alignItems: 'flex-start' }}>
          <TextField
            select
            size="small"
            label={t('catalog.bins.warehouse')}
            value={warehouseId}
            onChange={(e) => {
              setWarehouseId(Number(e.target.value));
              setBinId('');
            }}
            sx={{ width: 240 }}
            slotProps={{ select: { inputProps: { 'data-testid': 'bin-warehouse' } } }}
          >
            {(warehouses ?? []).map((w) => (
              <MenuItem key={w.id} value={w.id}>
                {w.name} · {w.code}
              </MenuItem>
            ))}
          </TextField>
          <TextField
            select
            size="small"
            label={t('catalog.bins.bin')}
            value={binId}
            disabled={choices.length === 0}
            onChange={(e) => setBinId(Number(e.target.value))}
            error={emptyWarehouse}
            helperText={emptyWarehouse ? t('catalog.bins.warehouseNoBins') : bins && bins.warehouseId === warehouseId && choices.length === 0 ? t('catalog.bins.allAssigned') : undefined}
            sx={{ width: 240 }}
            slotProps={{ select: { inputProps: { 'data-testid': 'bin-choice' } } }}
          >
            {choices.map((b) => (
              <MenuItem key={b.id} value={b.id} sx={{ fontFamily: 'monospace' }}>
                {b.code}
              </MenuItem>
            ))}
          </TextField>
          <Button variant="outlined" disabled={busy || binId === ''} onClick={() => binId !== '' && void change(true, binId)} sx={{ height: 40 }} data-testid="bin-assign">
            {t('catalog.bins.assign')}
          </Button>
        </Stack>
      )}
      {error ? (
        <Alert severity="error" data-testid="product-bins-error">
          {describeError(t, error)}
        </Alert>
      ) : null}
      <Typography variant="caption" color="text.secondary">
        {t('catalog.bins.help')}
      </Typography>
    </Stack>
  );
}
