import type { PageToReplace } from './page-to-replace';
import { useEffect, useId, useRef, useState } from 'react';
import { useEngine } from '../../engine/engine-context';
import { useEngineAction } from '../../hooks/use-engine-action';
import { useT } from '../../i18n/i18n-context';
import { Notice } from '../Notice';
import { ErrorNotice } from './ErrorNotice';

/** Takes a page from the camera: one video frame, as a JPEG, into the selected document. */
export function CameraCapture({
  documentId,
  replacing,
  onReplaced,
}: {
  documentId: number | null;
  replacing: PageToReplace | null;
  onReplaced(): void;
}) {
  const t = useT();
  const api = useEngine();
  const id = useId();
  const video = useRef<HTMLVideoElement>(null);
  const [stream, setStream] = useState<MediaStream | null>(null);
  const [failed, setFailed] = useState(false);
  const [captured, setCaptured] = useState(0);
  const action = useEngineAction();

  useEffect(() => {
    if (video.current) video.current.srcObject = stream;
    return () => stream?.getTracks().forEach((track) => track.stop());
  }, [stream]);

  const start = async () => {
    setFailed(false);
    try {
      setStream(await navigator.mediaDevices.getUserMedia({ video: { width: { ideal: 4096 }, height: { ideal: 4096 } } }));
    } catch {
      setFailed(true);
    }
  };

  const capture = async () => {
    const v = video.current;
    if (!v || documentId === null || v.videoWidth === 0) return;
    const canvas = document.createElement('canvas');
    canvas.width = v.videoWidth;
    canvas.height = v.videoHeight;
    canvas.getContext('2d')?.drawImage(v, 0, 0);
    const imageBase64 = canvas.toDataURL('image/jpeg', 0.92).split(',')[1] ?? '';
    if (replacing) {
      if (await action.run(() => api['page.replace']({ pageId: replacing.pageId, imageBase64, source: 'camera' }))) onReplaced();
      return;
    }
    const r = await action.run(() => api['page.addImage']({ documentId, imageBase64, source: 'camera' }));
    if (r) setCaptured((n) => n + r.added.length);
  };

  return (
    <section className="capture-panel" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>{t('camera.title')}</h3>
      {stream && <video ref={video} className="camera-video" autoPlay playsInline muted aria-label={t('camera.video')} />}
      <div className="button-row">
        {stream ? (
          <>
            <button type="button" onClick={() => void capture()} disabled={documentId === null || action.busy}>
              {t('camera.capture')}
            </button>
            <button type="button" onClick={() => setStream(null)}>
              {t('camera.stop')}
            </button>
          </>
        ) : (
          <button type="button" onClick={() => void start()}>
            {t('camera.start')}
          </button>
        )}
      </div>
      {captured > 0 && <Notice tone="success">{t('camera.captured')}</Notice>}
      {failed && <Notice tone="error">{t('camera.unavailable')}</Notice>}
      <ErrorNotice error={action.error} />
    </section>
  );
}
