import { decodeSetting } from '../../shared/settings-codec';
import { settingDefinition, type SettingKey } from '../../shared/settings-schema';
import type { SettingsRepository } from '../store/settings-repository';

/** A setting's typed value straight from the store, its schema default when unset or no longer valid. */
export function readSetting(repo: SettingsRepository, key: SettingKey): unknown {
  return decodeSetting(settingDefinition(key)!, repo.get(key)).value;
}
