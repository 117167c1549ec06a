import { Alert, Box, Button, Chip, Stack, Typography } from '@mui/material';
import { useEffect, useState } from 'react';
import { blockingReasons, exceptionReasonCodes, type ExceptionReason } from '../../../shared/domain/fulfillment';
import type { OpenExceptionRow } from '../../../shared/ipc/channels/fulfillment';
import { formatDateTime, useLocaleStore, useT } from '../../i18n';
import { describeError } from '../../i18n/describe-error';
import { useExceptionsStore } from '../../stores/exceptions.store';
import { deadlineText, URGENCY_COLOR } from '../orders/countdown';
import { exceptionLabel } from '../orders/labels';
import { useNow } from '../orders/useNow';
import { VirtualTable, type Column } from '../../components/VirtualTable';
import { reasonText } from './reason-text';
import { ResolveDialog } from './ResolveDialog';

/** 异常订单: the orders the audit stopped, one line per open reason, and what a person can do about each. */
export function ExceptionsScreen() {
  const t = useT();
  const locale = useLocaleStore((s) => s.locale);
  const now = useNow();
  const { reason, rows, total, counts, error, refusal, setReason, load, more, resolve } = useExceptionsStore();
  const [dialog, setDialog] = useState<{ row: OpenExceptionRow; action: 'override' | 'cancel' } | null>(null);

  useEffect(() => {
    void load();
  }, [load]);

  const all = exceptionReasonCodes.reduce((n, c) => n + (counts[c] ?? 0), 0);
  const chip = (code: ExceptionReason | null, label: string, count: number) => (
    <Chip
      key={code ?? 'all'}
      label={`${label} ${count}`}
      color={reason === code ? 'primary' : 'default'}
      variant={reason === code ? 'filled' : 'outlined'}
      onClick={() => void setReason(code)}
      data-testid={`exceptions-chip-${code ?? 'all'}`}
      data-count={count}
    />
  );

  const columns: Column<OpenExceptionRow>[] = [
    { key: 'order', width: 170, header: t('exceptions.col.order'), render: (r) => r.orderId, testId: 'exception-order' },
    {
      key: 'reason',
      width: 130,
      header: t('exceptions.col.reason'),
      render: (r) => <Chip size="small" color={blockingReasons.includes(r.reasonCode) ? 'error' : 'warning'} label={exceptionLabel(t, r.reasonCode)} />,
    },
    {
      key: 'message',
      width: 300,
      grow: true,
      header: t('exceptions.col.message'),
      render: (r) => reasonText(t, locale, r.reasonCode, r.params),
      title: (r) => reasonText(t, locale, r.reasonCode, r.params),
      testId: 'exception-message',
    },
    { key: 'raised', width: 150, header: t('exceptions.col.raised'), render: (r) => formatDateTime(locale, r.raisedAt) },
    {
      key: 'shipBy',
      width: 140,
      header: t('exceptions.col.shipBy'),
      render: (r) => {
        if (!r.shipByLatest) return '—';
        const d = deadlineText(t, r.shipByLatest, now);
        return (
          <Box component="span" sx={{ color: URGENCY_COLOR[d.urgency], fontWeight: d.urgency === 'ok' ? 400 : 600 }} data-urgency={d.urgency}>
            {d.text}
          </Box>
        );
      },
    },
    {
      key: 'actions',
      width: 300,
      header: t('exceptions.col.actions'),
      render: (r) => (
        <Stack direction="row" spacing={0.5}>
          <Button size="small" onClick={() => void resolve(r.id, 'recheck')} data-testid="exception-recheck">
            {t('exceptions.action.recheck')}
          </Button>
          <Button size="small" onClick={() => setDialog({ row: r, action: 'override' })} data-testid="exception-override">
            {t('exceptions.action.override')}
          </Button>
          <Button size="small" color="error" onClick={() => setDialog({ row: r, action: 'cancel' })} data-testid="exception-cancel">
            {t('exceptions.action.cancel')}
          </Button>
        </Stack>
      ),
    },
  ];

  const refusedRow = refusal ? rows.find((r) => r.id === refusal.exceptionId) : undefined;

  return (
    <Box sx={{ p: 3, display: 'flex', flexDirection: 'column', height: '100%', minHeight: 0, gap: 2 }}>
      <Typography variant="h5" component="h1">
        {t('nav.exceptions')}
      </Typography>
      <Typography variant="body2" color="text.secondary">
        {t('exceptions.help')}
      </Typography>
      <Stack direction="row" sx={{ flexWrap: 'wrap', gap: 1 }} data-testid="exceptions-chips">
        {chip(null, t('exceptions.all'), all)}
        {exceptionReasonCodes.filter((c) => (counts[c] ?? 0) > 0 || reason === c).map((c) => chip(c, exceptionLabel(t, c), counts[c] ?? 0))}
      </Stack>
      {error ? <Alert severity="error">{describeError(t, error)}</Alert> : null}
      {refusal ? (
        <Alert severity="error" data-testid="exceptions-refusal">
          {t('exceptions.refusal', { orderId: refusedRow?.orderId ?? '—', message: describeError(t, refusal.error) })}
        </Alert>
      ) : null}
      <Box sx={{ flex: 1, minHeight: 240, display: 'flex' }}>
        <VirtualTable
          rows={rows}
          columns={columns}
          rowKey={(r) => r.id}
          rowTestId={(r) => `exception-row-${r.orderId}`}
          empty={<Typography data-testid="exceptions-empty">{t('exceptions.empty')}</Typography>}
          hasMore={rows.length < total}
          onNearEnd={() => void more()}
          testId="exceptions-table"
        />
      </Box>
      {dialog ? (
        <ResolveDialog
          action={dialog.action}
          orderId={dialog.row.orderId}
          onClose={() => setDialog(null)}
          onConfirm={async (note) => {
            await resolve(dialog.row.id, dialog.action, note);
            setDialog(null);
          }}
        />
      ) : null}
    </Box>
  );
}
