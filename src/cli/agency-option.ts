import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { resolveDataDir } from '../core/data-dir';
import { AgencyMissingError, InvalidSettingError } from '../core/settings/settings-errors';
import { DB_FILE } from '../core/store/database';
import type { AgencyIdentity } from '../shared/agency';
import { checkSetting } from '../shared/settings-codec';
import { settingDefinition } from '../shared/settings-schema';
import { UsageError } from './command';
import { openEngine } from './open-engine';

/** `--agency "NAME" --agency-code CODE`: the agency for one run, saved nowhere. */
export const agencyOptions = { agency: { type: 'string' }, 'agency-code': { type: 'string' } } as const;

/** The agency given for this run, checked as the settings check it; undefined when none was given. */
export function agencyForRun(values: { agency?: string; 'agency-code'?: string }): AgencyIdentity | undefined {
  const { agency: name, 'agency-code': code } = values;
  if (name === undefined && code === undefined) return undefined;
  if (name === undefined || code === undefined) throw new UsageError('give --agency "NAME" and --agency-code CODE together');
  const checked = (key: 'agency.name' | 'agency.code', value: string) => {
    const def = settingDefinition(key)!;
    const result = checkSetting(def, value);
    if (!result.ok) throw new InvalidSettingError(key, result.problem, def.allowed);
    return result.value as string;
  };
  return { name: checked('agency.name', name), code: checked('agency.code', code), parent: '', address: '', workstationName: '', desk: '' };
}

/**
 * The agency of a command that makes records without otherwise needing the store (`sohoa process`):
 * this run's, else the data directory's; `config.agency-missing` when neither has one.
 */
export function agencyOfRun(
  values: { agency?: string; 'agency-code'?: string; 'data-dir'?: string; 'key-file'?: string },
  env: NodeJS.ProcessEnv,
): AgencyIdentity {
  const given = agencyForRun(values);
  if (given) return given;
  const dataDir = resolveDataDir(values['data-dir'], env);
  if (!existsSync(join(dataDir, DB_FILE))) throw new AgencyMissingError();
  const engine = openEngine(dataDir, env, values['key-file']);
  try {
    return engine.requireAgency();
  } finally {
    void engine.close();
  }
}
