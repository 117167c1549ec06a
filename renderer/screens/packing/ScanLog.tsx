import { Box, Typography } from '@mui/material';
import { memo } from 'react';
import type { ScanEntry } from '../../db/scan-journal';
import { useT } from '../../i18n';
import { describeEntry } from './verdict-text';

/** The open order's journal, newest first: every scan, accepted or refused, with its time. */
export function ScanLog({ scans }: { scans: readonly ScanEntry[] }) {
  const t = useT();
  const rows = scans.slice(-50).reverse();
  return (
    <Box data-testid="packing-journal" sx={{ overflow: 'auto', minHeight: 0, flex: 1, border: 1, borderColor: 'divider', borderRadius: 1, bgcolor: 'background.paper' }}>
      <Typography sx={{ px: 2, py: 1, fontWeight: 700, borderBottom: 1, borderColor: 'divider' }}>{t('packing.journal', { n: scans.length })}</Typography>
      {rows.map((s) => (
        <LogRow key={s.id} entry={s} />
      ))}
    </Box>
  );
}

const LogRow = memo(function LogRow({ entry: s }: { entry: ScanEntry }) {
  const t = useT();
  const { title, detail } = describeEntry(t, s);
  return (
    <Box data-testid="journal-row" data-verdict={s.verdict} sx={{ display: 'grid', gridTemplateColumns: '80px 1fr', gap: 1, px: 2, py: 0.75, borderBottom: 1, borderColor: 'divider', fontSize: 16 }}>
      <Box sx={{ color: 'text.secondary', fontVariantNumeric: 'tabular-nums' }}>{new Date(s.at).toLocaleTimeString(undefined, { hour12: false })}</Box>
      <Box sx={{ color: s.verdict === 'ok' ? 'success.dark' : 'error.main', overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }} title={`${s.code} · ${detail}`}>
        {s.verdict === 'ok' ? '✓' : '✗'} {title} · {detail}
      </Box>
    </Box>
  );
});
