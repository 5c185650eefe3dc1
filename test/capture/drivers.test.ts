import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listAllDevices, scanDriversFor } from '../../src/core/capture/drivers';
import { startEsclResponder, type EsclResponder } from './escl-responder';
import { makeSaneTestConfig } from './sane-test-scanner';

let conf: Awaited<ReturnType<typeof makeSaneTestConfig>>;
let escl: EsclResponder;
beforeAll(async () => {
  conf = await makeSaneTestConfig();
  escl = await startEsclResponder({ pages: [], makeAndModel: 'Desk MFP' });
});
afterAll(async () => {
  await escl.close();
  await conf.cleanup();
});

describe('scan driver registry', () => {
  it('picks the drivers for the platform', () => {
    expect(scanDriversFor({ platform: 'linux' }).map((d) => d.id)).toEqual(['sane']);
    expect(scanDriversFor({ platform: 'win32', escl: { addresses: ['10.0.0.7'] } }).map((d) => d.id)).toEqual(['wia', 'escl']);
    expect(scanDriversFor({ platform: 'linux', sane: false }).map((d) => d.id)).toEqual([]);
  });

  it('lists the devices of every driver, and reports a failing one without hiding the others', async () => {
    const working = scanDriversFor({ platform: 'linux', sane: { env: conf.env }, escl: { addresses: [escl.url] } });
    const { devices, failures } = await listAllDevices(working);
    expect(failures).toEqual([]);
    expect(devices.map((d) => `${d.driver}:${d.id}`)).toEqual(expect.arrayContaining(['sane:test:0', `escl:${escl.url}`]));

    const broken = scanDriversFor({
      platform: 'linux',
      sane: { scanimagePath: '/nonexistent/scanimage' },
      escl: { addresses: [escl.url] },
    });
    const partial = await listAllDevices(broken);
    expect(partial.devices.map((d) => d.name)).toEqual(['Desk MFP']);
    expect(partial.failures).toEqual([{ driver: 'sane', error: expect.objectContaining({ code: 'scanner.driver-unavailable' }) }]);
  });
});
