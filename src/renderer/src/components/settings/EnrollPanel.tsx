import { useState } from 'react';
import { useEngine } from '../../engine/engine-context';
import { errorCode } from '../../engine/engine-errors';
import { useEngineAction } from '../../hooks/use-engine-action';
import { useEngineQuery } from '../../hooks/use-engine-query';
import { errorMessage } from '../../i18n/error-messages';
import { useT } from '../../i18n/i18n-context';
import { Notice } from '../Notice';
import { TextField } from '../TextField';

/** The Sync section's enrollment: the hub's address and the one-time code its administrator issued give this workstation its credential. */
export function EnrollPanel({ hubUrl }: { hubUrl: string }) {
  const t = useT();
  const api = useEngine();
  const status = useEngineQuery(() => api['sync.status']({}), [api]);
  const action = useEngineAction();
  const [address, setAddress] = useState(hubUrl);
  const [code, setCode] = useState('');
  const addressOk = /^https?:\/\/[^\s/]+/.test(address.trim());
  const enroll = async () => {
    const result = await action.run(() => api['sync.enroll']({ hubUrl: address.trim(), code: code.trim() }));
    if (result) {
      setCode('');
      status.reload();
    }
  };
  return (
    <div className="enroll-panel">
      <h3>{t('settings.enroll.title')}</h3>
      <p role="status">
        {status.data?.configured ? t('settings.enroll.enrolled', { hub: status.data.hubUrl ?? '' }) : t('settings.enroll.notEnrolled')}
      </p>
      <TextField
        label={t('settings.enroll.hubUrl')}
        value={address}
        onChange={setAddress}
        problem={address.trim() && !addressOk ? t('problem.setting.url') : null}
        name="enroll-hub-url"
      />
      <TextField
        label={t('settings.enroll.code')}
        hint={t('settings.enroll.codeHint')}
        value={code}
        onChange={setCode}
        autoComplete="off"
        name="enroll-code"
      />
      {action.error ? <Notice tone="error">{errorMessage(t, errorCode(action.error))}</Notice> : null}
      <button type="button" onClick={() => void enroll()} disabled={action.busy || !addressOk || !code.trim()}>
        {t('settings.enroll.submit')}
      </button>
    </div>
  );
}
