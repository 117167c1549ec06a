import { Box, Typography } from '@mui/material';

export interface BannerEntry {
  id?: number | undefined;
  verdict: string;
  reason?: string | null | undefined;
  kind?: string | undefined;
}

interface Props {
  /** Test id of the banner; its title and detail carry `titleTestId` / `detailTestId`. */
  testId: string;
  titleTestId: string;
  detailTestId: string;
  entry: BannerEntry | null;
  title: string;
  detail: string;
  /** Shown in a dashed box before the first scan. */
  emptyText: string;
  /** The packing station is read from further away than a picker's handheld screen. */
  size: 'station' | 'cart';
}

const SIZES = {
  station: { pad: 3, minHeight: 180, title: 48, detail: 26, empty: 24 },
  cart: { pad: 2.5, minHeight: 150, title: 40, detail: 24, empty: 22 },
} as const;

/**
 * A scanning station's last verdict, readable from a metre away: green with what was counted, red with what to do
 * instead. The data attributes let tests (and the bench) wait for exactly this scan's answer.
 */
export function ScanVerdictBanner({ testId, titleTestId, detailTestId, entry, title, detail, emptyText, size }: Props) {
  const s = SIZES[size];
  if (!entry) {
    return (
      <Box data-testid={testId} data-verdict="none" sx={{ p: s.pad, borderRadius: 2, border: 2, borderStyle: 'dashed', borderColor: 'divider', minHeight: s.minHeight, display: 'flex', alignItems: 'center', justifyContent: 'center' }}>
        <Typography sx={{ fontSize: s.empty, color: 'text.secondary', textAlign: 'center' }}>{emptyText}</Typography>
      </Box>
    );
  }
  const ok = entry.verdict === 'ok';
  return (
    <Box
      data-testid={testId}
      data-verdict={entry.verdict}
      data-reason={entry.reason ?? ''}
      data-kind={entry.kind}
      data-entry={entry.id}
      role="status"
      aria-live="assertive"
      sx={{ p: s.pad, borderRadius: 2, minHeight: s.minHeight, color: '#fff', bgcolor: ok ? '#1b7f2a' : '#c62828', display: 'flex', flexDirection: 'column', justifyContent: 'center', gap: 1 }}
    >
      <Typography data-testid={titleTestId} sx={{ fontSize: s.title, fontWeight: 800, lineHeight: 1.1, wordBreak: 'break-word' }}>
        {ok ? '✓ ' : '✗ '}
        {title}
      </Typography>
      <Typography data-testid={detailTestId} sx={{ fontSize: s.detail, fontWeight: 600, wordBreak: 'break-word' }}>
        {detail}
      </Typography>
    </Box>
  );
}
