import {
  Alert,
  Box,
  Button,
  Chip,
  Collapse,
  Divider,
  FormControlLabel,
  IconButton,
  MenuItem,
  Stack,
  Switch,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  TextField,
  ToggleButton,
  ToggleButtonGroup,
  Typography,
} from '@mui/material';
import { useEffect, useMemo, useState, type ReactNode } from 'react';
import { codeKey, type Product, type ProductKind } from '../../../shared/domain/catalog';
import type { Marketplace } from '../../../shared/domain/store';
import { minorToDecimal } from '../../../shared/money';
import { api, ApiError } from '../../api/client';
import { useT } from '../../i18n';
import { useCatalogStore, type EditorTarget } from '../../stores/catalog.store';
import { describeCatalogError, errorTarget } from './catalog-errors';
import { CodeRows, ComponentRows, sayWith, TitleRows } from './EditorRows';
import { ProductBins } from './ProductBins';
import { draftOf, emptyDraft, inputOf, patchOf, validate, type Draft, type Problem, type Problems } from './product-draft';

const CURRENCIES = ['CNY', 'USD', 'EUR', 'GBP', 'JPY', 'CAD', 'AUD', 'MXN', 'HKD', 'SGD', 'AED', 'SEK', 'PLN', 'TRY', 'INR', 'BRL'];

function Section({ title, children, testId }: { title: string; children: ReactNode; testId?: string }) {
  return (
    <Box component="section" data-testid={testId}>
      <Typography variant="subtitle2" sx={{ mb: 1.5, color: 'text.secondary', fontWeight: 600 }}>
        {title}
      </Typography>
      {children}
    </Box>
  );
}

const sameCode = (a: string, b: string) => {
  const norm = (s: string) => s.trim().replace(/[\s-]/g, '').toUpperCase();
  return codeKey(norm(a)) === codeKey(norm(b));
};

/** Where the service's refusal belongs in the form: a field, or the row of the code/component it names. */
function placeOf(err: ApiError, d: Draft): string | null {
  const target = errorTarget(err);
  if (!target) return null;
  const { field, index } = target;
  const listIndex = (rows: { length: number }, found: number) => (index !== null && index < rows.length ? index : found >= 0 ? found : null);
  if (field === 'codes') {
    const code = err.params.code;
    const i = listIndex(d.codes, typeof code === 'string' ? d.codes.findIndex((r) => sameCode(r.code, code)) : -1);
    return i === null ? 'codes' : `codes.${i}`;
  }
  if (field === 'components') {
    const sku = err.params.sku;
    const i = listIndex(d.components, typeof sku === 'string' ? d.components.findIndex((r) => r.sku.trim() === sku) : -1);
    return i === null ? 'components' : `components.${i}`;
  }
  if (field === 'titles') return index !== null ? `titles.${index}` : 'titles';
  if (field === 'cost') return 'costAmount';
  return field;
}

function NewSupplier({ currency, onCreated }: { currency: string; onCreated(id: number): void }) {
  const t = useT();
  const createSupplier = useCatalogStore((s) => s.createSupplier);
  const [name, setName] = useState('');
  const [cur, setCur] = useState(currency);
  const [lead, setLead] = useState('15');
  const [error, setError] = useState<ApiError | null>(null);
  const leadOk = /^\d{1,3}$/.test(lead.trim()) && Number(lead) <= 365;
  const submit = async () => {
    setError(null);
    try {
      const s = await createSupplier({ name: name.trim(), currency: cur, leadTimeDays: Number(lead) });
      onCreated(s.id);
    } catch (err) {
      setError(err instanceof ApiError ? err : new ApiError('internal'));
    }
  };
  return (
    <Stack spacing={1.5} sx={{ p: 1.5, border: 1, borderColor: 'divider', borderRadius: 1 }} data-testid="new-supplier">
      <Stack direction="row" spacing={1}>
        <TextField size="small" fullWidth label={t('catalog.supplier.name')} value={name} onChange={(e) => setName(e.target.value)} slotProps={{ htmlInput: { maxLength: 200, 'data-testid': 'new-supplier-name' } }} />
        <TextField select size="small" label={t('catalog.supplier.currency')} value={cur} onChange={(e) => setCur(e.target.value)} sx={{ width: 110, flexShrink: 0 }}>
          {CURRENCIES.map((c) => (
            <MenuItem key={c} value={c}>
              {c}
            </MenuItem>
          ))}
        </TextField>
        <TextField size="small" label={t('catalog.supplier.leadTime')} value={lead} onChange={(e) => setLead(e.target.value)} error={!leadOk} sx={{ width: 120, flexShrink: 0 }} slotProps={{ htmlInput: { inputMode: 'numeric' } }} />
      </Stack>
      {error ? <Alert severity="error">{describeCatalogError(t, error)}</Alert> : null}
      <Box>
        <Button size="small" variant="outlined" disabled={name.trim() === '' || !leadOk} onClick={() => void submit()} data-testid="new-supplier-create">
          {t('catalog.supplier.create')}
        </Button>
      </Box>
    </Stack>
  );
}

/** The Amazon offers that sell this product; unmapping one sends it back to the mapping dialog's to-do list. */
function Listings({ product }: { product: Product }) {
  const t = useT();
  const reloadEditor = useCatalogStore((s) => s.reloadEditor);
  const [names, setNames] = useState<{ stores: Map<number, string>; markets: Map<string, Marketplace> }>({ stores: new Map(), markets: new Map() });
  // Unmapping is a two-step click: the first arms the row, the second confirms.
  const [armed, setArmed] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<{ severity: 'success' | 'error'; text: string } | null>(null);
  useEffect(() => {
    if (product.listings.length === 0) return;
    void Promise.all([api.listStores(), api.listMarketplaces()])
      .then(([stores, markets]) => setNames({ stores: new Map(stores.map((s) => [s.id, s.name])), markets: new Map(markets.map((m) => [m.id, m])) }))
      .catch(() => undefined);
  }, [product.listings.length]);

  async function unmap(l: Product['listings'][number]) {
    setBusy(true);
    setNotice(null);
    try {
      await api.catalogUnmapListing({ storeId: l.storeId, marketplaceId: l.marketplaceId, sellerSku: l.sellerSku });
      setArmed(null);
      setNotice({ severity: 'success', text: t('catalog.mapping.unmapped', { sellerSku: l.sellerSku }) });
      await reloadEditor();
    } catch (err) {
      setNotice({ severity: 'error', text: describeCatalogError(t, err instanceof ApiError ? err : new ApiError('internal')) });
    } finally {
      setBusy(false);
    }
  }

  const feedback = notice ? (
    <Alert severity={notice.severity} onClose={() => setNotice(null)} sx={{ mt: 1 }} data-testid="listings-notice">
      {notice.text}
    </Alert>
  ) : null;
  if (product.listings.length === 0)
    return (
      <>
        <Typography variant="body2" color="text.secondary">
          {t('catalog.listingsNone')}
        </Typography>
        {feedback}
      </>
    );
  return (
    <>
      <Table size="small" data-testid="listings">
        <TableHead>
          <TableRow>
            <TableCell>{t('catalog.col.store')}</TableCell>
            <TableCell>{t('catalog.col.marketplace')}</TableCell>
            <TableCell>{t('catalog.col.sellerSku')}</TableCell>
            <TableCell align="right" />
          </TableRow>
        </TableHead>
        <TableBody>
          {product.listings.map((l) => {
            const key = `${l.storeId}/${l.marketplaceId}/${l.sellerSku}`;
            return (
              <TableRow key={key} data-testid={`listing-${l.sellerSku}`}>
                <TableCell>{names.stores.get(l.storeId) ?? l.storeId}</TableCell>
                <TableCell>{names.markets.get(l.marketplaceId)?.domain ?? l.marketplaceId}</TableCell>
                <TableCell sx={{ fontFamily: 'monospace' }}>{l.sellerSku}</TableCell>
                <TableCell align="right" sx={{ whiteSpace: 'nowrap' }}>
                  {armed === key ? (
                    <>
                      <Button size="small" onClick={() => setArmed(null)} disabled={busy}>
                        {t('common.cancel')}
                      </Button>
                      <Button size="small" color="warning" variant="contained" onClick={() => void unmap(l)} disabled={busy} data-testid="listing-unmap-confirm">
                        {t('catalog.mapping.unmapConfirm')}
                      </Button>
                    </>
                  ) : (
                    <Button size="small" color="warning" onClick={() => setArmed(key)} disabled={busy} data-testid="listing-unmap">
                      {t('catalog.mapping.unmap')}
                    </Button>
                  )}
                </TableCell>
              </TableRow>
            );
          })}
        </TableBody>
      </Table>
      <Typography variant="caption" color="text.secondary">
        {t('catalog.mapping.listingsHelp')}
      </Typography>
      {feedback}
    </>
  );
}

/** Create or edit one product; every problem is shown on the field or list row it concerns. */
export function ProductEditor({ target, onClose }: { target: EditorTarget; onClose(): void }) {
  const t = useT();
  const say = sayWith(t);
  const { suppliers, create, update, setArchived } = useCatalogStore();
  const product = target.mode === 'edit' ? target.product : null;
  const [draft, setDraft] = useState<Draft>(() => (product ? draftOf(product) : emptyDraft()));
  const [attempted, setAttempted] = useState(false);
  const [busy, setBusy] = useState(false);
  const [serverError, setServerError] = useState<{ error: ApiError; place: string | null } | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const [addingSupplier, setAddingSupplier] = useState(false);

  const problems = useMemo(() => validate(draft), [draft]);
  // The product's own supplier is offered even before the list (reloaded on open) has it.
  const supplierOptions: { id: number; name: string; currency: string; leadTimeDays: number | null }[] =
    product?.supplier && !suppliers.some((s) => s.id === product.supplier?.id) ? [...suppliers, { ...product.supplier, leadTimeDays: null }] : suppliers;
  const knownComponents = useMemo(() => new Map((product?.components ?? []).map((c) => [c.sku, c.name])), [product]);
  // Before the first save, an empty required field is not yet a mistake; everything else shows as it is typed.
  const shown: Problems = useMemo(() => {
    const visible = Object.fromEntries(Object.entries(problems).filter(([, p]) => attempted || p.key !== 'catalog.invalid.required'));
    if (serverError?.place && !visible[serverError.place]) visible[serverError.place] = { key: 'catalog.error.field', params: {} } satisfies Problem;
    return visible;
  }, [problems, attempted, serverError]);
  const serverMessage = serverError ? describeCatalogError(t, serverError.error) : null;
  const sayAt = (p: Problem | undefined) => (p?.key === 'catalog.error.field' && serverMessage ? serverMessage : say(p));

  const change = (next: Partial<Draft>) => {
    setDraft((d) => ({ ...d, ...next }));
    setServerError(null);
    setSaved(null);
  };
  const field = (name: keyof Draft & string, label: string, testId: string, extra: { width?: number; help?: string; numeric?: boolean } = {}) => (
    <TextField
      size="small"
      label={label}
      value={draft[name] as string}
      onChange={(e) => change({ [name]: e.target.value } as Partial<Draft>)}
      error={!!shown[name]}
      helperText={sayAt(shown[name]) ?? extra.help}
      sx={extra.width ? { width: extra.width } : undefined}
      fullWidth={!extra.width}
      slotProps={{ htmlInput: { ...(extra.numeric ? { inputMode: 'numeric' } : {}), 'data-testid': testId } }}
    />
  );

  async function save() {
    setAttempted(true);
    setSaved(null);
    if (Object.keys(problems).length > 0 || busy) return;
    setBusy(true);
    setServerError(null);
    try {
      const p = product ? await update(product.id, patchOf(draft, product.cost)) : await create(inputOf(draft));
      setDraft(draftOf(p));
      setAttempted(false);
      setSaved(t(product ? 'catalog.saved' : 'catalog.created', { sku: p.sku }));
    } catch (err) {
      const error = err instanceof ApiError ? err : new ApiError('internal');
      setServerError({ error, place: placeOf(error, draft) });
    } finally {
      setBusy(false);
    }
  }

  async function toggleArchived() {
    if (!product) return;
    setBusy(true);
    try {
      await setArchived(product.id, product.archivedAt === null);
    } catch (err) {
      setServerError({ error: err instanceof ApiError ? err : new ApiError('internal'), place: null });
    } finally {
      setBusy(false);
    }
  }

  const hasProblems = attempted && Object.keys(problems).length > 0;
  const title = product ? t('catalog.editor.editTitle', { sku: product.sku }) : t('catalog.editor.createTitle');

  return (
    <Box sx={{ width: 780, display: 'flex', flexDirection: 'column', height: '100%' }} data-testid="product-editor" role="region" aria-label={title}>
      <Stack direction="row" sx={{ alignItems: 'center', px: 3, py: 2, borderBottom: 1, borderColor: 'divider' }}>
        <Typography variant="h6" component="h2" sx={{ flex: 1 }}>
          {title}
        </Typography>
        {product?.archivedAt ? <Chip size="small" label={t('catalog.archived')} sx={{ mr: 1 }} /> : null}
        <IconButton aria-label={t('common.close')} onClick={onClose} data-testid="editor-close">
          ×
        </IconButton>
      </Stack>

      <Stack
        spacing={3}
        divider={<Divider flexItem />}
        sx={{ flex: 1, overflow: 'auto', px: 3, py: 2.5 }}
        component="form"
        id="product-form"
        noValidate
        onSubmit={(e) => (e.preventDefault(), void save())}
      >
        {product?.archivedAt ? <Alert severity="info">{t('catalog.archivedNote')}</Alert> : null}
        <Section title={t('catalog.section.basic')}>
          <Stack spacing={2}>
            <Stack direction="row" spacing={2} sx={{ alignItems: 'flex-start' }}>
              <TextField
                size="small"
                label={t('catalog.field.sku')}
                value={draft.sku}
                onChange={(e) => change({ sku: e.target.value })}
                required
                error={!!shown.sku}
                helperText={sayAt(shown.sku)}
                sx={{ width: 280 }}
                slotProps={{ htmlInput: { maxLength: 100, spellCheck: false, style: { fontFamily: 'monospace' }, 'data-testid': 'product-sku' } }}
              />
              <ToggleButtonGroup
                exclusive
                size="small"
                value={draft.kind}
                onChange={(_, v: ProductKind | null) => v && change({ kind: v })}
                aria-label={t('catalog.field.kind')}
                sx={{ height: 40 }}
              >
                <ToggleButton value="unit" data-testid="product-kind-unit" sx={{ px: 2 }}>
                  {t('catalog.kind.unit')}
                </ToggleButton>
                <ToggleButton value="bundle" data-testid="product-kind-bundle" sx={{ px: 2 }}>
                  {t('catalog.kind.bundle')}
                </ToggleButton>
              </ToggleButtonGroup>
            </Stack>
            {shown.kind ? (
              <Typography variant="body2" color="error" data-testid="kind-problem">
                {sayAt(shown.kind)}
              </Typography>
            ) : null}
            <TextField
              size="small"
              label={t('catalog.field.name')}
              value={draft.name}
              onChange={(e) => change({ name: e.target.value })}
              required
              fullWidth
              error={!!shown.name}
              helperText={sayAt(shown.name)}
              slotProps={{ htmlInput: { maxLength: 500, 'data-testid': 'product-name' } }}
            />
          </Stack>
        </Section>

        {draft.kind === 'bundle' ? (
          <Section title={t('catalog.section.components')} testId="section-components">
            <ComponentRows draft={draft} change={change} say={sayAt} problems={shown} known={knownComponents} />
          </Section>
        ) : null}

        <Section title={t('catalog.section.codes')} testId="section-codes">
          {shown.codes ? (
            <Typography variant="body2" color="error" sx={{ mb: 1 }}>
              {sayAt(shown.codes)}
            </Typography>
          ) : null}
          <CodeRows draft={draft} change={change} say={sayAt} problems={shown} />
        </Section>

        <Section title={t('catalog.section.titles')}>
          <TitleRows draft={draft} change={change} say={sayAt} problems={shown} />
        </Section>

        <Section title={t('catalog.section.cost')} testId="section-cost">
          <Stack spacing={2}>
            <Stack direction="row" spacing={2} sx={{ alignItems: 'flex-start' }}>
              <TextField
                size="small"
                label={t('catalog.field.cost')}
                value={draft.costAmount}
                onChange={(e) => change({ costAmount: e.target.value, costTouched: true })}
                error={!!shown.costAmount}
                helperText={sayAt(shown.costAmount)}
                sx={{ width: 180 }}
                slotProps={{ htmlInput: { inputMode: 'decimal', 'data-testid': 'cost-amount' } }}
              />
              <TextField
                select
                size="small"
                label={t('catalog.field.currency')}
                value={draft.costCurrency}
                onChange={(e) => change({ costCurrency: e.target.value, costTouched: true })}
                error={!!shown.costCurrency}
                helperText={sayAt(shown.costCurrency)}
                sx={{ width: 120 }}
                slotProps={{ select: { inputProps: { 'data-testid': 'cost-currency' } } }}
              >
                {[...new Set([...CURRENCIES, draft.costCurrency])].map((c) => (
                  <MenuItem key={c} value={c}>
                    {c}
                  </MenuItem>
                ))}
              </TextField>
              <TextField
                size="small"
                type="date"
                label={t('catalog.field.effectiveDate')}
                value={draft.costDate}
                onChange={(e) => change({ costDate: e.target.value, costTouched: true })}
                error={!!shown.costDate}
                helperText={sayAt(shown.costDate)}
                sx={{ width: 180 }}
                slotProps={{ inputLabel: { shrink: true }, htmlInput: { 'data-testid': 'cost-date' } }}
              />
            </Stack>
            <Typography variant="caption" color="text.secondary">
              {t('catalog.costHelp')}
            </Typography>
            {product ? (
              product.costHistory.length === 0 ? (
                <Typography variant="body2" color="text.secondary">
                  {t('catalog.costNone')}
                </Typography>
              ) : (
                <Box>
                  <Typography variant="body2" sx={{ fontWeight: 600, mb: 0.5 }}>
                    {t('catalog.costHistory')}
                  </Typography>
                  <Table size="small" data-testid="cost-history" sx={{ maxWidth: 420 }}>
                    <TableHead>
                      <TableRow>
                        <TableCell>{t('catalog.col.effectiveDate')}</TableCell>
                        <TableCell align="right">{t('catalog.col.amount')}</TableCell>
                      </TableRow>
                    </TableHead>
                    <TableBody>
                      {product.costHistory.map((c, i) => (
                        <TableRow key={`${c.effectiveDate}/${c.currency}`} data-testid="cost-history-row" sx={i === 0 ? { '& td': { fontWeight: 600 } } : undefined}>
                          <TableCell>{c.effectiveDate}</TableCell>
                          <TableCell align="right" sx={{ fontVariantNumeric: 'tabular-nums' }}>
                            {minorToDecimal(c.amountMinor, c.currency)} {c.currency}
                          </TableCell>
                        </TableRow>
                      ))}
                    </TableBody>
                  </Table>
                </Box>
              )
            ) : null}
          </Stack>
        </Section>

        <Section title={t('catalog.section.replenishment')}>
          <Stack spacing={2}>
            <Stack direction="row" spacing={1} sx={{ alignItems: 'flex-start' }}>
              <TextField
                select
                size="small"
                label={t('catalog.field.supplierId')}
                value={draft.supplierId ?? 0}
                onChange={(e) => change({ supplierId: Number(e.target.value) || null })}
                error={!!shown.supplierId}
                helperText={sayAt(shown.supplierId)}
                sx={{ flex: 1 }}
                slotProps={{ select: { inputProps: { 'data-testid': 'product-supplier' } } }}
              >
                <MenuItem value={0}>{t('catalog.supplierNone')}</MenuItem>
                {supplierOptions.map((s) => (
                  <MenuItem key={s.id} value={s.id}>
                    {s.name} · {s.currency}
                    {s.leadTimeDays !== null ? ` · ${t('catalog.supplier.leadTimeShort', { days: s.leadTimeDays })}` : ''}
                  </MenuItem>
                ))}
              </TextField>
              <Button size="small" onClick={() => setAddingSupplier((v) => !v)} sx={{ height: 40 }} data-testid="supplier-new">
                + {t('catalog.supplierNew')}
              </Button>
            </Stack>
            <Collapse in={addingSupplier} unmountOnExit>
              <NewSupplier
                currency={draft.costCurrency}
                onCreated={(id) => {
                  change({ supplierId: id });
                  setAddingSupplier(false);
                }}
              />
            </Collapse>
            <Stack direction="row" spacing={2} sx={{ alignItems: 'flex-start' }}>
              {field('safetyDays', t('catalog.field.safetyDays'), 'product-safety-days', { width: 320, numeric: true, help: t('catalog.safetyDaysHelp') })}
              <FormControlLabel
                control={<Switch checked={draft.allowBackorder} onChange={(e) => change({ allowBackorder: e.target.checked })} slotProps={{ input: { 'aria-label': t('catalog.field.allowBackorder') } }} data-testid="product-backorder" />}
                label={t('catalog.field.allowBackorder')}
              />
            </Stack>
          </Stack>
        </Section>

        <Section title={t('catalog.section.logistics')}>
          <Stack spacing={2}>
            <Stack direction="row" spacing={2}>
              {field('lengthMm', t('catalog.field.lengthMm'), 'product-length', { numeric: true })}
              {field('widthMm', t('catalog.field.widthMm'), 'product-width', { numeric: true })}
              {field('heightMm', t('catalog.field.heightMm'), 'product-height', { numeric: true })}
              {field('weightG', t('catalog.field.weightG'), 'product-weight', { numeric: true })}
            </Stack>
            {field('hsCode', t('catalog.field.hsCode'), 'product-hs-code', { width: 240 })}
          </Stack>
        </Section>

        {/* A bundle is picked from its components' bins; it has none of its own unless an import gave it some. */}
        {product && (product.kind === 'unit' || product.bins.length > 0) ? (
          <Section title={t('catalog.bins.title')} testId="section-bins">
            <ProductBins product={product} />
          </Section>
        ) : null}

        {product ? (
          <Section title={t('catalog.section.listings')} testId="section-listings">
            <Listings product={product} />
          </Section>
        ) : null}
      </Stack>

      <Box sx={{ px: 3, py: 2, borderTop: 1, borderColor: 'divider', bgcolor: 'background.default' }}>
        {serverMessage ? (
          <Alert severity="error" sx={{ mb: 1.5 }} data-testid="editor-error">
            {serverMessage}
          </Alert>
        ) : hasProblems ? (
          <Alert severity="warning" sx={{ mb: 1.5 }} data-testid="editor-problems">
            {t('catalog.fixErrors')}
          </Alert>
        ) : saved ? (
          <Alert severity="success" sx={{ mb: 1.5 }} data-testid="editor-saved">
            {saved}
          </Alert>
        ) : null}
        <Stack direction="row" spacing={1}>
          {product ? (
            <Button color={product.archivedAt ? 'primary' : 'warning'} disabled={busy} onClick={() => void toggleArchived()} data-testid="product-archive">
              {product.archivedAt ? t('catalog.restore') : t('catalog.archive')}
            </Button>
          ) : null}
          <Box sx={{ flex: 1 }} />
          <Button onClick={onClose}>{t('common.close')}</Button>
          <Button type="submit" form="product-form" variant="contained" disabled={busy} data-testid="product-save">
            {product ? t('catalog.save') : t('catalog.create')}
          </Button>
        </Stack>
      </Box>
    </Box>
  );
}
