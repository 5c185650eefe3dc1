import { CodedError } from '../../shared/errors';

/** A key that is not in the settings schema (src/shared/settings-schema.ts). */
export class UnknownSettingError extends CodedError {
  constructor(key: string) {
    super('setting.unknown', `${key} is not a setting (see sohoa config list)`, { key });
  }
}

const REASONS: Record<string, string> = {
  required: 'may not be empty',
  'too-long': 'too long',
  'setting.agency-code': 'not an agency identifier code',
  'setting.integer': 'not a whole number',
  'setting.range': 'out of range',
  'setting.choice': 'not one of the choices',
  'setting.url': 'not an http(s) address',
  'setting.window': 'not a time window',
  'setting.code-pattern': 'has no {seqN} token',
  'setting.json': 'not valid JSON of the expected shape',
  'setting.path': 'an empty path',
};

/** A value the setting's schema refuses; the message names the key, the reason and what is allowed. */
export class InvalidSettingError extends CodedError {
  constructor(key: string, problem: string, allowed: string) {
    super('setting.invalid', `${key}: ${REASONS[problem] ?? problem}; allowed: ${allowed}`, { key, problem, allowed });
  }
}

/** The caller's role may read the setting but not change it. */
export class SettingForbiddenError extends CodedError {
  constructor(key: string, role: string) {
    super('setting.forbidden', `The ${role} role may not change ${key}`, { key, role });
  }
}

/** Nothing is taken in before the agency's name and code are set (first-run set-up, or sohoa config set). */
export class AgencyMissingError extends CodedError {
  constructor() {
    super(
      'config.agency-missing',
      'The agency is not set up: set agency.name and agency.code first (sohoa config set agency.name "…"; sohoa config set agency.code LLL.LL.LL.XNN)',
    );
  }
}
