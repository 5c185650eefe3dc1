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
    expect(await restrictedImports('src/renderer/src/x.ts', `import { Engine } from '../../core/engine';\nexport const a = Engine;\n`)).toBe(1);
    expect(await restrictedImports('src/renderer/src/x.ts', `import { join } from 'node:path';\nexport const a = join;\n`)).toBe(1);
  });

  it('allow what each layer may use', async () => {
    expect(await restrictedImports('src/core/x.ts', `import { readFileSync } from 'node:fs';\nexport const a = readFileSync;\n`)).toBe(0);
    expect(await restrictedImports('src/renderer/src/x.ts', `import { foldVietnamese } from '../../shared/fold';\nexport const a = foldVietnamese;\n`)).toBe(0);
  });
});
