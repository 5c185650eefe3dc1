import { useCallback, useEffect, useState } from 'react';
import type { SettingView } from '../../../shared/settings-schema';
import { useEngine } from '../engine/engine-context';

/** The settings the signed-in user may see (settings.list), with a way to take in what a save returned. */
export function useSettings() {
  const api = useEngine();
  const [views, setViews] = useState<SettingView[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    api['settings.list']({}).then(setViews, setError);
  }, [api]);
  const merge = useCallback((saved: SettingView[]) => {
    setViews((all) => all && all.map((v) => saved.find((s) => s.key === v.key) ?? v));
  }, []);
  return { views, error, merge };
}
