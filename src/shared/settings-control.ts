/** How a setting is typed on the Settings page, read off its schema: a choice is a list to pick from, a number has its range. */
import { z } from 'zod';
import type { SettingDefinition } from './settings-schema';

export type SettingControl =
  | { type: 'select'; options: readonly string[] }
  | { type: 'number'; min: number | undefined; max: number | undefined; step: number | 'any' }
  | { type: 'text' };

export function settingControl(def: SettingDefinition): SettingControl {
  if (def.kind === 'enum' && def.schema instanceof z.ZodEnum) return { type: 'select', options: def.schema.options as string[] };
  if ((def.kind === 'integer' || def.kind === 'number') && def.schema instanceof z.ZodNumber) {
    const finite = (n: number | null) => (n === null || !Number.isFinite(n) ? undefined : n);
    return { type: 'number', min: finite(def.schema.minValue), max: finite(def.schema.maxValue), step: def.kind === 'integer' ? 1 : 'any' };
  }
  return { type: 'text' };
}
