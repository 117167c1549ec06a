import { Alert, Box, Button, IconButton, MenuItem, Paper, Stack, Switch, TextField, Typography, FormControlLabel } from '@mui/material';
import { useCallback, useEffect, useState } from 'react';
import { amazonCarriers } from '../../../shared/carriers';
import { blockingReasons, type AuditRuleConfig, type CarrierRuleInput } from '../../../shared/domain/fulfillment';
import type { FulfillmentRules } from '../../../shared/ipc/channels/fulfillment';
import { api, ApiError } from '../../api/client';
import { useT } from '../../i18n';
import { describeError } from '../../i18n/describe-error';
import { exceptionLabel } from '../orders/labels';
import { minorToText, parseThresholds, textToMinor, thresholdsToText } from './money-text';

/** Carrier rule as the form edits it: numbers stay text until saved, so a half-typed value is not lost. */
interface CarrierDraft {
  priority: string;
  name: string;
  countries: string;
  weightMin: string;
  weightMax: string;
  valueCurrency: string;
  valueMin: string;
  valueMax: string;
  carrierCode: string;
  carrierName: string;
  shippingService: string;
  /** Conditions this form does not edit (regions, Prime, size…), kept as they were. */
  kept?: FulfillmentRules['carrier'][number]['conditions'];
}
interface AllocationDraft {
  priority: string;
  warehouseId: string;
  countries: string;
}

const list = (s: string) => s.split(/[\s,，]+/).map((c) => c.trim().toUpperCase()).filter(Boolean);
const num = (s: string) => (s.trim() === '' ? undefined : Number(s.trim()));
const text = (n: number | undefined) => (n === undefined ? '' : String(n));

function toDraft(r: FulfillmentRules['carrier'][number]): CarrierDraft {
  const c = r.conditions;
  return {
    priority: String(r.priority),
    name: r.name,
    countries: (c.countries ?? []).join(', '),
    weightMin: text(c.weightG?.min),
    weightMax: text(c.weightG?.max),
    valueCurrency: c.value?.currency ?? '',
    valueMin: minorToText(c.value?.min, c.value?.currency ?? ''),
    valueMax: minorToText(c.value?.max, c.value?.currency ?? ''),
    carrierCode: r.carrierCode,
    carrierName: r.carrierName ?? '',
    shippingService: r.shippingService ?? '',
    kept: c,
  };
}

function fromDraft(d: CarrierDraft): CarrierRuleInput {
  const countries = list(d.countries);
  const weightMin = num(d.weightMin);
  const weightMax = num(d.weightMax);
  const valueMin = textToMinor(d.valueMin, d.valueCurrency);
  const valueMax = textToMinor(d.valueMax, d.valueCurrency);
  return {
    priority: Number(d.priority),
    name: d.name,
    conditions: {
      ...(d.kept ?? {}),
      countries: countries.length ? countries : undefined,
      weightG: weightMin !== undefined || weightMax !== undefined ? { min: weightMin, max: weightMax } : undefined,
      value: d.valueCurrency.trim() ? { currency: d.valueCurrency.trim().toUpperCase(), min: valueMin, max: valueMax } : undefined,
    },
    carrierCode: d.carrierCode,
    carrierName: d.carrierName.trim() || null,
    shippingService: d.shippingService.trim() || null,
  };
}

const blankCarrier = (priority: number): CarrierDraft => ({ priority: String(priority), name: '', countries: '', weightMin: '', weightMax: '', valueCurrency: '', valueMin: '', valueMax: '', carrierCode: '', carrierName: '', shippingService: '' });

/** 审单规则 / 分仓规则 / 物流渠道规则 and split shipments, each saved on its own so one bad list does not block the rest. */
export function FulfillmentRulesPanel() {
  const t = useT();
  const [rules, setRules] = useState<FulfillmentRules | null>(null);
  const [audit, setAudit] = useState<AuditRuleConfig[]>([]);
  const [allocation, setAllocation] = useState<AllocationDraft[]>([]);
  const [carriers, setCarriers] = useState<CarrierDraft[]>([]);
  const [warehouses, setWarehouses] = useState<{ id: number; code: string; name: string; kind: string }[]>([]);
  const [error, setError] = useState<{ section: string; error: ApiError } | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const [thresholds, setThresholds] = useState('');
  const [thresholdsBad, setThresholdsBad] = useState<string | null>(null);

  const apply = useCallback((r: FulfillmentRules) => {
    setRules(r);
    setAudit(r.audit);
    const hv = r.audit.find((a) => a.code === 'high-value');
    setThresholds(hv?.code === 'high-value' ? thresholdsToText(hv.params.thresholdsMinor) : '');
    setThresholdsBad(null);
    setAllocation(r.allocation.map((a) => ({ priority: String(a.priority), warehouseId: String(a.warehouseId), countries: (a.countries ?? []).join(', ') })));
    setCarriers(r.carrier.map(toDraft));
  }, []);

  useEffect(() => {
    Promise.all([api.fulfillmentRules(), api.warehouses()]).then(
      ([r, w]) => {
        apply(r);
        setWarehouses(w.filter((x) => x.kind !== 'fba'));
      },
      (err: unknown) => setError({ section: 'load', error: err instanceof ApiError ? err : new ApiError('internal') }),
    );
  }, [apply]);

  async function save(section: string, run: () => Promise<unknown>) {
    try {
      await run();
      apply(await api.fulfillmentRules());
      setError(null);
      setSaved(section);
    } catch (err) {
      setSaved(null);
      setError({ section, error: err instanceof ApiError ? err : new ApiError('internal') });
    }
  }

  /** The thresholds are typed as money ("USD 200"); what cannot be read is named in the field and nothing is saved. */
  function saveAudit() {
    const parsed = parseThresholds(thresholds);
    if (!parsed.ok) {
      setThresholdsBad(parsed.bad);
      return;
    }
    const next = audit.map((a) => (a.code === 'high-value' ? { ...a, params: { thresholdsMinor: parsed.thresholds } } : a));
    void save('audit', () => api.fulfillmentSetAuditRules(next));
  }

  const feedback = (section: string) =>
    error?.section === section ? (
      <Alert severity="error" sx={{ mt: 1 }} data-testid={`rules-error-${section}`}>
        {describeError(t, error.error)}
      </Alert>
    ) : saved === section ? (
      <Alert severity="success" sx={{ mt: 1 }} data-testid={`rules-saved-${section}`}>
        {t('rules.saved')}
      </Alert>
    ) : null;

  if (!rules) return <Paper sx={{ p: 2 }}>{error ? <Alert severity="error">{describeError(t, error.error)}</Alert> : <Typography>{t('app.loading')}</Typography>}</Paper>;

  const setCarrier = (i: number, patch: Partial<CarrierDraft>) => setCarriers((cs) => cs.map((c, j) => (j === i ? { ...c, ...patch } : c)));
  const setAlloc = (i: number, patch: Partial<AllocationDraft>) => setAllocation((as) => as.map((a, j) => (j === i ? { ...a, ...patch } : a)));
  const dup = audit.find((a) => a.code === 'duplicate-order');

  return (
    <Paper sx={{ p: 2 }} data-testid="fulfillment-rules">
      <Typography variant="h6" component="h2" gutterBottom>
        {t('rules.title')}
      </Typography>

      <Typography variant="subtitle1" component="h3">{t('rules.audit.title')}</Typography>
      <Stack direction="row" sx={{ flexWrap: 'wrap', columnGap: 2 }}>
        {audit.map((a) => (
          <FormControlLabel
            key={a.code}
            label={exceptionLabel(t, a.code)}
            control={
              <Switch
                checked={a.enabled}
                disabled={blockingReasons.includes(a.code)}
                onChange={(e) => setAudit((xs) => xs.map((x) => (x.code === a.code ? ({ ...x, enabled: e.target.checked } as AuditRuleConfig) : x)))}
                slotProps={{ input: { 'aria-label': exceptionLabel(t, a.code) } }}
                data-testid={`audit-rule-${a.code}`}
              />
            }
          />
        ))}
      </Stack>
      {dup && dup.code === 'duplicate-order' ? (
        <TextField
          size="small"
          sx={{ mt: 1, width: 220 }}
          label={t('rules.audit.windowHours')}
          value={String(dup.params.windowHours)}
          onChange={(e) => setAudit((xs) => xs.map((x) => (x.code === 'duplicate-order' ? { ...x, params: { ...x.params, windowHours: Number(e.target.value) || 0 } } : x)))}
        />
      ) : null}
      <TextField
        size="small"
        sx={{ mt: 1, ml: dup ? 2 : 0, width: 360 }}
        label={t('rules.audit.thresholds')}
        value={thresholds}
        error={thresholdsBad !== null}
        helperText={thresholdsBad !== null ? t('rules.audit.thresholdsBad', { piece: thresholdsBad }) : t('rules.audit.thresholdsHelp')}
        onChange={(e) => {
          setThresholds(e.target.value);
          setThresholdsBad(null);
        }}
        slotProps={{ htmlInput: { 'data-testid': 'high-value-thresholds' } }}
      />
      <Typography variant="body2" color="text.secondary" sx={{ mt: 1 }}>{t('rules.audit.blockingHelp')}</Typography>
      <Button variant="outlined" size="small" sx={{ mt: 1 }} onClick={saveAudit} data-testid="audit-rules-save">
        {t('rules.save')}
      </Button>
      {feedback('audit')}

      <Typography variant="subtitle1" component="h3" sx={{ mt: 3 }}>{t('rules.allocation.title')}</Typography>
      {allocation.map((a, i) => (
        <Stack key={i} direction="row" spacing={1} sx={{ mt: 1, alignItems: 'center' }}>
          <TextField size="small" sx={{ width: 90 }} label={t('rules.priority')} value={a.priority} onChange={(e) => setAlloc(i, { priority: e.target.value })} />
          <TextField size="small" select sx={{ width: 220 }} label={t('rules.allocation.warehouse')} value={a.warehouseId} onChange={(e) => setAlloc(i, { warehouseId: e.target.value })}>
            {warehouses.map((w) => (
              <MenuItem key={w.id} value={String(w.id)}>{`${w.code} · ${w.name}`}</MenuItem>
            ))}
          </TextField>
          <TextField size="small" sx={{ flex: 1 }} label={t('rules.countries')} helperText={t('rules.countriesHelp')} value={a.countries} onChange={(e) => setAlloc(i, { countries: e.target.value })} />
          <IconButton aria-label={t('rules.remove')} onClick={() => setAllocation((as) => as.filter((_, j) => j !== i))}>✕</IconButton>
        </Stack>
      ))}
      <Stack direction="row" spacing={1} sx={{ mt: 1 }}>
        <Button size="small" onClick={() => setAllocation((as) => [...as, { priority: String((as.length + 1) * 10), warehouseId: warehouses[0] ? String(warehouses[0].id) : '', countries: '' }])}>{t('rules.add')}</Button>
        <Button
          variant="outlined"
          size="small"
          onClick={() => void save('allocation', () => api.fulfillmentSetAllocationRules(allocation.map((a) => ({ priority: Number(a.priority), warehouseId: Number(a.warehouseId), countries: list(a.countries).length ? list(a.countries) : null }))))}
          data-testid="allocation-rules-save"
        >
          {t('rules.save')}
        </Button>
      </Stack>
      {feedback('allocation')}

      <Typography variant="subtitle1" component="h3" sx={{ mt: 3 }}>{t('rules.carrier.title')}</Typography>
      {carriers.map((c, i) => (
        <Box key={i} sx={{ mt: 1, p: 1, border: 1, borderColor: 'divider', borderRadius: 1 }} data-testid={`carrier-rule-${i}`}>
          <Stack direction="row" spacing={1} sx={{ flexWrap: 'wrap', rowGap: 1, alignItems: 'center' }}>
            <TextField size="small" sx={{ width: 80 }} label={t('rules.priority')} value={c.priority} onChange={(e) => setCarrier(i, { priority: e.target.value })} slotProps={{ htmlInput: { 'data-testid': 'carrier-priority' } }} />
            <TextField size="small" sx={{ width: 180 }} label={t('rules.carrier.name')} value={c.name} onChange={(e) => setCarrier(i, { name: e.target.value })} slotProps={{ htmlInput: { 'data-testid': 'carrier-name' } }} />
            <TextField
              size="small"
              sx={{ width: 200 }}
              label={t('rules.carrier.code')}
              value={c.carrierCode}
              onChange={(e) => setCarrier(i, { carrierCode: e.target.value })}
              helperText={t('rules.carrier.codeHelp')}
              slotProps={{ htmlInput: { list: 'amazon-carriers', 'data-testid': 'carrier-code' } }}
            />
            {c.carrierCode === 'Other' ? (
              <TextField size="small" sx={{ width: 180 }} label={t('rules.carrier.carrierName')} value={c.carrierName} onChange={(e) => setCarrier(i, { carrierName: e.target.value })} slotProps={{ htmlInput: { 'data-testid': 'carrier-other-name' } }} />
            ) : null}
            <TextField size="small" sx={{ width: 160 }} label={t('rules.carrier.service')} value={c.shippingService} onChange={(e) => setCarrier(i, { shippingService: e.target.value })} />
          </Stack>
          <Stack direction="row" spacing={1} sx={{ mt: 1, flexWrap: 'wrap', rowGap: 1, alignItems: 'center' }}>
            <TextField size="small" sx={{ width: 160 }} label={t('rules.countries')} value={c.countries} onChange={(e) => setCarrier(i, { countries: e.target.value })} slotProps={{ htmlInput: { 'data-testid': 'carrier-countries' } }} />
            <TextField size="small" sx={{ width: 130 }} label={t('rules.carrier.weightMin')} value={c.weightMin} onChange={(e) => setCarrier(i, { weightMin: e.target.value })} slotProps={{ htmlInput: { 'data-testid': 'carrier-weight-min' } }} />
            <TextField size="small" sx={{ width: 130 }} label={t('rules.carrier.weightMax')} value={c.weightMax} onChange={(e) => setCarrier(i, { weightMax: e.target.value })} slotProps={{ htmlInput: { 'data-testid': 'carrier-weight-max' } }} />
            <TextField size="small" sx={{ width: 90 }} label={t('rules.carrier.currency')} value={c.valueCurrency} onChange={(e) => setCarrier(i, { valueCurrency: e.target.value })} slotProps={{ htmlInput: { 'data-testid': 'carrier-value-currency' } }} />
            <TextField size="small" sx={{ width: 150 }} label={t('rules.carrier.valueMin')} value={c.valueMin} onChange={(e) => setCarrier(i, { valueMin: e.target.value })} />
            <TextField size="small" sx={{ width: 150 }} label={t('rules.carrier.valueMax')} value={c.valueMax} onChange={(e) => setCarrier(i, { valueMax: e.target.value })} slotProps={{ htmlInput: { 'data-testid': 'carrier-value-max' } }} />
            <IconButton aria-label={t('rules.remove')} onClick={() => setCarriers((cs) => cs.filter((_, j) => j !== i))}>✕</IconButton>
          </Stack>
        </Box>
      ))}
      <datalist id="amazon-carriers">
        {amazonCarriers.map((c) => (
          <option key={c.code} value={c.code}>{c.name}</option>
        ))}
      </datalist>
      <Stack direction="row" spacing={1} sx={{ mt: 1 }}>
        <Button size="small" onClick={() => setCarriers((cs) => [...cs, blankCarrier((cs.length + 1) * 10)])} data-testid="carrier-rule-add">{t('rules.add')}</Button>
        <Button variant="outlined" size="small" onClick={() => void save('carrier', () => api.fulfillmentSetCarrierRules(carriers.map(fromDraft)))} data-testid="carrier-rules-save">
          {t('rules.save')}
        </Button>
      </Stack>
      {feedback('carrier')}

      <FormControlLabel
        sx={{ mt: 3 }}
        label={t('rules.allowSplit')}
        control={<Switch checked={rules.allowSplit} onChange={(e) => void save('split', () => api.fulfillmentSetAllowSplit(e.target.checked))} data-testid="allow-split" />}
      />
      <Typography variant="body2" color="text.secondary">{t('rules.allowSplitHelp')}</Typography>
      {feedback('split')}
    </Paper>
  );
}
