import { checkSetting, decodeSetting, encodeSetting } from '../../shared/settings-codec';
import { SETTINGS, settingDefinition, type SettingDefinition, type SettingKey, type SettingView } from '../../shared/settings-schema';
import type { AuditLog } from '../audit/audit-log';
import type { Principal } from '../auth/principal';
import type { Store } from '../store/store';
import { InvalidSettingError, SettingForbiddenError, UnknownSettingError } from './settings-errors';

/** One change asked for: the key and its new value, typed. */
export interface SettingChange {
  key: string;
  value: unknown;
}

/**
 * The workstation's settings through their schema: reads fall back to the default, writes are
 * checked, allowed by role, written together or not at all, and audited (key, from, to, who).
 */
export class WorkstationSettings {
  constructor(
    private readonly store: Pick<Store, 'settings' | 'transaction'>,
    private readonly audit: AuditLog,
  ) {}

  /** The typed value of a key of the schema (its default when unset). */
  value(key: SettingKey): unknown {
    return decodeSetting(definition(key), this.store.settings.get(key)).value;
  }

  text(key: SettingKey): string {
    const v = this.value(key);
    return typeof v === 'string' ? v : '';
  }

  number(key: SettingKey): number {
    return Number(this.value(key));
  }

  /** Every setting the caller may see, in the schema's order. */
  list(caller: Principal): SettingView[] {
    return SETTINGS.filter((d) => visible(d, caller)).map((d) => this.view(d, caller));
  }

  get(key: string, caller: Principal): SettingView {
    const def = definition(key);
    if (!visible(def, caller)) throw new SettingForbiddenError(key, roleOf(caller));
    return this.view(def, caller);
  }

  /** Checks every change first; writes them all in one transaction, or none. Returns the settings after. */
  set(changes: SettingChange[], caller: Principal, actor: string): SettingView[] {
    const checked = changes.map(({ key, value }) => {
      const def = definition(key);
      if (!editable(def, caller)) throw new SettingForbiddenError(key, roleOf(caller));
      const result = checkSetting(def, value);
      if (!result.ok) throw new InvalidSettingError(key, result.problem, def.allowed);
      return { def, value: result.value };
    });
    this.store.transaction(() => {
      for (const { def, value } of checked) {
        const before = decodeSetting(def, this.store.settings.get(def.key));
        const encoded = encodeSetting(def, value);
        if (!before.isDefault && encodeSetting(def, before.value) === encoded) continue;
        this.store.settings.set(def.key, encoded);
        this.audit.append({ actor, action: 'setting.change', subject: def.key, details: { from: before.value, to: value } });
      }
    });
    return checked.map(({ def }) => this.view(def, caller));
  }

  private view(def: SettingDefinition, caller: Principal): SettingView {
    const { value, isDefault } = decodeSetting(def, this.store.settings.get(def.key));
    return {
      key: def.key as SettingKey,
      section: def.section,
      kind: def.kind,
      value,
      isDefault,
      editable: editable(def, caller),
      allowed: def.allowed,
      label: def.label,
      help: def.help,
    };
  }
}

function definition(key: string): SettingDefinition {
  const def = settingDefinition(key);
  if (!def) throw new UnknownSettingError(key);
  return def;
}

const roleOf = (caller: Principal) => (caller.kind === 'system' ? 'operator' : caller.role);
/** The local operator (CLI, in-process) can already read the data directory: it may see and change every setting. */
const visible = (def: SettingDefinition, caller: Principal) => caller.kind === 'system' || def.visibleTo.includes(caller.role);
const editable = (def: SettingDefinition, caller: Principal) => caller.kind === 'system' || def.editableBy.includes(caller.role);
