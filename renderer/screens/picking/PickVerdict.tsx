import { ScanVerdictBanner } from '../../components/ScanVerdictBanner';
import type { PickEntry } from '../../db/pick-journal';
import { useT } from '../../i18n';
import { describePickEntry } from './pick-verdict-text';

/** The last verdict, big: green with where the units go, or red with what to do instead. */
export function PickVerdict({ entry }: { entry: PickEntry | null }) {
  const t = useT();
  const { title, detail } = entry ? describePickEntry(t, entry) : { title: '', detail: '' };
  return <ScanVerdictBanner testId="pick-verdict" titleTestId="pick-verdict-title" detailTestId="pick-verdict-detail" entry={entry} title={title} detail={detail} emptyText={t('picking.scan.verdict.none')} size="cart" />;
}
