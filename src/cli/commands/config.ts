import { dataDirOption, jsonOption, parseCommandArgs } from '../args';
import type { CommandRun } from '../command';
import { UsageError } from '../command';
import { openEngine } from '../open-engine';
import type { Engine } from '../../core/engine';
import { dispatch } from '../../core/rpc-dispatch';
import { CodedError } from '../../shared/errors';
import type { MethodName } from '../../shared/methods';
import { settingAsText, settingFromText } from '../../shared/settings-codec';
import { settingDefinition, type SettingView } from '../../shared/settings-schema';

/** `sohoa config list | get KEY | set KEY VALUE`: the settings through the engine's edge, as the Settings page has them. */
export const configCommand: CommandRun = {
  async run(argv, io) {
    const { values, positionals } = parseCommandArgs(argv, { ...dataDirOption, ...jsonOption });
    const [action, key, text, ...extra] = positionals;
    const arity = { list: 1, get: 2, set: 3 } as Record<string, number>;
    if (!action || !Object.hasOwn(arity, action) || positionals.length !== arity[action] || extra.length > 0) {
      throw new UsageError(`expected 'list', 'get KEY' or 'set KEY VALUE'`);
    }
    const engine = openEngine(values['data-dir'], io.env, values['key-file']);
    try {
      if (action === 'list') {
        const views = (await call(engine, 'settings.list', {})) as SettingView[];
        if (values.json) io.out(JSON.stringify(views));
        else for (const v of views) io.out(`${v.key}\t${settingAsText(v.value, v.kind)}${v.isDefault ? '\t(default)' : ''}`);
        return 0;
      }
      if (action === 'get') {
        const view = (await call(engine, 'settings.get', { key })) as SettingView;
        io.out(values.json ? JSON.stringify(view) : settingAsText(view.value, view.kind));
        return 0;
      }
      // Typed from the text as the schema says (numbers, comma-separated lists, JSON); unknown keys pass through for the engine to refuse.
      const def = settingDefinition(key!);
      const value = def ? settingFromText(def, text!) : text;
      const [view] = (await call(engine, 'settings.set', { changes: [{ key, value }] })) as SettingView[];
      io.out(values.json ? JSON.stringify(view) : `${key} = ${settingAsText(view!.value, view!.kind)}`);
      return 0;
    } finally {
      await engine.close();
    }
  },
};

async function call(engine: Engine, method: MethodName, params: unknown): Promise<unknown> {
  const reply = await dispatch(engine.handlers, { kind: 'call', id: 1, method, params });
  if (!reply.ok) throw new CodedError(reply.error.code, reply.error.message, reply.error.details);
  return reply.result;
}
