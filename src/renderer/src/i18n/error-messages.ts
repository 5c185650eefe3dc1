import type { PROBLEM } from '../../../shared/contract';
import type { SETTING_PROBLEM } from '../../../shared/settings-schema';
import type { Translate } from './translate';
import { vi, type MessageKey } from './vi';

type ProblemCode = (typeof PROBLEM)[keyof typeof PROBLEM];

// A problem code added to the contract fails to compile here until it has a message.
const PROBLEM_MESSAGES: Record<ProblemCode, MessageKey> = {
  required: 'problem.required',
  'too-long': 'problem.too-long',
  'cccd.invalid': 'problem.cccd.invalid',
  'date.invalid': 'problem.date.invalid',
  'date.order': 'problem.date.order',
  'procedure.unknown': 'problem.procedure.unknown',
  'phone.invalid': 'problem.phone.invalid',
  'username.invalid': 'problem.username.invalid',
  'password.short': 'problem.password.short',
  'password.policy': 'problem.password.policy',
};

type SettingProblemCode = (typeof SETTING_PROBLEM)[keyof typeof SETTING_PROBLEM];

// The same for the settings schema's problem codes.
const SETTING_PROBLEM_MESSAGES: Record<SettingProblemCode, MessageKey> = {
  required: 'problem.required',
  'too-long': 'problem.too-long',
  'setting.agency-code': 'problem.setting.agency-code',
  'setting.integer': 'problem.setting.integer',
  'setting.range': 'problem.setting.range',
  'setting.choice': 'problem.setting.choice',
  'setting.url': 'problem.setting.url',
  'setting.window': 'problem.setting.window',
  'setting.code-pattern': 'problem.setting.code-pattern',
  'setting.json': 'problem.setting.json',
  'setting.path': 'problem.setting.path',
  'setting.absolute-path': 'problem.setting.absolute-path',
  'setting.duplex-needs-feeder': 'problem.setting.duplex-needs-feeder',
  'setting.duplicate-name': 'problem.setting.duplicate-name',
  'setting.one-default': 'problem.setting.one-default',
};

const FIELD_NAMES: Record<string, MessageKey> = {
  procedureCode: 'field.procedureCode',
  applicantName: 'field.applicantName',
  applicantCccd: 'field.applicantCccd',
  applicantPhone: 'field.applicantPhone',
  applicantAddress: 'field.applicantAddress',
  receivedDate: 'field.receivedDate',
  dueDate: 'field.dueDate',
  text: 'field.text',
  username: 'auth.username',
  displayName: 'auth.displayName',
  password: 'auth.password',
  from: 'dash.from',
  to: 'dash.to',
  folder: 'batchNew.folder',
  registerPath: 'batchNew.register',
};

const lookup = (table: Record<string, MessageKey>, code: string): MessageKey | undefined =>
  Object.hasOwn(table, code) ? table[code] : undefined;

/** What is wrong with one field, in the current language, to show next to it. */
export function problemMessage(t: Translate, problem: string): string {
  const key = lookup(PROBLEM_MESSAGES, problem) ?? lookup(SETTING_PROBLEM_MESSAGES, problem);
  return key ? t(key) : t('problem.other', { code: problem });
}

/** The same, prefixed with the field's name, for a problem shown away from its field. */
export function fieldProblemMessage(t: Translate, field: string, problem: string): string {
  const key = lookup(FIELD_NAMES, field);
  return t('problem.fieldPrefix', { field: key ? t(key) : field, message: problemMessage(t, problem) });
}

/** An engine error code, in the current language; unknown codes get a generic message naming them. */
export function errorMessage(t: Translate, code: string): string {
  const key = `error.${code}`;
  return Object.hasOwn(vi, key) ? t(key as MessageKey) : t('error.generic', { code });
}
