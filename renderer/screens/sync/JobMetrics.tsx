import { Table, TableBody, TableCell, TableHead, TableRow, Tooltip, Typography } from '@mui/material';
import type { CallMetrics } from '../../../shared/domain/sync-health';
import { useT, type MessageKey } from '../../i18n';
import { jobLabel } from './labels';

const SPAPI_KINDS = new Set(['throttled', 'auth', 'invalid-input', 'not-found', 'server', 'network', 'invalid-response']);

/** Calls, throttling, p95 latency and errors per store and job over the chosen window. */
export function JobMetrics({ metrics, storeNames }: { metrics: CallMetrics[]; storeNames: Map<number, string> }) {
  const t = useT();
  if (metrics.length === 0) return <Typography data-testid="metrics-none">{t('sync.metrics.none')}</Typography>;
  const kindLabel = (k: string) => (SPAPI_KINDS.has(k) ? t(`spapiError.${k}` as MessageKey) : t('errors.internal'));
  return (
    <Table size="small" data-testid="job-metrics">
      <TableHead>
        <TableRow>
          <TableCell>{t('sync.col.store')}</TableCell>
          <TableCell>{t('sync.col.job')}</TableCell>
          <TableCell align="right">{t('sync.metrics.col.calls')}</TableCell>
          <TableCell align="right">{t('sync.metrics.col.throttled')}</TableCell>
          <TableCell align="right">{t('sync.metrics.col.p95')}</TableCell>
          <TableCell align="right">{t('sync.metrics.col.errors')}</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {metrics.map((m) => (
          <TableRow key={`${m.storeId ?? '-'}:${m.job}`} data-testid={`metrics-${m.storeId ?? 'none'}-${m.job}`}>
            <TableCell>{m.storeId === null ? '—' : (storeNames.get(m.storeId) ?? m.storeId)}</TableCell>
            <TableCell>
              <Tooltip title={m.operations.join(', ')}>
                <span>{jobLabel(t, m.job)}</span>
              </Tooltip>
            </TableCell>
            <TableCell align="right">{m.calls}</TableCell>
            <TableCell align="right" sx={{ color: m.throttledPct > 5 ? 'warning.main' : undefined }}>
              {t('sync.metrics.pct', { pct: m.throttledPct, n: m.throttled })}
            </TableCell>
            <TableCell align="right">{m.p95LatencyMs === null ? '—' : t('sync.metrics.ms', { n: m.p95LatencyMs })}</TableCell>
            <TableCell align="right" sx={{ color: m.errors > 0 ? 'error.main' : undefined }}>
              {m.errors === 0 ? (
                0
              ) : (
                // Which kinds, in words, on hover: the count alone does not say whether to wait or to act.
                <Tooltip title={Object.entries(m.errorsByKind).map(([k, n]) => `${kindLabel(k)} × ${n}`).join('\n')}>
                  <span>{m.errors}</span>
                </Tooltip>
              )}
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
