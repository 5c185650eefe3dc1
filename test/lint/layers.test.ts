import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';
import { REPO } from '../support/cli';

const eslint = new ESLint({ cwd: REPO });

async function restrictedImports(filePath: string, code: string): Promise<number> {
  const [result] = await eslint.lintText(code, { filePath: `${REPO}/${filePath}` });
  return result!.messages.filter((m) => m.ruleId === 'no-restricted-imports').length;
}

describe('layer rules', () => {
  it('reject electron or react in the engine and the contract', async () => {
    expect(await restrictedImports('src/core/x.ts', `import { app } from 'electron';\nexport const a = app;\n`)).toBe(1);
    expect(await restrictedImports('src/core/x.ts', `import React from 'react';\nexport const a = React;\n`)).toBe(1);
    expect(await restrictedImports('src/shared/x.ts', `import { app } from 'electron';\nexport const a = app;\n`)).toBe(1);
  });

  it('reject Node modules in the contract', async () => {
    expect(await restrictedImports('src/shared/x.ts', `import { readFileSync } from 'node:fs';\nexport const a = readFileSync;\n`)).toBe(1);
  });

  it('reject the engine and Node in the renderer', async () => {
    expect(
      await restrictedImports('src/renderer/src/x.ts', `import { Engine } from '../../core/engine';\nexport const a = Engine;\n`),
    ).toBe(1);
    expect(await restrictedImports('src/renderer/src/x.ts', `import { join } from 'node:path';\nexport const a = join;\n`)).toBe(1);
  });

  it('keep the hub apart from the command line and the UI, and the engine from both front ends and the hub', async () => {
    expect(await restrictedImports('src/hub/main.ts', `import { runCli } from '../cli/main';\nexport const a = runCli;\n`)).toBe(1);
    expect(await restrictedImports('src/hub/x.ts', `import { vi } from '../renderer/src/i18n/vi';\nexport const a = vi;\n`)).toBe(1);
    expect(await restrictedImports('src/hub/x.ts', `import { app } from 'electron';\nexport const a = app;\n`)).toBe(1);
    expect(await restrictedImports('src/core/x.ts', `import { runCli } from '../cli/main';\nexport const a = runCli;\n`)).toBe(1);
    expect(
      await restrictedImports('src/core/sync/x.ts', `import { startHub } from '../../hub/start-hub';\nexport const a = startHub;\n`),
    ).toBe(1);
  });

  it('keep the command line off the UI and Electron', async () => {
    expect(
      await restrictedImports('src/cli/commands/x.ts', `import { vi } from '../../renderer/src/i18n/vi';\nexport const a = vi;\n`),
    ).toBe(1);
    expect(await restrictedImports('src/cli/x.ts', `import { app } from 'electron';\nexport const a = app;\n`)).toBe(1);
  });

  it('keep the Electron shell a relay, and its preload to the contract', async () => {
    expect(await restrictedImports('electron/main/x.ts', `import { runCli } from '../../src/cli/main';\nexport const a = runCli;\n`)).toBe(
      1,
    );
    expect(
      await restrictedImports('electron/main/x.ts', `import { startHub } from '../../src/hub/start-hub';\nexport const a = startHub;\n`),
    ).toBe(1);
    expect(await restrictedImports('electron/main/x.ts', `import React from 'react';\nexport const a = React;\n`)).toBe(1);
    expect(
      await restrictedImports('electron/preload/x.ts', `import { Engine } from '../../src/core/engine';\nexport const a = Engine;\n`),
    ).toBe(1);
    expect(
      await restrictedImports('electron/preload/x.ts', `import { readFileSync } from 'node:fs';\nexport const a = readFileSync;\n`),
    ).toBe(1);
  });

  it('allow what each layer may use', async () => {
    expect(await restrictedImports('src/core/x.ts', `import { readFileSync } from 'node:fs';\nexport const a = readFileSync;\n`)).toBe(0);
    expect(
      await restrictedImports(
        'src/renderer/src/x.ts',
        `import { foldVietnamese } from '../../shared/fold';\nexport const a = foldVietnamese;\n`,
      ),
    ).toBe(0);
    expect(
      await restrictedImports('src/hub/x.ts', `import { verifyPdf } from '../core/record/verify-pdf';\nexport const a = verifyPdf;\n`),
    ).toBe(0);
    expect(
      await restrictedImports('src/cli/commands/x.ts', `import { runHub } from '../../hub/hub-command';\nexport const a = runHub;\n`),
    ).toBe(0);
    expect(
      await restrictedImports(
        'electron/main/x.ts',
        `import { app } from 'electron';\nimport { DB_FILE } from '../../src/core/store/database-file';\nexport const a = [app, DB_FILE];\n`,
      ),
    ).toBe(0);
    expect(
      await restrictedImports(
        'electron/preload/x.ts',
        `import { contextBridge } from 'electron';\nimport { BRIDGE } from '../../src/shared/bridge';\nexport const a = [contextBridge, BRIDGE];\n`,
      ),
    ).toBe(0);
  });
});
