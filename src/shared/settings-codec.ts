/**
 * A setting's value as the store keeps it (text in the `setting` table), as the command line types
 * it, and checked against its definition. Text settings are kept as they are, numbers as digits,
 * lists and objects as JSON: the keys that existed before the schema read back unchanged.
 */
import type { SettingDefinition, SettingKind } from './settings-schema';

export type SettingCheck = { ok: true; value: unknown } | { ok: false; problem: string };

/** Checks a typed value against its definition; the value comes back normalized (trimmed). */
export function checkSetting(def: SettingDefinition, value: unknown): SettingCheck {
  const parsed = def.schema.safeParse(value);
  return parsed.success ? { ok: true, value: parsed.data } : { ok: false, problem: parsed.error.issues[0]?.message ?? 'invalid' };
}

/** The stored text of a value already checked. */
export function encodeSetting(def: SettingDefinition, value: unknown): string {
  return def.kind === 'list' || def.kind === 'json' ? JSON.stringify(value) : String(value);
}

/** The value of a stored text; the default when nothing is stored or what is stored no longer passes. */
export function decodeSetting(def: SettingDefinition, raw: string | undefined): { value: unknown; isDefault: boolean } {
  if (raw === undefined) return { value: def.default, isDefault: true };
  let typed: unknown = raw;
  if (def.kind === 'integer' || def.kind === 'number') typed = raw.trim() === '' ? NaN : Number(raw);
  else if (def.kind === 'list' || def.kind === 'json') {
    try {
      typed = JSON.parse(raw);
    } catch {
      return { value: def.default, isDefault: true };
    }
  }
  const checked = checkSetting(def, typed);
  return checked.ok ? { value: checked.value, isDefault: false } : { value: def.default, isDefault: true };
}

/** A value as typed on the command line: numbers as digits, lists comma-separated (or JSON), objects as JSON. */
export function settingFromText(def: SettingDefinition, text: string): unknown {
  switch (def.kind) {
    case 'integer':
    case 'number':
      return text.trim() === '' ? NaN : Number(text);
    case 'list':
      if (text.trim().startsWith('[')) return parseJsonOr(text, text);
      return text
        .split(',')
        .map((s) => s.trim())
        .filter((s) => s !== '');
    case 'json':
      return parseJsonOr(text, text);
    default:
      return text;
  }
}

/** A value as the command line prints it. */
export function settingAsText(value: unknown, kind?: SettingKind): string {
  if (value === null || value === undefined) return '';
  // A JSON setting reads back as JSON, an empty list and a list of objects (scanner profiles) too.
  if (kind === 'json') return JSON.stringify(value);
  if (Array.isArray(value)) return value.some((v) => typeof v === 'object') ? JSON.stringify(value) : value.join(',');
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}

function parseJsonOr(text: string, fallback: unknown): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return fallback;
  }
}
