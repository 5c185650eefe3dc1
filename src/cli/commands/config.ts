import { dataDirOption, jsonOption, parseCommandArgs } from '../args';
import type { CommandRun } from '../command';
import { UsageError } from '../command';
import { openEngine } from '../open-engine';
import { contractCall } from '../contract-call';
import { settingAsText, settingFromText } from '../../shared/settings-codec';
import { settingDefinition } from '../../shared/settings-schema';

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
    const call = contractCall(engine);
    try {
      if (action === 'list') {
        const views = await call('settings.list', {});
        if (values.json) io.out(JSON.stringify(views));
        else for (const v of views) io.out(`${v.key}\t${settingAsText(v.value, v.kind)}${v.isDefault ? '\t(default)' : ''}`);
        return 0;
      }
      if (action === 'get') {
        const view = await call('settings.get', { key: key! });
        io.out(values.json ? JSON.stringify(view) : settingAsText(view.value, view.kind));
        return 0;
      }
      // Typed from the text as the schema says (numbers, comma-separated lists, JSON); unknown keys pass through for the engine to refuse.
      const def = settingDefinition(key!);
      const value = def ? settingFromText(def, text!) : text;
      const [view] = await call('settings.set', { changes: [{ key: key!, value }] });
      io.out(values.json ? JSON.stringify(view) : `${key} = ${settingAsText(view!.value, view!.kind)}`);
      return 0;
    } finally {
      await engine.close();
    }
  },
};
