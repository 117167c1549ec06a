import { Alert, Box, Button, Chip, Paper, Stack, TextField, Typography } from '@mui/material';
import { useEffect, useState } from 'react';
import { returnStatuses } from '../../../shared/domain/returns';
import { listenForScans } from '../../components/scanner';
import { useT } from '../../i18n';
import { describeError } from '../../i18n/describe-error';
import { CreateReturnPanel } from './CreateReturnPanel';
import { statusKey } from './labels';
import { ProductCandidates } from './ProductCandidates';
import { ReturnPanel } from './ReturnPanel';
import { ReturnsTable } from './ReturnsTable';
import { useReturnsStore } from './returns.store';

/**
 * 售后: a returned parcel is scanned (its outbound label, the order id, an RMA sheet or the unit's own barcode) and the
 * screen opens what it names. While a return is being counted in, scanning a unit's code counts it instead.
 */
export function ReturnsScreen() {
  const t = useT();
  const s = useReturnsStore();
  const { load, scan } = s;
  const [code, setCode] = useState('');

  useEffect(() => void load(), [load]);
  // The scanner works without a focused field; typing into the search box still works as typing.
  useEffect(() => listenForScans({ onScan: (c) => void scan(c) }), [scan]);

  const search = () => {
    const value = code.trim();
    if (value === '') return;
    setCode('');
    void s.find(value);
  };

  return (
    <Box sx={{ p: 3, display: 'flex', flexDirection: 'column', height: '100%', boxSizing: 'border-box', gap: 2 }} data-testid="returns-screen">
      <Stack direction="row" spacing={2} sx={{ alignItems: 'center' }}>
        <Typography variant="h5" component="h1">
          {t('nav.returns')}
        </Typography>
        <TextField
          size="small"
          label={t('returns.scan.label')}
          value={code}
          onChange={(e) => setCode(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter') {
              e.preventDefault();
              search();
            }
          }}
          sx={{ flex: 1, maxWidth: 520 }}
          slotProps={{ htmlInput: { maxLength: 100, 'data-testid': 'returns-search' } }}
        />
        <Button variant="outlined" onClick={search} disabled={s.busy || code.trim() === ''} data-testid="returns-find">
          {t('returns.scan.find')}
        </Button>
      </Stack>
      <Typography variant="body2" color="text.secondary">
        {t('returns.help')}
      </Typography>
      {s.error ? (
        <Alert severity="error" data-testid="returns-error" onClose={() => useReturnsStore.setState({ error: null })}>
          {describeError(t, s.error)}
        </Alert>
      ) : null}
      {s.notice ? (
        <Alert severity="success" data-testid="returns-notice">
          {t(s.notice.key, s.notice.params)}
        </Alert>
      ) : null}
      <Box sx={{ display: 'flex', gap: 2, flex: 1, minHeight: 0 }}>
        <Paper variant="outlined" sx={{ width: 540, flexShrink: 0, p: 2, display: 'flex', flexDirection: 'column', gap: 1.5 }}>
          <Stack direction="row" spacing={1} sx={{ flexWrap: 'wrap' }} useFlexGap data-testid="returns-filter">
            <Chip label={t('returns.filter.all')} color={s.status === null ? 'primary' : 'default'} onClick={() => void s.setStatus(null)} />
            {returnStatuses.map((st) => (
              <Chip key={st} label={t(statusKey(st))} color={s.status === st ? 'primary' : 'default'} onClick={() => void s.setStatus(st)} data-testid={`returns-filter-${st}`} />
            ))}
            <Box sx={{ flex: 1 }} />
            <Typography variant="body2" color="text.secondary" sx={{ alignSelf: 'center' }} data-testid="returns-count">
              {t('returns.count', { n: s.total })}
            </Typography>
          </Stack>
          <Box sx={{ flex: 1, minHeight: 240, display: 'flex' }}>
            <ReturnsTable rows={s.rows} selected={s.detail?.id ?? null} onSelect={(id) => void s.select(id)} />
          </Box>
        </Paper>
        <Paper variant="outlined" sx={{ flex: 1, minWidth: 0, p: 2, overflow: 'auto' }}>
          {s.detail ? (
            <ReturnPanel
              detail={s.detail}
              counts={s.counts}
              verdict={s.verdict}
              warehouses={s.warehouses}
              suppliers={s.suppliers}
              busy={s.busy}
              onCount={s.setCount}
              onReceive={() => void s.receive()}
              onInspect={(entries) => void s.inspect(entries)}
              onRefund={(amount) => void s.refund(amount)}
              onClose={() => void s.close()}
            />
          ) : s.draft ? (
            <CreateReturnPanel
              key={s.draft.order.orderId}
              order={s.draft.order}
              sourceKind={s.draft.sourceKind}
              sourceCode={s.draft.sourceCode}
              warehouses={s.warehouses}
              busy={s.busy}
              onCreate={(input) => void s.create(input)}
              onOpenReturn={(id) => void s.select(id)}
            />
          ) : s.found?.kind === 'product' ? (
            <ProductCandidates product={s.found.product} orders={s.found.orders} warehouses={s.warehouses} busy={s.busy} onChoose={s.chooseOrder} onCreate={(input) => void s.create(input)} />
          ) : (
            <Box data-testid="returns-idle" sx={{ height: '100%', minHeight: 240, display: 'flex', flexDirection: 'column', alignItems: 'center', justifyContent: 'center', gap: 1.5, border: 3, borderStyle: 'dashed', borderColor: 'divider', borderRadius: 2 }}>
              <Typography sx={{ fontSize: 28, fontWeight: 800 }}>{t('returns.idle.title')}</Typography>
              <Typography sx={{ color: 'text.secondary' }}>{t('returns.idle.body')}</Typography>
            </Box>
          )}
        </Paper>
      </Box>
    </Box>
  );
}
