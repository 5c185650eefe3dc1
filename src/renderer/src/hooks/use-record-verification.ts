import type { RecordVerification } from '../../../shared/types';
import { useEngine } from '../engine/engine-context';
import { useEngineQuery } from './use-engine-query';

/** A record's signatures and time evidence as the engine checks them; undefined while it checks, or with no record. */
export function useRecordVerification(recordId: number | undefined): RecordVerification | undefined {
  const api = useEngine();
  const check = useEngineQuery(async () => (recordId ? api['record.verify']({ recordId }) : undefined), [api, recordId]);
  return check.data;
}
