import { formatNumber } from '../i18n/format-number';
import { useLanguage } from '../i18n/i18n-context';

/** One figure with its name, in the user's digits. */
export function StatTile({ label, value }: { label: string; value: number }) {
  const { language } = useLanguage();
  return (
    <div className="stat">
      <dt>{label}</dt>
      <dd>{formatNumber(value, language)}</dd>
    </div>
  );
}
