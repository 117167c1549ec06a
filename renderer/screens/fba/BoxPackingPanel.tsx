import { Alert, Box, Button, Checkbox, Chip, FormControlLabel, LinearProgress, Paper, Stack, Table, TableBody, TableCell, TableHead, TableRow, TextField, ToggleButton, ToggleButtonGroup, Typography } from '@mui/material';
import { useEffect, useRef, useState } from 'react';
import type { PlanDetail } from '../../../shared/domain/fba-inbound';
import { api, ApiError } from '../../api/client';
import { listenForScans } from '../../components/scanner';
import { useT } from '../../i18n';
import { playVerdict } from '../packing/sounds';
import { checkEntry, defaultUnits, limitsText, measuredText, type BoxEntry, type EntryField, type EntryUnits, type FieldProblem } from './box-entry';
import { useFbaStore } from './fba.store';
import { fbaErrorText, markText } from './fba-text';

interface Verdict {
  kind: 'idle' | 'ok' | 'error';
  title: string;
  detail?: string;
  /** Counts verdicts, so a repeated identical verdict is still a new one (the e2e waits on it). */
  n: number;
}

const EMPTY: BoxEntry = { length: '', width: '', height: '', weight: '', marksConfirmed: false };
const SIDES = ['length', 'width', 'height'] as const;

/**
 * The clerk's box-packing station for a plan: open a box, scan unit labels (FNSKU, UPC/EAN or SKU) into it with a green
 * or red verdict and a sound, measure and weigh it (checked against Amazon's box rules as typed), close it, and send
 * all boxes to Amazon. Keyboard: F2 new box, F4 close box, F8 send boxes, Esc leaves a field so scans go to the box.
 */
export function BoxPackingPanel({ plan }: { plan: PlanDetail }) {
  const t = useT();
  const { act, busy, setPlan } = useFbaStore();
  const [units, setUnits] = useState<EntryUnits>(() => defaultUnits(plan.marketplaceId));
  const [entry, setEntry] = useState<BoxEntry>(EMPTY);
  const [submitted, setSubmitted] = useState(false);
  const [serverProblem, setServerProblem] = useState<{ field: string; text: string } | null>(null);
  const [verdict, setVerdict] = useState<Verdict>({ kind: 'idle', title: '', n: 0 });
  const [lastItem, setLastItem] = useState<number | null>(null);
  const queue = useRef<Promise<unknown>>(Promise.resolve());
  const weightRef = useRef<HTMLInputElement>(null);
  const planRef = useRef(plan);
  planRef.current = plan;

  const openBox = [...plan.boxList].reverse().find((b) => b.status === 'open') ?? null;
  const check = checkEntry(entry, plan.marketplaceId, units, submitted);
  const limits = limitsText(plan.marketplaceId);
  const [lu, wu] = units === 'in-lb' ? ['in', 'lb'] : ['cm', 'kg'];
  const allPacked = plan.items.every((i) => i.packed === i.quantity);
  const say = (kind: 'ok' | 'error', title: string, detail?: string) => {
    playVerdict(kind);
    setVerdict((v) => ({ kind, title, ...(detail !== undefined ? { detail } : {}), n: v.n + 1 }));
  };
  const errorOf = (err: unknown) => (err instanceof ApiError ? err : new ApiError('internal'));

  function scan(code: string) {
    // One scan at a time, in the order scanned: each is checked against the counts the previous one left.
    queue.current = queue.current.then(async () => {
      const current = planRef.current;
      const box = [...current.boxList].reverse().find((b) => b.status === 'open');
      if (!box) {
        say('error', t('fba.scan.noOpenBox'), code);
        return;
      }
      try {
        const res = await api.fbaScanIntoBox({ planId: current.id, boxId: box.id, code });
        setPlan(res.plan);
        setLastItem(res.scanned.planItemId);
        say('ok', t('fba.scan.ok', { sku: res.scanned.sku, added: res.scanned.added, box: box.number }), t('fba.scan.progress', { packed: res.scanned.packed, planned: res.scanned.planned }));
      } catch (err) {
        const text = fbaErrorText(t, errorOf(err));
        say('error', text, text.includes(code) ? undefined : code);
      }
    });
  }

  async function newBox() {
    if (await act(() => api.fbaOpenBox(plan.id))) setVerdict((v) => ({ kind: 'idle', title: '', n: v.n + 1 }));
  }

  async function closeBox() {
    if (!openBox) return;
    setSubmitted(true);
    setServerProblem(null);
    const full = checkEntry(entry, plan.marketplaceId, units, true);
    if (!full.values) {
      say('error', t('fba.box.fixFields'));
      return;
    }
    try {
      const res = await api.fbaCloseBox({ planId: plan.id, boxId: openBox.id, ...full.values });
      setPlan(res.plan);
      setEntry(EMPTY);
      setSubmitted(false);
      say('ok', t('fba.box.closed', { n: openBox.number }), res.marks.map((m) => markText(t, m)).join(' · ') || undefined);
    } catch (err) {
      const e = errorOf(err);
      const text = fbaErrorText(t, e);
      setServerProblem({ field: typeof e.params.field === 'string' ? e.params.field : '', text });
      say('error', text);
    }
  }

  const submitBoxes = () => void act(() => api.fbaSubmitBoxes(plan.id));

  // Handlers change every render; the listeners read the latest through this ref instead of re-subscribing.
  const handlers = useRef({ scan, newBox, closeBox, submitBoxes });
  handlers.current = { scan, newBox, closeBox, submitBoxes };
  useEffect(() => listenForScans({ onScan: (code) => handlers.current.scan(code) }), []);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented) return;
      const keys: Record<string, () => void> = {
        F2: () => void handlers.current.newBox(),
        F3: () => weightRef.current?.focus(),
        F4: () => void handlers.current.closeBox(),
        F8: () => handlers.current.submitBoxes(),
        Escape: () => (document.activeElement as HTMLElement | null)?.blur(),
      };
      const run = keys[e.key];
      if (!run) return;
      e.preventDefault();
      run();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  const fieldProblem = (f: EntryField): string | null => {
    const p: FieldProblem | undefined = check.problems[f];
    if (p) return t(`errors.reason.${p.reason}`, { box: openBox?.number ?? '', limit: p.limit ?? '', actual: p.actual ?? '', unit: p.unit ?? '', mark: check.marks.map((m) => markText(t, m)).join(' / ') });
    if (serverProblem && (serverProblem.field === f || (serverProblem.field === 'dimensions' && f === 'length'))) return serverProblem.text;
    return null;
  };
  const field = (f: 'length' | 'width' | 'height' | 'weight', unit: string, ref?: React.Ref<HTMLInputElement>) => {
    const problem = fieldProblem(f);
    return (
      <TextField
        key={f}
        size="small"
        label={`${t(`fba.box.${f}`)} (${unit})`}
        value={entry[f]}
        onChange={(e) => {
          setServerProblem(null);
          setEntry({ ...entry, [f]: e.target.value });
        }}
        onKeyDown={(e) => {
          if (e.key === 'Enter') {
            e.preventDefault();
            void closeBox();
          }
        }}
        error={problem !== null}
        helperText={problem ?? (f === 'weight' ? t('fba.box.maxWeight', { limit: limits.weight }) : t('fba.box.maxSide', { limit: limits.side }))}
        disabled={!openBox}
        inputRef={ref}
        sx={{ width: f === 'weight' ? 170 : 130 }}
        slotProps={{ htmlInput: { inputMode: 'decimal', 'data-testid': `box-${f}` }, formHelperText: { 'data-testid': `box-${f}-help` } as object }}
      />
    );
  };

  const colors = { idle: 'grey.100', ok: 'success.light', error: 'error.light' } as const;

  return (
    <Stack spacing={2} data-testid="fba-boxes">
      <Stack direction={{ xs: 'column', md: 'row' }} spacing={2}>
        <Paper
          variant="outlined"
          sx={{ flex: 1, p: 3, minHeight: 140, bgcolor: colors[verdict.kind], display: 'flex', flexDirection: 'column', justifyContent: 'center' }}
          data-testid="box-verdict"
          data-kind={verdict.kind}
          data-entry={verdict.n}
        >
          <Typography variant="h4" sx={{ fontWeight: 700 }} data-testid="box-verdict-title">
            {verdict.kind === 'idle' ? (openBox ? t('fba.scan.ready', { n: openBox.number }) : t('fba.scan.openFirst')) : verdict.title}
          </Typography>
          {verdict.detail ? (
            <Typography variant="h6" data-testid="box-verdict-detail">
              {verdict.detail}
            </Typography>
          ) : null}
          <Typography variant="caption" color="text.secondary" sx={{ mt: 1 }}>
            {t('fba.scan.keys')}
          </Typography>
        </Paper>

        <Paper variant="outlined" sx={{ p: 2, width: { md: 520 } }} data-testid="open-box">
          <Stack direction="row" spacing={1} sx={{ alignItems: 'center', mb: 1 }}>
            <Typography variant="h6" sx={{ flex: 1 }} data-testid="open-box-title">
              {openBox ? t('fba.box.open', { n: openBox.number, units: openBox.units }) : t('fba.box.none')}
            </Typography>
            <ToggleButtonGroup size="small" exclusive value={units} onChange={(_, v: EntryUnits | null) => v && setUnits(v)}>
              <ToggleButton value="in-lb">in · lb</ToggleButton>
              <ToggleButton value="cm-kg">cm · kg</ToggleButton>
            </ToggleButtonGroup>
            <Button variant="outlined" onClick={() => void newBox()} disabled={busy} data-testid="box-new">
              {t('fba.box.new')}
            </Button>
          </Stack>
          {openBox ? (
            <Stack direction="row" spacing={1} sx={{ flexWrap: 'wrap', mb: 1, rowGap: 1 }} data-testid="open-box-contents">
              {openBox.items.map((i) => (
                <Chip key={i.planItemId} label={`${i.sku} ×${i.quantity}`} onDelete={() => void act(() => api.fbaRemoveFromBox({ planId: plan.id, boxId: openBox.id, planItemId: i.planItemId, quantity: 1 }))} />
              ))}
            </Stack>
          ) : null}
          <Stack direction="row" spacing={1} sx={{ flexWrap: 'wrap', rowGap: 1 }}>
            {SIDES.map((f) => field(f, lu))}
            {field('weight', wu, weightRef)}
          </Stack>
          {check.marks.length > 0 ? (
            <Stack direction="row" spacing={1} sx={{ alignItems: 'center', mt: 1 }} data-testid="box-marks">
              {check.marks.map((m) => (
                <Chip key={m} color="warning" label={markText(t, m)} />
              ))}
              <FormControlLabel
                control={<Checkbox checked={entry.marksConfirmed} onChange={(e) => setEntry({ ...entry, marksConfirmed: e.target.checked })} slotProps={{ input: { 'aria-label': t('fba.box.marksConfirmed') } }} data-testid="box-marks-confirmed" />}
                label={t('fba.box.marksConfirmed')}
              />
            </Stack>
          ) : null}
          {fieldProblem('marks') ? (
            <Typography variant="caption" color="error" data-testid="box-marks-help">
              {fieldProblem('marks')}
            </Typography>
          ) : null}
          <Box sx={{ mt: 1 }}>
            <Button variant="contained" onClick={() => void closeBox()} disabled={!openBox || busy || openBox.units === 0} data-testid="box-close">
              {t('fba.box.close')}
            </Button>
          </Box>
        </Paper>
      </Stack>

      <Paper variant="outlined">
        <Table size="small" data-testid="box-lines">
          <TableHead>
            <TableRow>
              <TableCell>MSKU</TableCell>
              <TableCell>FNSKU</TableCell>
              <TableCell>{t('fba.col.name')}</TableCell>
              <TableCell align="right">{t('fba.box.planned')}</TableCell>
              <TableCell align="right">{t('fba.box.packed')}</TableCell>
              <TableCell sx={{ width: 160 }} />
            </TableRow>
          </TableHead>
          <TableBody>
            {plan.items.map((i) => (
              <TableRow key={i.id} selected={i.id === lastItem} data-testid={`box-line-${i.msku}`}>
                <TableCell>{i.msku}</TableCell>
                <TableCell sx={{ fontFamily: 'monospace' }}>{i.fnsku}</TableCell>
                <TableCell sx={{ maxWidth: 280, overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }} title={i.name}>
                  {i.name}
                </TableCell>
                <TableCell align="right">{i.quantity}</TableCell>
                <TableCell align="right" data-testid="line-packed" sx={{ fontWeight: 600, color: i.packed === i.quantity ? 'success.main' : undefined }}>
                  {i.packed}
                </TableCell>
                <TableCell>
                  <LinearProgress variant="determinate" value={i.quantity > 0 ? (100 * i.packed) / i.quantity : 0} color={i.packed === i.quantity ? 'success' : 'primary'} />
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </Paper>

      <Paper variant="outlined" sx={{ p: 2 }}>
        <Typography variant="subtitle1" sx={{ mb: 1 }}>
          {t('fba.box.list', { n: plan.boxList.length })}
        </Typography>
        <Stack spacing={1} data-testid="box-list">
          {plan.boxList.map((b) => (
            <Stack key={b.id} direction="row" spacing={1} sx={{ alignItems: 'center', flexWrap: 'wrap' }} data-testid={`box-${b.number}`} data-status={b.status}>
              <Typography sx={{ width: 70, fontWeight: 600 }}>{t('fba.box.number', { n: b.number })}</Typography>
              <Chip size="small" color={b.status === 'closed' ? 'success' : 'default'} label={t(`fba.box.status.${b.status}`)} />
              <Typography variant="body2" sx={{ flex: 1 }} data-testid="box-contents">
                {b.items.map((i) => `${i.sku} ×${i.quantity}`).join(', ') || '—'}
              </Typography>
              <Typography variant="body2" color="text.secondary">
                {measuredText(b, units)}
              </Typography>
              {b.marks.map((m) => (
                <Chip key={m} size="small" color="warning" label={markText(t, m)} />
              ))}
              {b.status === 'closed' ? (
                <Button size="small" onClick={() => void act(() => api.fbaReopenBox({ planId: plan.id, boxId: b.id }))} disabled={busy}>
                  {t('fba.box.reopen')}
                </Button>
              ) : null}
            </Stack>
          ))}
        </Stack>
      </Paper>

      {!allPacked ? <Alert severity="info">{t('fba.box.remaining', { n: plan.items.reduce((n, i) => n + i.quantity - i.packed, 0) })}</Alert> : null}
      <div>
        <Button variant="contained" size="large" onClick={submitBoxes} disabled={busy || !allPacked || plan.boxList.some((b) => b.status === 'open' && b.units > 0)} data-testid="boxes-submit">
          {t('fba.box.submit')}
        </Button>
      </div>
    </Stack>
  );
}
