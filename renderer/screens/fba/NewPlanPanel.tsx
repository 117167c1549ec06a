import { Alert, Box, Button, Collapse, IconButton, MenuItem, Paper, Stack, Table, TableBody, TableCell, TableHead, TableRow, TextField, Typography } from '@mui/material';
import { useEffect, useMemo, useState } from 'react';
import type { FbaSuggestion, SourceAddress } from '../../../shared/domain/fba-inbound';
import type { Warehouse } from '../../../shared/domain/inventory';
import type { Marketplace, Store } from '../../../shared/domain/store';
import { api, ApiError } from '../../api/client';
import { useT } from '../../i18n';
import { describeError } from '../../i18n/describe-error';
import { useFbaStore } from './fba.store';

interface Line {
  productId: number;
  sku: string;
  name: string;
  fnsku: string | null;
  suggestion: FbaSuggestion | null;
  quantity: string;
}

const ADDRESS_FIELDS = ['name', 'companyName', 'addressLine1', 'city', 'stateOrProvinceCode', 'postalCode', 'countryCode', 'phoneNumber'] as const;
type AddressField = (typeof ADDRESS_FIELDS)[number];
const OPTIONAL: readonly AddressField[] = ['companyName', 'stateOrProvinceCode'];

const validQuantity = (q: string) => /^\d+$/.test(q.trim()) && Number(q) >= 1 && Number(q) <= 100_000;

/**
 * The builder's first step: where the goods leave from and what goes. Lines come from the FBA warehouse's reorder
 * suggestions (capped by the source's stock) and can be edited or added by SKU/barcode. Creating reserves the units.
 */
export function NewPlanPanel({ marketplaces, onCancel }: { marketplaces: readonly Marketplace[]; onCancel(): void }) {
  const t = useT();
  const setPlan = useFbaStore((s) => s.setPlan);
  const [stores, setStores] = useState<Store[]>([]);
  const [warehouses, setWarehouses] = useState<Warehouse[]>([]);
  const [storeId, setStoreId] = useState<number | ''>('');
  const [marketplaceId, setMarketplaceId] = useState('');
  const [warehouseId, setWarehouseId] = useState<number | ''>('');
  const [lines, setLines] = useState<Line[]>([]);
  const [loadingSuggestions, setLoadingSuggestions] = useState(false);
  const [name, setName] = useState('');
  const [addCode, setAddCode] = useState('');
  const [addError, setAddError] = useState<string | null>(null);
  const [showAddress, setShowAddress] = useState(false);
  const [address, setAddress] = useState<Record<AddressField, string>>({ name: '', companyName: '', addressLine1: '', city: '', stateOrProvinceCode: '', postalCode: '', countryCode: 'CN', phoneNumber: '' });
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);

  useEffect(() => {
    void api.listStores().then((list) => {
      setStores(list);
      const first = list[0];
      if (first) {
        setStoreId(first.id);
        setMarketplaceId(first.marketplaceIds[0] ?? '');
      }
    }, () => undefined);
    void api.warehouses().then((list) => {
      const own = list.filter((w) => w.kind !== 'fba' && !w.archivedAt);
      setWarehouses(own);
      if (own[0]) setWarehouseId(own[0].id);
    }, () => undefined);
  }, []);

  const store = stores.find((s) => s.id === storeId);
  const countryOf = useMemo(() => new Map(marketplaces.map((m) => [m.id, m.countryCode])), [marketplaces]);

  async function loadSuggestions() {
    if (storeId === '' || warehouseId === '' || !marketplaceId) return;
    setLoadingSuggestions(true);
    setError(null);
    try {
      const list = await api.fbaSuggestions({ storeId, marketplaceId, sourceWarehouseId: warehouseId });
      setLines(list.map((s) => ({ productId: s.productId, sku: s.sku, name: s.name, fnsku: s.fnsku, suggestion: s, quantity: String(s.suggestedQuantity) })));
    } catch (err) {
      setError(err instanceof ApiError ? err : new ApiError('internal'));
    } finally {
      setLoadingSuggestions(false);
    }
  }

  useEffect(() => {
    void loadSuggestions();
    // Suggestions depend on exactly these three choices; changing one refills the lines.
  }, [storeId, marketplaceId, warehouseId]);

  async function addByCode() {
    const code = addCode.trim();
    if (!code) return;
    setAddError(null);
    try {
      const { rows } = await api.catalogSearch({ query: code, limit: 5 });
      const product = rows.find((r) => r.matchedBy !== null && r.kind !== 'bundle') ?? rows.find((r) => r.kind !== 'bundle');
      if (!product) {
        setAddError(t('fba.new.notFound', { code }));
        return;
      }
      if (!lines.some((l) => l.productId === product.id)) {
        const fnsku = product.codes.find((c) => c.kind === 'fnsku')?.code ?? null;
        setLines([...lines, { productId: product.id, sku: product.sku, name: product.name, fnsku, suggestion: null, quantity: '1' }]);
      }
      setAddCode('');
    } catch (err) {
      setAddError(describeError(t, err instanceof ApiError ? err : new ApiError('internal')));
    }
  }

  const sourceAddress = (): SourceAddress => {
    const a = Object.fromEntries(ADDRESS_FIELDS.filter((f) => address[f].trim() !== '').map((f) => [f, address[f].trim()]));
    return a as unknown as SourceAddress;
  };

  const quantitiesOk = lines.length > 0 && lines.every((l) => validQuantity(l.quantity));

  async function create() {
    if (storeId === '' || warehouseId === '' || !quantitiesOk || busy) return;
    setBusy(true);
    setError(null);
    try {
      const plan = await api.fbaCreatePlan({
        storeId,
        marketplaceId,
        sourceWarehouseId: warehouseId,
        ...(name.trim() ? { name: name.trim() } : {}),
        ...(showAddress ? { sourceAddress: sourceAddress() } : {}),
        lines: lines.map((l) => ({ productId: l.productId, quantity: Number(l.quantity) })),
      });
      setPlan(plan);
    } catch (err) {
      const e = err instanceof ApiError ? err : new ApiError('internal');
      // The warehouse's first plan has no earlier ship-from address to reuse: open the form where it is asked for.
      if (e.params.field === 'sourceAddress') setShowAddress(true);
      setError(e);
    } finally {
      setBusy(false);
    }
  }

  const units = lines.reduce((n, l) => n + (validQuantity(l.quantity) ? Number(l.quantity) : 0), 0);

  return (
    <Box sx={{ p: 3, display: 'flex', flexDirection: 'column', gap: 2 }} data-testid="fba-new">
      <Stack direction="row" spacing={2} sx={{ alignItems: 'center' }}>
        <Typography variant="h5" component="h1" sx={{ flex: 1 }}>
          {t('fba.new.title')}
        </Typography>
        <Button onClick={onCancel}>{t('fba.back')}</Button>
      </Stack>
      <Paper variant="outlined" sx={{ p: 2 }}>
        <Stack direction="row" spacing={2} sx={{ flexWrap: 'wrap', rowGap: 2 }}>
          <TextField select size="small" label={t('fba.new.store')} value={storeId} sx={{ width: 240 }} onChange={(e) => {
            const next = stores.find((s) => s.id === Number(e.target.value));
            setStoreId(Number(e.target.value));
            setMarketplaceId(next?.marketplaceIds[0] ?? '');
          }} slotProps={{ select: { inputProps: { 'data-testid': 'fba-new-store' } } }}>
            {stores.map((s) => (
              <MenuItem key={s.id} value={s.id}>
                {s.name}
              </MenuItem>
            ))}
          </TextField>
          <TextField select size="small" label={t('fba.new.marketplace')} value={marketplaceId} sx={{ width: 160 }} onChange={(e) => setMarketplaceId(e.target.value)} slotProps={{ select: { inputProps: { 'data-testid': 'fba-new-marketplace' } } }}>
            {(store?.marketplaceIds ?? []).map((m) => (
              <MenuItem key={m} value={m}>
                {countryOf.get(m) ?? m}
              </MenuItem>
            ))}
          </TextField>
          <TextField select size="small" label={t('fba.new.source')} value={warehouseId} sx={{ width: 220 }} onChange={(e) => setWarehouseId(Number(e.target.value))} slotProps={{ select: { inputProps: { 'data-testid': 'fba-new-source' } } }}>
            {warehouses.map((w) => (
              <MenuItem key={w.id} value={w.id}>
                {w.code} · {w.name}
              </MenuItem>
            ))}
          </TextField>
          <TextField size="small" label={t('fba.new.name')} placeholder={t('fba.new.namePlaceholder')} value={name} onChange={(e) => setName(e.target.value)} sx={{ width: 260 }} slotProps={{ htmlInput: { maxLength: 40, 'data-testid': 'fba-new-name' } }} />
        </Stack>
      </Paper>

      <Paper variant="outlined" sx={{ p: 2 }}>
        <Stack direction="row" spacing={2} sx={{ alignItems: 'center', mb: 1 }}>
          <Typography variant="subtitle1" sx={{ flex: 1 }}>
            {t('fba.new.lines')}
          </Typography>
          <Button size="small" onClick={() => void loadSuggestions()} disabled={loadingSuggestions} data-testid="fba-new-suggest">
            {t('fba.new.fromSuggestions')}
          </Button>
        </Stack>
        <Table size="small" data-testid="fba-new-lines">
          <TableHead>
            <TableRow>
              <TableCell>{t('fba.col.sku')}</TableCell>
              <TableCell>{t('fba.col.name')}</TableCell>
              <TableCell>FNSKU</TableCell>
              <TableCell align="right">{t('fba.new.fbaStock')}</TableCell>
              <TableCell align="right">{t('fba.new.cover')}</TableCell>
              <TableCell align="right">{t('fba.new.sourceStock')}</TableCell>
              <TableCell align="right">{t('fba.new.suggested')}</TableCell>
              <TableCell align="right" sx={{ width: 120 }}>
                {t('fba.col.quantity')}
              </TableCell>
              <TableCell sx={{ width: 40 }} />
            </TableRow>
          </TableHead>
          <TableBody>
            {lines.map((l, i) => (
              <TableRow key={l.productId} data-testid={`fba-new-line-${l.sku}`}>
                <TableCell>{l.sku}</TableCell>
                <TableCell sx={{ maxWidth: 260, overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }} title={l.name}>
                  {l.name}
                </TableCell>
                <TableCell sx={{ fontFamily: 'monospace' }}>{l.fnsku ?? '—'}</TableCell>
                <TableCell align="right">{l.suggestion ? `${l.suggestion.fbaAvailable} (+${l.suggestion.fbaInTransit})` : '—'}</TableCell>
                <TableCell align="right">{l.suggestion?.daysOfCover != null ? t('fba.new.days', { n: Math.round(l.suggestion.daysOfCover) }) : '—'}</TableCell>
                <TableCell align="right">{l.suggestion?.sourceAvailable ?? '—'}</TableCell>
                <TableCell align="right">{l.suggestion?.suggestedQuantity ?? '—'}</TableCell>
                <TableCell align="right">
                  <TextField
                    size="small"
                    value={l.quantity}
                    error={!validQuantity(l.quantity)}
                    onChange={(e) => setLines(lines.map((x, j) => (j === i ? { ...x, quantity: e.target.value } : x)))}
                    slotProps={{ htmlInput: { inputMode: 'numeric', 'data-testid': 'fba-new-quantity', style: { textAlign: 'right', width: 70 } } }}
                  />
                </TableCell>
                <TableCell>
                  <IconButton size="small" aria-label={t('fba.new.remove')} onClick={() => setLines(lines.filter((_, j) => j !== i))}>
                    ×
                  </IconButton>
                </TableCell>
              </TableRow>
            ))}
            {lines.length === 0 ? (
              <TableRow>
                <TableCell colSpan={9}>
                  <Typography variant="body2" color="text.secondary" data-testid="fba-new-no-lines">
                    {loadingSuggestions ? t('fba.new.loading') : t('fba.new.noSuggestions')}
                  </Typography>
                </TableCell>
              </TableRow>
            ) : null}
          </TableBody>
        </Table>
        <Stack direction="row" spacing={1} sx={{ mt: 1.5, alignItems: 'flex-start' }}>
          <TextField
            size="small"
            label={t('fba.new.addByCode')}
            value={addCode}
            onChange={(e) => setAddCode(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter') {
                e.preventDefault();
                void addByCode();
              }
            }}
            error={addError !== null}
            helperText={addError ?? ' '}
            sx={{ width: 280 }}
            slotProps={{ htmlInput: { 'data-testid': 'fba-new-add-code' } }}
          />
          <Button onClick={() => void addByCode()} sx={{ mt: 0.5 }}>
            {t('fba.new.add')}
          </Button>
        </Stack>
      </Paper>

      <Paper variant="outlined" sx={{ p: 2 }}>
        <Stack direction="row" sx={{ alignItems: 'center' }}>
          <Typography variant="subtitle1" sx={{ flex: 1 }}>
            {t('fba.new.shipFrom')}
          </Typography>
          <Button size="small" onClick={() => setShowAddress(!showAddress)} data-testid="fba-new-address-toggle">
            {showAddress ? t('fba.new.addressPrevious') : t('fba.new.addressEnter')}
          </Button>
        </Stack>
        {!showAddress ? (
          <Typography variant="body2" color="text.secondary">
            {t('fba.new.addressHint')}
          </Typography>
        ) : null}
        <Collapse in={showAddress}>
          <Stack direction="row" spacing={2} sx={{ flexWrap: 'wrap', rowGap: 2, mt: 1 }}>
            {ADDRESS_FIELDS.map((f) => (
              <TextField
                key={f}
                size="small"
                label={t(`fba.address.${f}`)}
                required={!OPTIONAL.includes(f)}
                value={address[f]}
                onChange={(e) => setAddress({ ...address, [f]: e.target.value })}
                sx={{ width: f === 'addressLine1' ? 360 : 180 }}
                slotProps={{ htmlInput: { 'data-testid': `fba-address-${f}` } }}
              />
            ))}
          </Stack>
        </Collapse>
      </Paper>

      {error ? (
        <Alert severity="error" data-testid="fba-new-error">
          {error.params.field === 'sourceAddress' && error.params.reason === 'required' ? t('fba.new.addressRequired') : describeError(t, error)}
        </Alert>
      ) : null}
      <Stack direction="row" spacing={2} sx={{ alignItems: 'center' }}>
        <Typography sx={{ flex: 1 }} data-testid="fba-new-totals">
          {t('fba.new.totals', { skus: lines.length, units })}
        </Typography>
        <Button variant="contained" size="large" disabled={!quantitiesOk || busy} onClick={() => void create()} data-testid="fba-new-create">
          {t('fba.new.create')}
        </Button>
      </Stack>
    </Box>
  );
}
