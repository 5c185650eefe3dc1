import type { AuthPolicy } from '../../shared/auth-types';
import type { SettingKey } from '../../shared/settings-schema';
import type { SettingsRepository } from '../store/settings-repository';
import { readSetting } from '../settings/read-setting';

export const AUTH_POLICY_KEYS = {
  idleMinutes: 'auth.idle_minutes',
  lockoutAttempts: 'auth.lockout_attempts',
  lockoutMinutes: 'auth.lockout_minutes',
} as const satisfies Record<keyof AuthPolicy, SettingKey>;

/** The sign-in policy from the settings table; a missing or invalid value falls back to its schema default. */
export function readAuthPolicy(settings: SettingsRepository): AuthPolicy {
  const read = (key: keyof AuthPolicy) => Number(readSetting(settings, AUTH_POLICY_KEYS[key]));
  return { idleMinutes: read('idleMinutes'), lockoutAttempts: read('lockoutAttempts'), lockoutMinutes: read('lockoutMinutes') };
}
