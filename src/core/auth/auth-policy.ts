import type { AuthPolicy } from '../../shared/auth-types';
import type { SettingsRepository } from '../store/settings-repository';

export const DEFAULT_AUTH_POLICY: AuthPolicy = { idleMinutes: 10, lockoutAttempts: 5, lockoutMinutes: 15 };

const KEYS: Record<keyof AuthPolicy, string> = {
  idleMinutes: 'auth.idle_minutes',
  lockoutAttempts: 'auth.lockout_attempts',
  lockoutMinutes: 'auth.lockout_minutes',
};

/** The sign-in policy from the settings table; a missing or unreadable value falls back to its default. */
export function readAuthPolicy(settings: SettingsRepository): AuthPolicy {
  const read = (key: keyof AuthPolicy) => {
    const value = Number(settings.get(KEYS[key]));
    return Number.isFinite(value) && value > 0 ? value : DEFAULT_AUTH_POLICY[key];
  };
  return { idleMinutes: read('idleMinutes'), lockoutAttempts: read('lockoutAttempts'), lockoutMinutes: read('lockoutMinutes') };
}

/** Writes the given fields; returns the settings that changed, as [key, from, to]. */
export function writeAuthPolicy(settings: SettingsRepository, change: Partial<AuthPolicy>): [string, number, number][] {
  const before = readAuthPolicy(settings);
  const changed: [string, number, number][] = [];
  for (const key of Object.keys(KEYS) as (keyof AuthPolicy)[]) {
    const value = change[key];
    if (value === undefined || value === before[key]) continue;
    settings.set(KEYS[key], String(value));
    changed.push([KEYS[key], before[key], value]);
  }
  return changed;
}
