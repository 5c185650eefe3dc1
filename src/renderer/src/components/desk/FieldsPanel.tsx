import { useId, useState } from 'react';
import { formatDayMonthYear } from '../../../../shared/dates';
import type { DeskField, DeskFieldName } from '../../../../shared/types';
import { useEngine, useEngineEvent } from '../../engine/engine-context';
import { fieldIssues } from '../../engine/engine-errors';
import { useEngineAction } from '../../hooks/use-engine-action';
import { useEngineQuery } from '../../hooks/use-engine-query';
import { problemMessage } from '../../i18n/error-messages';
import { useT } from '../../i18n/i18n-context';
import type { MessageKey } from '../../i18n/vi';
import { ErrorNotice } from './ErrorNotice';

const LABELS: Record<DeskFieldName, MessageKey> = {
  cccd: 'fields.name.cccd',
  name: 'fields.name.name',
  docNumber: 'fields.name.docNumber',
  docDate: 'fields.name.docDate',
  phone: 'fields.name.phone',
  address: 'fields.name.address',
};

/** The fields read from the selected document: each shows where it was read, and is corrected in place (not once the dossier is finalized). */
export function FieldsPanel({
  documentId,
  dossierId,
  readOnly,
  onShow,
}: {
  documentId: number | null;
  dossierId: number;
  readOnly: boolean;
  onShow(field: DeskField): void;
}) {
  const t = useT();
  const api = useEngine();
  const titleId = useId();
  const fields = useEngineQuery(
    () => (documentId === null ? Promise.resolve([]) : api['document.fields']({ documentId })),
    [api, documentId],
  );
  useEngineEvent('dossier.changed', ({ id }) => {
    if (id === dossierId) fields.reload();
  });
  const found = (fields.data ?? []).some((f) => f.ocrValue !== null || f.corrected);
  return (
    <section className="card fields-panel" aria-labelledby={titleId}>
      <h2 id={titleId}>{t('fields.title')}</h2>
      {!found && <p className="empty">{t('fields.none')}</p>}
      {found && documentId !== null && (
        <dl className="fields">
          {fields.data!.map((f) => (
            <FieldRow key={f.name} field={f} documentId={documentId} readOnly={readOnly} onShow={() => onShow(f)} />
          ))}
        </dl>
      )}
      <ErrorNotice error={fields.error} />
    </section>
  );
}

function FieldRow({ field, documentId, readOnly, onShow }: { field: DeskField; documentId: number; readOnly: boolean; onShow(): void }) {
  const t = useT();
  const api = useEngine();
  const inputId = useId();
  const [editing, setEditing] = useState(false);
  const [value, setValue] = useState('');
  const action = useEngineAction();
  const label = t(LABELS[field.name]);
  // Dates travel as ISO and are shown, and typed, day first.
  const shown = (v: string | null) => (v !== null && field.name === 'docDate' ? formatDayMonthYear(v) : v);
  const issue = fieldIssues(action.error)[0];
  const save = async () => {
    const r = await action.run(() => api['document.setField']({ documentId, name: field.name, value }));
    if (r) setEditing(false);
  };
  return (
    <div
      className={`field-row${field.confidence !== null && field.confidence < 0.6 && !field.corrected ? ' field-row--doubtful' : ''}`}
      data-field={field.name}
    >
      <dt>{editing ? <label htmlFor={inputId}>{label}</label> : label}</dt>
      <dd>
        {editing && !readOnly ? (
          <form
            className="field-edit"
            onSubmit={(e) => {
              e.preventDefault();
              void save();
            }}
          >
            <input
              id={inputId}
              value={value}
              onChange={(e) => setValue(e.target.value)}
              aria-invalid={issue ? true : undefined}
              aria-describedby={issue ? `${inputId}-problem` : undefined}
              autoFocus
            />
            <button type="submit" className="small" disabled={action.busy}>
              {t('fields.save')}
            </button>
            <button type="button" className="small" onClick={() => setEditing(false)}>
              {t('fields.cancel')}
            </button>
            {issue && (
              <p id={`${inputId}-problem`} className="field-problem" role="alert">
                {problemMessage(t, issue.problem)}
              </p>
            )}
            {!issue && <ErrorNotice error={action.error} />}
          </form>
        ) : (
          <>
            <button
              type="button"
              className="field-value"
              onClick={onShow}
              disabled={field.bbox === null || field.pageId === null}
              aria-label={t('fields.show', { field: label })}
            >
              <span className="value">{shown(field.value) ?? t('fields.notFound')}</span>
            </button>
            {field.corrected ? (
              <span className="field-note">{t('fields.corrected', { ocr: shown(field.ocrValue) ?? '—' })}</span>
            ) : (
              field.confidence !== null && (
                <span className="field-note">{t('fields.confidence', { value: Math.round(field.confidence * 100) })}</span>
              )
            )}
            {!readOnly && (
              <button
                type="button"
                className="small"
                onClick={() => {
                  setValue(shown(field.value) ?? '');
                  action.clearError();
                  setEditing(true);
                }}
                aria-label={`${t('fields.edit')} ${label}`}
              >
                {t('fields.edit')}
              </button>
            )}
          </>
        )}
      </dd>
    </div>
  );
}
