import { useId, useState } from 'react';
import type { TrustAnchorView } from '../../../../shared/types';
import { useEngine } from '../../engine/engine-context';
import { fileBase64 } from '../../engine/file-base64';
import { useEngineAction } from '../../hooks/use-engine-action';
import { useEngineQuery } from '../../hooks/use-engine-query';
import { errorMessage } from '../../i18n/error-messages';
import { useT } from '../../i18n/i18n-context';
import { CertificateCard } from '../desk/CertificateCard';
import { ErrorNotice } from '../desk/ErrorNotice';
import { FileChooser } from '../FileChooser';
import { Notice } from '../Notice';

/**
 * The roots a signature must chain to (`signing.trust-anchors`): each with its subject and expiry,
 * a certificate imported from a picked PEM or DER file (its bytes, never a path), one removed.
 * The engine audits each change.
 */
export function TrustAnchorsPanel() {
  const t = useT();
  const api = useEngine();
  const id = useId();
  const listed = useEngineQuery(() => api['trust.list']({}), [api]);
  const [anchors, setAnchors] = useState<TrustAnchorView[] | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const action = useEngineAction();
  const shown = anchors ?? listed.data ?? null;

  const importFile = async (file: File) => {
    setDone(null);
    const before = shown?.length ?? 0;
    const after = await action.run(async () => api['trust.add']({ certificateBase64: await fileBase64(file) }));
    if (after) {
      setAnchors(after);
      setDone(t('trust.imported', { count: after.length - before }));
    }
  };

  const remove = async (anchor: TrustAnchorView) => {
    setDone(null);
    const after = await action.run(() => api['trust.remove']({ sha256: anchor.certificate!.sha256 }));
    if (after) {
      setAnchors(after);
      setDone(t('trust.removed', { name: anchor.certificate!.commonName }));
    }
  };

  return (
    <div className="trust-anchors" role="region" aria-labelledby={id}>
      <h3 id={id}>{t('trust.title')}</h3>
      <p className="field-hint">{t('trust.intro')}</p>
      {shown && shown.length === 0 && <p>{t('trust.none')}</p>}
      <ul className="trust-anchor-list">
        {shown?.map((anchor, i) => (
          <li key={anchor.certificate?.sha256 ?? `${anchor.path}-${i}`}>
            {anchor.path && <p className="field-hint">{t('trust.fromPath', { path: anchor.path })}</p>}
            {anchor.certificate ? (
              <>
                <CertificateCard certificate={anchor.certificate} title={anchor.certificate.commonName} />
                <button
                  type="button"
                  aria-label={t('trust.removeNamed', { name: anchor.certificate.commonName })}
                  disabled={action.busy}
                  onClick={() => void remove(anchor)}
                >
                  {t('trust.remove')}
                </button>
              </>
            ) : (
              <Notice tone="error">{errorMessage(t, anchor.problem ?? 'signing.trust-anchor-unreadable')}</Notice>
            )}
          </li>
        ))}
      </ul>
      <label htmlFor={`${id}-file`}>{t('trust.import')}</label>
      <FileChooser
        id={`${id}-file`}
        accept=".pem,.crt,.cer,.der"
        disabled={action.busy}
        onFile={(file) => {
          if (file) void importFile(file);
        }}
      />
      {done && <Notice tone="success">{done}</Notice>}
      <ErrorNotice error={listed.error ?? action.error} />
    </div>
  );
}
