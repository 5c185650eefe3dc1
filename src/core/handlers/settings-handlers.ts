import type { EngineHandlers } from '../../shared/contract';
import type { ServiceContext } from './handler-context';

type SettingsMethod = 'settings.list' | 'settings.get' | 'settings.set';

/** The settings through their schema: each key's role rules, checks and audit are WorkstationSettings'. */
export function settingsHandlers(ctx: ServiceContext): Pick<EngineHandlers, SettingsMethod> {
  return {
    'settings.list': () => ctx.settings.list(ctx.caller()),
    'settings.get': ({ key }) => ctx.settings.get(key, ctx.caller()),
    'settings.set': ({ changes }) => ctx.settings.set(changes, ctx.caller(), ctx.actor),
  };
}
