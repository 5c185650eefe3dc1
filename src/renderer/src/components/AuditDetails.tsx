import { auditDetailItems } from '../i18n/audit-details';
import { useLanguage, useT } from '../i18n/i18n-context';

/** An audit event's details as labelled values: words, local dates and sizes, short digests (whole in their title). */
export function AuditDetails({ details }: { details: Record<string, unknown> }) {
  const t = useT();
  const { language } = useLanguage();
  const items = auditDetailItems(t, language, details);
  if (items.length === 0) return <>—</>;
  return (
    <dl className="audit-details">
      {items.map((item) => (
        <div key={item.key} data-key={item.key}>
          <dt>{item.label}</dt>
          <dd className={item.code ? 'code' : undefined} title={item.title}>
            {item.value}
          </dd>
        </div>
      ))}
    </dl>
  );
}
