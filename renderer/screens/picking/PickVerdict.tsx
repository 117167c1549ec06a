import { Box, Typography } from '@mui/material';
import type { PickEntry } from '../../db/pick-journal';
import { useT } from '../../i18n';
import { describePickEntry } from './pick-verdict-text';

/** The last verdict, big: green with where the units go, or red with what to do instead. */
export function PickVerdict({ entry }: { entry: PickEntry | null }) {
  const t = useT();
  if (!entry) {
    return (
      <Box data-testid="pick-verdict" data-verdict="none" sx={{ p: 2.5, borderRadius: 2, border: 2, borderStyle: 'dashed', borderColor: 'divider', minHeight: 150, display: 'flex', alignItems: 'center', justifyContent: 'center' }}>
        <Typography sx={{ fontSize: 22, color: 'text.secondary', textAlign: 'center' }}>{t('picking.scan.verdict.none')}</Typography>
      </Box>
    );
  }
  const { title, detail } = describePickEntry(t, entry);
  const ok = entry.verdict === 'ok';
  return (
    <Box
      data-testid="pick-verdict"
      data-verdict={entry.verdict}
      data-reason={entry.reason ?? ''}
      data-kind={entry.kind}
      data-entry={entry.id}
      role="status"
      aria-live="assertive"
      sx={{ p: 2.5, borderRadius: 2, minHeight: 150, color: '#fff', bgcolor: ok ? '#1b7f2a' : '#c62828', display: 'flex', flexDirection: 'column', justifyContent: 'center', gap: 1 }}
    >
      <Typography data-testid="pick-verdict-title" sx={{ fontSize: 40, fontWeight: 800, lineHeight: 1.1, wordBreak: 'break-word' }}>
        {ok ? '✓ ' : '✗ '}
        {title}
      </Typography>
      <Typography data-testid="pick-verdict-detail" sx={{ fontSize: 24, fontWeight: 600, wordBreak: 'break-word' }}>
        {detail}
      </Typography>
    </Box>
  );
}
