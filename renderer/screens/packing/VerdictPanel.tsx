import { Box, Typography } from '@mui/material';
import { useLayoutEffect } from 'react';
import type { ScanEntry } from '../../db/scan-journal';
import { useT } from '../../i18n';
import { describeEntry } from './verdict-text';

/** The last verdict, as big as the screen allows: green with the SKU counted, or red with the reason in words. */
export function VerdictPanel({ entry, startedAt }: { entry: ScanEntry | null; startedAt: number | null }) {
  const t = useT();
  // Measured after React has committed the verdict to the page (the bench reads these marks).
  useLayoutEffect(() => {
    if (!entry || startedAt === null) return;
    try {
      performance.measure('packing-scan-to-verdict', { start: startedAt, end: performance.now() });
    } catch {
      // Old engines without measure options: the figure is only for benchmarks.
    }
  }, [entry, startedAt]);

  if (!entry) {
    return (
      <Box data-testid="packing-verdict" data-verdict="none" sx={{ p: 3, borderRadius: 2, border: 2, borderStyle: 'dashed', borderColor: 'divider', minHeight: 180, display: 'flex', alignItems: 'center', justifyContent: 'center' }}>
        <Typography sx={{ fontSize: 24, color: 'text.secondary' }}>{t('packing.verdict.none')}</Typography>
      </Box>
    );
  }
  const { title, detail } = describeEntry(t, entry);
  const ok = entry.verdict === 'ok';
  return (
    <Box
      data-testid="packing-verdict"
      data-verdict={entry.verdict}
      data-reason={entry.reason ?? ''}
      data-kind={entry.kind}
      data-entry={entry.id}
      role="status"
      aria-live="assertive"
      sx={{ p: 3, borderRadius: 2, minHeight: 180, color: '#fff', bgcolor: ok ? '#1b7f2a' : '#c62828', display: 'flex', flexDirection: 'column', justifyContent: 'center', gap: 1 }}
    >
      <Typography data-testid="verdict-title" sx={{ fontSize: 48, fontWeight: 800, lineHeight: 1.1 }}>
        {ok ? '✓ ' : '✗ '}
        {title}
      </Typography>
      <Typography data-testid="verdict-detail" sx={{ fontSize: 26, fontWeight: 600, wordBreak: 'break-word' }}>
        {detail}
      </Typography>
    </Box>
  );
}
