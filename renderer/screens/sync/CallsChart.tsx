import { Box, Stack, Typography, useTheme } from '@mui/material';
import type { HourBucket } from '../../../shared/domain/sync-health';
import { useLocaleStore, useT } from '../../i18n';

// Wide and low: at the screen's usual width this draws about 170 px tall, a glance rather than a dashboard.
const W = 1100;
const H = 170;
const PAD = { left: 40, right: 8, top: 10, bottom: 24 };

/** A round number at or above the highest bar, so the one axis label reads naturally (50, 200, 1000…). */
function niceMax(n: number): number {
  if (n <= 5) return 5;
  const p = 10 ** Math.floor(Math.log10(n));
  const m = [1, 2, 5, 10].find((f) => f * p >= n) ?? 10;
  return m * p;
}

function Swatch({ color, label }: { color: string; label: string }) {
  return (
    <Stack direction="row" spacing={0.75} sx={{ alignItems: 'center' }}>
      <Box sx={{ width: 12, height: 12, borderRadius: 0.5, bgcolor: color }} />
      <Typography variant="body2">{label}</Typography>
    </Stack>
  );
}

/**
 * Calls and errors per clock hour as paired bars, in plain SVG: a chart library would weigh more than this screen.
 * The SVG carries a summary for screen readers; each hour has a <title> that doubles as the hover tooltip.
 */
export function CallsChart({ series, hours }: { series: HourBucket[]; hours: number }) {
  const t = useT();
  const locale = useLocaleStore((s) => s.locale);
  const theme = useTheme();
  const callsColor = theme.palette.primary.main;
  const errorsColor = theme.palette.error.main;
  const totals = series.reduce((a, b) => ({ calls: a.calls + b.calls, errors: a.errors + b.errors }), { calls: 0, errors: 0 });
  const max = niceMax(Math.max(0, ...series.map((b) => b.calls)));
  const plotW = W - PAD.left - PAD.right;
  const plotH = H - PAD.top - PAD.bottom;
  const slot = plotW / Math.max(1, series.length);
  const barW = Math.max(1, slot * 0.38);
  const y = (v: number) => PAD.top + plotH - (v / max) * plotH;
  const hourFmt = new Intl.DateTimeFormat(locale, { hour: '2-digit', minute: '2-digit', hour12: false });
  const longFmt = new Intl.DateTimeFormat(locale, { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', hour12: false });
  // Enough labels to find an hour, few enough not to collide: about eight across the axis.
  const labelEvery = Math.max(1, Math.ceil(series.length / 8));
  const summary = t('sync.chart.summary', { hours, calls: totals.calls, errors: totals.errors });

  return (
    <Box data-testid="calls-chart">
      <Stack direction="row" spacing={2} sx={{ alignItems: 'center', mb: 1, flexWrap: 'wrap' }}>
        <Typography variant="subtitle1" component="h3" sx={{ flex: 1 }}>
          {t('sync.chart.title')}
        </Typography>
        <Swatch color={callsColor} label={t('sync.chart.calls')} />
        <Swatch color={errorsColor} label={t('sync.chart.errors')} />
      </Stack>
      <Box component="svg" viewBox={`0 0 ${W} ${H}`} role="img" aria-label={summary} sx={{ width: '100%', height: 'auto', display: 'block' }}>
        <title>{summary}</title>
        {[0, max / 2, max].map((v) => (
          <g key={v}>
            <line x1={PAD.left} x2={W - PAD.right} y1={y(v)} y2={y(v)} stroke={theme.palette.divider} strokeWidth={1} />
            <text x={PAD.left - 6} y={y(v) + 4} textAnchor="end" fontSize={11} fill={theme.palette.text.secondary}>
              {v}
            </text>
          </g>
        ))}
        {series.map((b, i) => {
          const x = PAD.left + i * slot + (slot - 2 * barW) / 2;
          const label = t('sync.chart.bar', { time: longFmt.format(new Date(b.start)), calls: b.calls, errors: b.errors });
          return (
            <g key={b.start} data-testid="chart-hour" data-calls={b.calls} data-errors={b.errors}>
              <title>{label}</title>
              {/* A transparent full-height target, so an empty hour still shows its tooltip. */}
              <rect x={PAD.left + i * slot} y={PAD.top} width={slot} height={plotH} fill="transparent" />
              <rect x={x} y={y(b.calls)} width={barW} height={Math.max(0, y(0) - y(b.calls))} fill={callsColor} />
              <rect x={x + barW} y={y(b.errors)} width={barW} height={Math.max(0, y(0) - y(b.errors))} fill={errorsColor} />
              {i % labelEvery === 0 ? (
                <text x={PAD.left + i * slot + slot / 2} y={H - 6} textAnchor="middle" fontSize={11} fill={theme.palette.text.secondary}>
                  {hourFmt.format(new Date(b.start))}
                </text>
              ) : null}
            </g>
          );
        })}
      </Box>
    </Box>
  );
}
