import {
  Alert,
  Box,
  Button,
  Chip,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  Divider,
  LinearProgress,
  MenuItem,
  Stack,
  TextField,
  Typography,
} from '@mui/material';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { ProductSummary, UnmappedListing } from '../../../shared/domain/catalog';
import type { Warehouse } from '../../../shared/domain/inventory';
import type { Marketplace, Store } from '../../../shared/domain/store';
import { api, ApiError } from '../../api/client';
import { useLocaleStore, useT } from '../../i18n';
import { describeCatalogError } from './catalog-errors';

const ROW = 40;
const SEARCH_DEBOUNCE_MS = 250;
const PICKER_RESULTS = 8;

type Channel = 'fba' | 'fbm' | null;
type ImportResult = Awaited<ReturnType<typeof api.catalogImportFromAmazon>>;

/** The listings report says DEFAULT for a merchant-fulfilled offer and AMAZON_NA/AMAZON_EU… for FBA; blank is unknown. */
export function channelOf(fulfillmentChannel: string | null): Channel {
  const c = fulfillmentChannel?.trim().toUpperCase();
  if (!c) return null;
  return c === 'DEFAULT' || c.startsWith('MERCHANT') ? 'fbm' : 'fba';
}

const keyOf = (l: UnmappedListing) => `${l.storeId}/${l.marketplaceId}/${l.sellerSku}`;
const asApiError = (err: unknown) => (err instanceof ApiError ? err : new ApiError('internal'));

/** Finds a product by any code (scan or type), then confirms; one offer at a time. */
function ProductPicker({ listing, onMapped, onCancel }: { listing: UnmappedListing; onMapped(product: ProductSummary): void; onCancel(): void }) {
  const t = useT();
  const [query, setQuery] = useState('');
  const [results, setResults] = useState<ProductSummary[] | null>(null);
  const [chosen, setChosen] = useState<ProductSummary | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const generation = useRef(0);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  useEffect(() => () => void (timer.current && clearTimeout(timer.current)), []);

  const run = useCallback(
    (q: string) => {
      const mine = ++generation.current;
      if (q === '') {
        setResults(null);
        return;
      }
      api
        .catalogSearch({ query: q, limit: PICKER_RESULTS })
        .then((page) => {
          if (mine !== generation.current) return;
          setResults(page.rows);
          // A code that names exactly one product (a scan) picks it.
          setChosen(page.rows.length === 1 ? page.rows[0]! : null);
        })
        .catch((err: unknown) => mine === generation.current && setError(describeCatalogError(t, asApiError(err))));
    },
    [t],
  );

  const onQuery = (value: string) => {
    setQuery(value);
    setChosen(null);
    setError(null);
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(() => run(value.trim()), SEARCH_DEBOUNCE_MS);
  };

  async function confirm() {
    if (!chosen || busy) return;
    setBusy(true);
    setError(null);
    try {
      await api.catalogMapListing({ storeId: listing.storeId, marketplaceId: listing.marketplaceId, sellerSku: listing.sellerSku, productId: chosen.id });
      onMapped(chosen);
    } catch (err) {
      setError(describeCatalogError(t, asApiError(err)));
      setBusy(false);
    }
  }

  return (
    <Box sx={{ p: 2, border: 1, borderColor: 'primary.light', borderRadius: 1, bgcolor: 'action.hover' }} data-testid="mapping-picker">
      <Typography variant="subtitle2" sx={{ mb: 1.5 }}>
        {t('catalog.mapping.mapTitle', { sku: listing.sellerSku })}
        {listing.itemName ? (
          <Typography component="span" variant="body2" color="text.secondary" sx={{ ml: 1 }}>
            {listing.itemName}
          </Typography>
        ) : null}
      </Typography>
      <TextField
        size="small"
        fullWidth
        autoFocus
        label={t('catalog.mapping.search')}
        helperText={t('catalog.mapping.searchHint')}
        value={query}
        onChange={(e) => onQuery(e.target.value)}
        onKeyDown={(e) => {
          if (e.key !== 'Enter') return;
          e.preventDefault();
          if (timer.current) clearTimeout(timer.current);
          run(query.trim());
        }}
        slotProps={{ htmlInput: { spellCheck: false, 'data-testid': 'mapping-search' } }}
      />
      {results !== null ? (
        results.length === 0 ? (
          <Typography variant="body2" color="text.secondary" sx={{ mt: 1 }} data-testid="mapping-no-results">
            {t('catalog.mapping.noResults')}
          </Typography>
        ) : (
          <Box role="listbox" aria-label={t('catalog.mapping.search')} sx={{ mt: 1, border: 1, borderColor: 'divider', borderRadius: 1, bgcolor: 'background.paper' }}>
            {results.map((p) => (
              <Box
                key={p.id}
                role="option"
                aria-selected={chosen?.id === p.id}
                tabIndex={0}
                onClick={() => setChosen(p)}
                onKeyDown={(e) => (e.key === 'Enter' || e.key === ' ') && (e.preventDefault(), setChosen(p))}
                data-testid={`mapping-result-${p.sku}`}
                sx={{
                  display: 'flex',
                  gap: 2,
                  alignItems: 'center',
                  px: 1.5,
                  py: 0.75,
                  cursor: 'pointer',
                  fontSize: 14,
                  borderBottom: 1,
                  borderColor: 'divider',
                  '&:last-of-type': { borderBottom: 0 },
                  bgcolor: chosen?.id === p.id ? 'action.selected' : undefined,
                  fontWeight: chosen?.id === p.id ? 600 : undefined,
                  '&:hover': { bgcolor: 'action.hover' },
                }}
              >
                <Box sx={{ width: 16, color: 'primary.main' }}>{chosen?.id === p.id ? '✓' : ''}</Box>
                <Box sx={{ fontFamily: 'monospace', minWidth: 180 }}>{p.sku}</Box>
                <Box sx={{ flex: 1, overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }}>{p.name}</Box>
                {p.kind === 'bundle' ? <Chip size="small" color="secondary" label={t('catalog.kind.bundle')} /> : null}
                {p.matchedBy && p.matchedBy !== 'text' ? <Chip size="small" variant="outlined" color="primary" label={t(`catalog.matchedBy.${p.matchedBy}`)} /> : null}
              </Box>
            ))}
          </Box>
        )
      ) : null}
      {error ? (
        <Alert severity="error" sx={{ mt: 1 }} data-testid="mapping-picker-error">
          {error}
        </Alert>
      ) : null}
      <Stack direction="row" spacing={1} sx={{ mt: 1.5, justifyContent: 'flex-end' }}>
        <Button onClick={onCancel} disabled={busy}>
          {t('common.cancel')}
        </Button>
        <Button variant="contained" disabled={!chosen || busy} onClick={() => void confirm()} data-testid="mapping-confirm">
          {chosen ? t('catalog.mapping.confirmTo', { sku: chosen.sku }) : t('catalog.mapping.confirm')}
        </Button>
      </Stack>
    </Box>
  );
}

/** The offers still waiting for a product, virtualized: a new seller's first sync brings hundreds. */
function OfferList({ rows, markets, selected, onSelect }: { rows: UnmappedListing[]; markets: Map<string, Marketplace>; selected: string | null; onSelect(l: UnmappedListing): void }) {
  const t = useT();
  const scroller = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({ count: rows.length, getScrollElement: () => scroller.current, estimateSize: () => ROW, overscan: 10 });
  const columns = '200px 120px minmax(200px, 1fr) 72px 140px 96px';
  const cell = { px: 1, overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' } as const;
  return (
    <Box sx={{ border: 1, borderColor: 'divider', borderRadius: 1 }} data-testid="mapping-list">
      <Box role="row" sx={{ display: 'grid', gridTemplateColumns: columns, alignItems: 'center', height: ROW, fontWeight: 600, fontSize: 14, borderBottom: 1, borderColor: 'divider', pr: '12px' }}>
        <Box role="columnheader" sx={cell}>{t('catalog.col.sellerSku')}</Box>
        <Box role="columnheader" sx={cell}>ASIN</Box>
        <Box role="columnheader" sx={cell}>{t('catalog.mapping.col.title')}</Box>
        <Box role="columnheader" sx={cell}>{t('catalog.mapping.col.channel')}</Box>
        <Box role="columnheader" sx={cell}>{t('catalog.col.marketplace')}</Box>
        <Box role="columnheader" sx={cell} />
      </Box>
      <Box ref={scroller} sx={{ maxHeight: ROW * 7, overflow: 'auto' }}>
        <Box sx={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {virtualizer.getVirtualItems().map((item) => {
            const l = rows[item.index]!;
            const channel = channelOf(l.fulfillmentChannel);
            const active = selected === keyOf(l);
            return (
              <Box
                key={keyOf(l)}
                role="row"
                data-testid={`mapping-row-${l.sellerSku}`}
                data-marketplace={l.marketplaceId}
                sx={{
                  position: 'absolute',
                  top: 0,
                  left: 0,
                  right: 0,
                  transform: `translateY(${item.start}px)`,
                  height: ROW,
                  display: 'grid',
                  gridTemplateColumns: columns,
                  alignItems: 'center',
                  fontSize: 14,
                  borderBottom: 1,
                  borderColor: 'divider',
                  bgcolor: active ? 'action.selected' : undefined,
                }}
              >
                <Box sx={{ ...cell, fontFamily: 'monospace' }} title={l.sellerSku}>
                  {l.sellerSku}
                </Box>
                <Box sx={{ ...cell, fontFamily: 'monospace' }}>{l.asin ?? '—'}</Box>
                <Box sx={cell} title={l.itemName ?? undefined}>
                  {l.itemName ?? '—'}
                </Box>
                <Box sx={cell}>
                  {channel ? <Chip size="small" variant="outlined" color={channel === 'fba' ? 'warning' : 'info'} label={t(`catalog.mapping.${channel}`)} data-testid="mapping-channel" /> : '—'}
                </Box>
                <Box sx={cell}>{markets.get(l.marketplaceId)?.domain ?? l.marketplaceId}</Box>
                <Box sx={cell}>
                  <Button size="small" variant={active ? 'contained' : 'text'} onClick={() => onSelect(l)} data-testid="mapping-map">
                    {t('catalog.mapping.map')}
                  </Button>
                </Box>
              </Box>
            );
          })}
        </Box>
      </Box>
    </Box>
  );
}

/**
 * 亚马逊商品配对: the store's Amazon offers that no product sells yet. Map one to an existing product, or create local
 * products for all of them at once (FBM offers then pushed from the chosen warehouse).
 */
export function AmazonMappingDialog({ onClose, onChanged }: { onClose(): void; onChanged(): void }) {
  const t = useT();
  // Chinese sentences follow each other without a space; English ones need one.
  const gap = useLocaleStore((s) => (s.locale === 'zh-CN' ? '' : ' '));
  const [stores, setStores] = useState<Store[] | null>(null);
  const [markets, setMarkets] = useState<Map<string, Marketplace>>(new Map());
  const [warehouses, setWarehouses] = useState<Warehouse[]>([]);
  const [all, setAll] = useState<UnmappedListing[] | null>(null);
  const [storeId, setStoreId] = useState<number | ''>('');
  const [filter, setFilter] = useState('');
  const [selected, setSelected] = useState<UnmappedListing | null>(null);
  const [fbmWarehouseId, setFbmWarehouseId] = useState<number | ''>('');
  const [generating, setGenerating] = useState(false);
  const [notice, setNotice] = useState<{ severity: 'success' | 'error' | 'info'; text: string; testId: string } | null>(null);
  const [result, setResult] = useState<ImportResult | null>(null);

  const reload = useCallback(async () => {
    const rows = await api.catalogUnmappedListings();
    setAll(rows);
    return rows;
  }, []);

  useEffect(() => {
    let live = true;
    Promise.all([api.listStores(), api.listMarketplaces(), api.warehouses(), reload()])
      .then(([s, m, w, rows]) => {
        if (!live) return;
        setStores(s);
        setMarkets(new Map(m.map((x) => [x.id, x])));
        setWarehouses(w.filter((x) => x.kind !== 'fba'));
        // The store with the most waiting offers is the one the seller came for.
        const waiting = (id: number) => rows.filter((r) => r.storeId === id).length;
        const first = [...s].sort((a, b) => waiting(b.id) - waiting(a.id) || a.id - b.id)[0];
        if (first) setStoreId(first.id);
      })
      .catch((err: unknown) => live && setNotice({ severity: 'error', text: describeCatalogError(t, asApiError(err)), testId: 'mapping-error' }));
    return () => {
      live = false;
    };
    // Loaded once when the dialog opens (`t` changes with the language only); later reloads are explicit.
  }, [reload]);

  // One seller SKU's offers in several marketplaces sit together.
  const ofStore = useMemo(
    () => (all ?? []).filter((l) => l.storeId === storeId).sort((a, b) => a.sellerSku.localeCompare(b.sellerSku) || a.marketplaceId.localeCompare(b.marketplaceId)),
    [all, storeId],
  );
  const visible = useMemo(() => {
    const q = filter.trim().toLowerCase();
    if (!q) return ofStore;
    return ofStore.filter((l) => l.sellerSku.toLowerCase().includes(q) || (l.asin ?? '').toLowerCase().includes(q) || (l.itemName ?? '').toLowerCase().includes(q));
  }, [ofStore, filter]);
  const fbmCount = ofStore.filter((l) => channelOf(l.fulfillmentChannel) === 'fbm').length;
  const waitingIn = (id: number) => (all ?? []).filter((l) => l.storeId === id).length;

  async function mapped(listing: UnmappedListing, product: ProductSummary) {
    setSelected(null);
    setResult(null);
    setNotice({ severity: 'success', text: t('catalog.mapping.mapped', { sellerSku: listing.sellerSku, sku: product.sku }), testId: 'mapping-notice' });
    onChanged();
    await reload().catch(() => undefined);
  }

  async function generate() {
    if (storeId === '' || generating) return;
    setGenerating(true);
    setNotice(null);
    setSelected(null);
    try {
      const r = await api.catalogImportFromAmazon({ storeId, ...(fbmWarehouseId !== '' ? { defaultFbmWarehouseId: fbmWarehouseId } : {}) });
      setResult(r);
      onChanged();
      // A warehouse 深圳仓 may have been created for the FBM offers: offer it by name from now on.
      const [, w] = await Promise.all([reload(), api.warehouses()]);
      setWarehouses(w.filter((x) => x.kind !== 'fba'));
    } catch (err) {
      setNotice({ severity: 'error', text: describeCatalogError(t, asApiError(err)), testId: 'mapping-error' });
    } finally {
      setGenerating(false);
    }
  }

  const fbmWarehouse = result?.fbmWarehouseId ? warehouses.find((w) => w.id === result.fbmWarehouseId) : undefined;

  return (
    <Dialog open onClose={generating ? undefined : onClose} maxWidth="lg" fullWidth aria-labelledby="mapping-title" data-testid="mapping-dialog">
      <DialogTitle id="mapping-title">{t('catalog.mapping.title')}</DialogTitle>
      <DialogContent>
        <Stack spacing={2}>
          <Typography variant="body2" color="text.secondary">
            {t('catalog.mapping.help')}
          </Typography>
          {stores !== null && stores.length === 0 ? (
            <Alert severity="info" data-testid="mapping-no-stores">
              {t('catalog.mapping.noStores')}
            </Alert>
          ) : (
            <>
              <Stack direction="row" spacing={2} sx={{ alignItems: 'center', pt: 0.5 }}>
                <TextField
                  select
                  size="small"
                  label={t('catalog.mapping.store')}
                  value={storeId}
                  onChange={(e) => {
                    setStoreId(Number(e.target.value));
                    setSelected(null);
                    setResult(null);
                    setNotice(null);
                  }}
                  sx={{ width: 320 }}
                  slotProps={{ select: { inputProps: { 'data-testid': 'mapping-store' } } }}
                >
                  {(stores ?? []).map((s) => (
                    <MenuItem key={s.id} value={s.id}>
                      {t('catalog.mapping.storeOption', { name: s.name, count: waitingIn(s.id) })}
                    </MenuItem>
                  ))}
                </TextField>
                <TextField
                  size="small"
                  label={t('catalog.mapping.filter')}
                  value={filter}
                  onChange={(e) => setFilter(e.target.value)}
                  sx={{ width: 300 }}
                  slotProps={{ htmlInput: { spellCheck: false, 'data-testid': 'mapping-filter' } }}
                />
                <Box sx={{ flex: 1 }} />
                <Typography variant="body2" color="text.secondary" data-testid="mapping-count">
                  {t('catalog.mapping.count', { shown: visible.length, total: ofStore.length })}
                </Typography>
              </Stack>
              {all === null ? <LinearProgress /> : null}
              {all !== null && ofStore.length === 0 && storeId !== '' ? (
                <Alert severity="success" data-testid="mapping-none">
                  {t('catalog.mapping.none')}
                </Alert>
              ) : null}
              {ofStore.length > 0 ? (
                visible.length === 0 ? (
                  <Typography variant="body2" color="text.secondary">
                    {t('catalog.mapping.noMatch')}
                  </Typography>
                ) : (
                  <OfferList rows={visible} markets={markets} selected={selected ? keyOf(selected) : null} onSelect={(l) => (setSelected(l), setNotice(null))} />
                )
              ) : null}
              {selected ? <ProductPicker key={keyOf(selected)} listing={selected} onMapped={(p) => void mapped(selected, p)} onCancel={() => setSelected(null)} /> : null}
              {notice ? (
                <Alert severity={notice.severity} onClose={() => setNotice(null)} data-testid={notice.testId}>
                  {notice.text}
                </Alert>
              ) : null}
              <Divider />
              <Box data-testid="mapping-generate-panel">
                <Typography variant="subtitle2" sx={{ mb: ofStore.length > 0 ? 0.5 : 1.5 }}>
                  {t('catalog.mapping.generate')}
                </Typography>
                {ofStore.length > 0 ? (
                  <Typography variant="body2" color="text.secondary" sx={{ mb: 1.5 }}>
                    {t('catalog.mapping.generateHelp', { count: ofStore.length })}
                    {fbmCount > 0 ? `${gap}${t('catalog.mapping.fbmCount', { count: fbmCount })}` : ''}
                  </Typography>
                ) : null}
                <Stack direction="row" spacing={2} sx={{ alignItems: 'center' }}>
                  <TextField
                    select
                    size="small"
                    label={t('catalog.mapping.fbmWarehouse')}
                    value={fbmWarehouseId === '' ? 0 : fbmWarehouseId}
                    onChange={(e) => setFbmWarehouseId(Number(e.target.value) || '')}
                    sx={{ width: 420 }}
                    slotProps={{ select: { inputProps: { 'data-testid': 'mapping-fbm-warehouse' } } }}
                  >
                    <MenuItem value={0}>{t('catalog.mapping.fbmWarehouseAuto')}</MenuItem>
                    {warehouses.map((w) => (
                      <MenuItem key={w.id} value={w.id}>
                        {w.name} · {w.code}
                      </MenuItem>
                    ))}
                  </TextField>
                  <Button variant="contained" disabled={generating || ofStore.length === 0} onClick={() => void generate()} data-testid="mapping-generate">
                    {generating ? t('catalog.mapping.generating') : t('catalog.mapping.generate')}
                  </Button>
                </Stack>
                {generating ? <LinearProgress sx={{ mt: 1.5 }} /> : null}
                {result ? (
                  <Alert severity={result.skipped > 0 ? 'warning' : 'success'} sx={{ mt: 1.5 }} data-testid="mapping-generated">
                    {t('catalog.mapping.generated', { mapped: result.mapped, created: result.created, existing: result.mapped - result.created, fbm: result.fbm })}
                    {fbmWarehouse && result.fbm > 0 ? `${gap}${t('catalog.mapping.generatedFbm', { warehouse: `${fbmWarehouse.name} · ${fbmWarehouse.code}` })}` : ''}
                    {result.skipped > 0 ? `${gap}${t('catalog.mapping.skipped', { skipped: result.skipped })}` : ''}
                  </Alert>
                ) : null}
              </Box>
            </>
          )}
        </Stack>
      </DialogContent>
      <DialogActions sx={{ px: 3, pb: 2 }}>
        <Button variant="contained" onClick={onClose} disabled={generating} data-testid="mapping-close">
          {t('common.close')}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
