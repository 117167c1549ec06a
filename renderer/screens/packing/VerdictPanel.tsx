import { useLayoutEffect } from 'react';
import { ScanVerdictBanner } from '../../components/ScanVerdictBanner';
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

  const { title, detail } = entry ? describeEntry(t, entry) : { title: '', detail: '' };
  return <ScanVerdictBanner testId="packing-verdict" titleTestId="verdict-title" detailTestId="verdict-detail" entry={entry} title={title} detail={detail} emptyText={t('packing.verdict.none')} size="station" />;
}
