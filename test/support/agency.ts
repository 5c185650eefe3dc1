import type { Engine } from '../../src/core/engine';

/** The agency test stores are set up with (first-run set-up done, as an administrator would). */
export const TEST_AGENCY = { name: 'UBND phường Phú Cường', code: '000.31.25.H12' } as const;

/** `--agency … --agency-code …` for `sohoa process` and `sohoa batch`. */
export const TEST_AGENCY_ARGS = ['--agency', TEST_AGENCY.name, '--agency-code', TEST_AGENCY.code];

/** Sets the agency in an engine's store, through the settings (audited as the local operator). */
export function setTestAgency(engine: Engine): Engine {
  engine.settings.set(
    [
      { key: 'agency.name', value: TEST_AGENCY.name },
      { key: 'agency.code', value: TEST_AGENCY.code },
    ],
    { kind: 'system', name: 'test' },
    'test',
  );
  return engine;
}
