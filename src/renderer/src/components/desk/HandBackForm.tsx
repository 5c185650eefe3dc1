import { useId, useState } from 'react';
import { HAND_BACK_METHODS, type HandBackMethod, type ReceiverKind } from '../../../../shared/result-contract';
import { useEngine } from '../../engine/engine-context';
import { formatDayMonthYear } from '../../../../shared/dates';
import { useDateText } from '../../hooks/use-date-text';
import { useEngineAction } from '../../hooks/use-engine-action';
import { useEngineQuery } from '../../hooks/use-engine-query';
import { formatDateTime } from '../../i18n/format-date';
import { useLanguage, useT } from '../../i18n/i18n-context';
import type { MessageKey } from '../../i18n/vi';
import { Notice } from '../Notice';
import { ErrorNotice } from './ErrorNotice';

/** `YYYY-MM-DDTHH:mm` in local time, as a datetime-local input holds it. */
const localInputValue = (d: Date) => new Date(d.getTime() - d.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);

/**
 * The hand-back: who received the result (the applicant, or a person with an authorisation), how and
 * when. Whether it is on time is the engine's answer for that moment; a late one asks for its reason.
 */
export function HandBackForm({ dossierId, applicantName, returned }: { dossierId: number; applicantName: string; returned: boolean }) {
  const t = useT();
  const { language } = useLanguage();
  const api = useEngine();
  const id = useId();
  const [receiverName, setReceiverName] = useState(applicantName);
  const [receiverKind, setReceiverKind] = useState<ReceiverKind>('applicant');
  const [authorizationRef, setAuthorizationRef] = useState('');
  const [method, setMethod] = useState<HandBackMethod>('desk');
  // The moment, day first and in 24-hour time whatever the browser's locale (a datetime-local field is not).
  const [day, setDay] = useState(() => localInputValue(new Date()).slice(0, 10));
  const dayText = useDateText(day, setDay);
  const [time, setTime] = useState(() => localInputValue(new Date()).slice(11, 16));
  const at = /^\d{4}-\d{2}-\d{2}$/.test(day) && /^([01]\d|2[0-3]):[0-5]\d$/.test(time.trim()) ? `${day}T${time.trim()}` : '';
  const [lateReason, setLateReason] = useState('');
  const [newDate, setNewDate] = useState('');
  const newDateText = useDateText(newDate, setNewDate);
  const action = useEngineAction();
  const returnedAt = at ? new Date(at).toISOString() : undefined;
  const status = useEngineQuery(() => api['result.status']({ dossierId }), [api, dossierId, returned]);
  const timeliness = useEngineQuery(() => api['result.timeliness']({ dossierId, returnedAt }), [api, dossierId, returnedAt]);
  const late = timeliness.data?.onTime === false;

  const done = status.data?.handBack;
  if (done) {
    return (
      <Notice tone={done.onTime === false ? 'info' : 'success'}>
        {t(done.onTime === false ? 'handBack.doneLate' : 'handBack.done', {
          name: done.receiverName,
          at: formatDateTime(done.returnedAt, language),
          days: done.workingDaysLate,
        })}
      </Notice>
    );
  }
  return (
    <form
      className="hand-back-form"
      aria-labelledby={`${id}-title`}
      onSubmit={(e) => {
        e.preventDefault();
        void action.run(async () => {
          await api['result.handBack']({
            dossierId,
            returnedAt,
            receiverName,
            receiverKind,
            authorizationRef: authorizationRef || undefined,
            method,
            lateReason: lateReason || undefined,
            newDate: newDate || undefined,
          });
          status.reload();
        });
      }}
    >
      <h3 id={`${id}-title`}>{t('handBack.title')}</h3>
      <label htmlFor={`${id}-name`}>{t('handBack.receiver')}</label>
      <input id={`${id}-name`} value={receiverName} onChange={(e) => setReceiverName(e.target.value)} />
      <fieldset>
        <legend>{t('handBack.receiverKind')}</legend>
        {(['applicant', 'authorized'] as const).map((k) => (
          <label key={k} className="inline-check">
            <input type="radio" name={`${id}-kind`} checked={receiverKind === k} onChange={() => setReceiverKind(k)} />{' '}
            {t(`handBack.kind.${k}` as MessageKey)}
          </label>
        ))}
      </fieldset>
      {receiverKind === 'authorized' && (
        <>
          <label htmlFor={`${id}-auth`}>{t('handBack.authorization')}</label>
          <input id={`${id}-auth`} value={authorizationRef} onChange={(e) => setAuthorizationRef(e.target.value)} />
        </>
      )}
      <label htmlFor={`${id}-method`}>{t('handBack.method')}</label>
      <select id={`${id}-method`} value={method} onChange={(e) => setMethod(e.target.value as HandBackMethod)}>
        {HAND_BACK_METHODS.map((m) => (
          <option key={m} value={m}>
            {t(`handBack.method.${m}` as MessageKey)}
          </option>
        ))}
      </select>
      <label htmlFor={`${id}-at`}>{t('handBack.at')}</label>
      <span className="date-time">
        <input
          id={`${id}-at`}
          type={dayText.type}
          inputMode={dayText.inputMode}
          placeholder={dayText.placeholder}
          value={dayText.value}
          onChange={(e) => dayText.onChange(e.target.value)}
        />
        <input
          aria-label={t('handBack.atTime')}
          type="text"
          inputMode="numeric"
          placeholder="hh:mm"
          size={5}
          value={time}
          onChange={(e) => setTime(e.target.value)}
        />
      </span>
      {timeliness.data && (
        <p className={late ? 'timeliness timeliness--late' : 'timeliness'} role="status">
          {timeliness.data.onTime === null
            ? t('handBack.noDueDate')
            : late
              ? t('handBack.late', { due: formatDayMonthYear(timeliness.data.dueDate ?? ''), days: timeliness.data.workingDaysLate })
              : t('handBack.onTime', { due: formatDayMonthYear(timeliness.data.deadline ?? '') })}
        </p>
      )}
      {late && (
        <>
          <label htmlFor={`${id}-reason`}>{t('handBack.lateReason')}</label>
          <textarea id={`${id}-reason`} rows={2} value={lateReason} onChange={(e) => setLateReason(e.target.value)} />
          <label htmlFor={`${id}-newDate`}>{t('handBack.newDate')}</label>
          <input
            id={`${id}-newDate`}
            type={newDateText.type}
            inputMode={newDateText.inputMode}
            placeholder={newDateText.placeholder}
            value={newDateText.value}
            onChange={(e) => newDateText.onChange(e.target.value)}
          />
        </>
      )}
      <button type="submit" className="primary" disabled={action.busy || receiverName.trim() === '' || at === ''}>
        {t('handBack.submit')}
      </button>
      <ErrorNotice error={action.error} />
    </form>
  );
}
