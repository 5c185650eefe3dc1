import { useId, useState } from 'react';
import { RESULT_KINDS, type ResultKind } from '../../../../shared/result-contract';
import type { DocumentSummary } from '../../../../shared/types';
import { useEngine } from '../../engine/engine-context';
import { useDateText } from '../../hooks/use-date-text';
import { useCallThenReload } from '../../hooks/use-call-then-reload';
import { useT } from '../../i18n/i18n-context';
import { fileBase64 } from '../../engine/file-base64';
import { FileChooser } from '../FileChooser';
import { Notice } from '../Notice';
import { ErrorNotice } from './ErrorNotice';
import { HandBackForm } from './HandBackForm';
import { HandBackPrerequisite } from './HandBackPrerequisite';
import { resultKindKey } from './result-kind-key';
import { ResultRow } from './ResultRow';

/**
 * Trả kết quả: the result added to a received dossier (its pages captured like any other, or a PDF
 * imported from the specialised system), signed as the agency's electronic copy, then handed back.
 */
export function ResultPanel({
  dossierId,
  applicantName,
  results,
  returned,
  onCreated,
}: {
  dossierId: number;
  applicantName: string;
  results: DocumentSummary[];
  returned: boolean;
  onCreated(documentId: number): void;
}) {
  const t = useT();
  const api = useEngine();
  const id = useId();
  const [kind, setKind] = useState<ResultKind>('quyet-dinh');
  const [number, setNumber] = useState('');
  const [date, setDate] = useState('');
  const dateText = useDateText(date, setDate);
  const [pdf, setPdf] = useState<File | null>(null);
  const [unstamped, setUnstamped] = useState(false);
  // Finished: signed by SoHoa, or signed elsewhere and given SoHoa’s document timestamp.
  const finishedCount = results.filter((d) => d.record?.signed || d.record?.sohoaTimestamp).length;

  const create = useCallThenReload(
    async () => {
      const made = await api['result.create']({ dossierId, kind, number: number || undefined, date: date || undefined });
      if (pdf) await api['result.importPdf']({ documentId: made.id, name: pdf.name, dataBase64: await fileBase64(pdf) });
      return made;
    },
    (made) => {
      setNumber('');
      setDate('');
      setPdf(null);
      onCreated(made.id);
    },
  );
  const sign = useCallThenReload(
    (documentId: number) => api['result.sign']({ documentId }),
    (signed) => setUnstamped(signed.timestamp === 'unreachable'),
  );
  const busy = create.busy || sign.busy;

  return (
    <section className="card result-panel" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('result.title')}</h2>
      {results.map((doc) => (
        <ResultRow
          key={doc.id}
          doc={doc}
          onStamped={() => setUnstamped(false)}
          signAction={
            !returned &&
            doc.record &&
            !doc.record.signed && (
              <button type="button" className="small" disabled={busy} onClick={() => sign.trigger(doc.id)}>
                {t('result.sign')}
              </button>
            )
          }
        />
      ))}
      {!returned && (
        <form
          className="result-form"
          onSubmit={(e) => {
            e.preventDefault();
            create.trigger();
          }}
        >
          <label htmlFor={`${id}-kind`}>{t('result.kind')}</label>
          <select id={`${id}-kind`} value={kind} onChange={(e) => setKind(e.target.value as ResultKind)}>
            {RESULT_KINDS.map((k) => (
              <option key={k} value={k}>
                {t(resultKindKey(k))}
              </option>
            ))}
          </select>
          <label htmlFor={`${id}-number`}>{t('result.number')}</label>
          <input id={`${id}-number`} value={number} onChange={(e) => setNumber(e.target.value)} />
          <label htmlFor={`${id}-date`}>{t('result.date')}</label>
          <input
            id={`${id}-date`}
            type={dateText.type}
            inputMode={dateText.inputMode}
            placeholder={dateText.placeholder}
            value={dateText.value}
            onChange={(e) => dateText.onChange(e.target.value)}
          />
          <label htmlFor={`${id}-pdf`}>{t('result.pdf')}</label>
          <div>
            <FileChooser id={`${id}-pdf`} accept=".pdf,application/pdf" chosen={pdf?.name ?? null} onFile={setPdf} />
            <span className="field-hint">{t('result.pdfHint')}</span>
          </div>
          <button type="submit" className="small" disabled={busy}>
            {t('result.add')}
          </button>
        </form>
      )}
      <ErrorNotice error={create.error} />
      <ErrorNotice error={sign.error} />
      {unstamped && <Notice tone="info">{t('result.timestampUnreachable')}</Notice>}
      {!returned && finishedCount === 0 && <HandBackPrerequisite results={results} />}
      {(finishedCount > 0 || returned) && <HandBackForm dossierId={dossierId} applicantName={applicantName} returned={returned} />}
    </section>
  );
}
