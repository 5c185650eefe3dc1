import type { RecordSyncState } from '../../../../shared/sync-status';
import { errorMessage } from '../../i18n/error-messages';
import { useT } from '../../i18n/i18n-context';

/** Where a record stands on its way to the hub: waiting, sending with %, received with the hub's receipt, or rejected with the reason. */
export function SyncBadge({ state }: { state: RecordSyncState }) {
  const t = useT();
  const codeOf = (text: string) => /^([a-z]+\.[a-z-]+):/.exec(text)?.[1];
  switch (state.state) {
    case 'waiting': {
      const code = state.lastError ? codeOf(state.lastError) : undefined;
      return (
        <span className="badge badge--muted sync-badge" data-sync-state="waiting">
          {code ? t('syncBadge.retry', { message: errorMessage(t, code) }) : t('syncBadge.waiting')}
        </span>
      );
    }
    case 'sending':
      return (
        <span className="badge sync-badge" data-sync-state="sending">
          {t('syncBadge.sending', { percent: state.percent ?? 0 })}
        </span>
      );
    case 'acknowledged':
      return (
        <span className="badge badge--valid sync-badge" data-sync-state="acknowledged" title={state.receipt?.storedAt}>
          {t('syncBadge.acknowledged', { receipt: state.receipt?.receiptId.slice(0, 8) ?? '—' })}
        </span>
      );
    case 'rejected':
      return (
        <span className="badge badge--invalid sync-badge" data-sync-state="rejected" title={state.rejection?.message}>
          {t('syncBadge.rejected', { reason: errorMessage(t, state.rejection?.code ?? 'sync.rejected') })}
        </span>
      );
  }
}
