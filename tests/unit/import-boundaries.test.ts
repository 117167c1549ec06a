import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { checkBoundaries, importsOf, readSources } from '../support/import-boundaries';

const root = fileURLToPath(new URL('../..', import.meta.url));

describe('process boundaries', () => {
  it('hold for every source file in main, preload, renderer and shared', () => {
    const files = readSources(root, ['main', 'preload', 'renderer', 'shared']);
    expect(files.length).toBeGreaterThan(30);
    expect(checkBoundaries(files)).toEqual([]);
  });

  it('are detected when crossed', () => {
    const violations = checkBoundaries([
      { file: 'renderer/screens/x.tsx', code: "import { createCore } from '../../main/core';\nimport fs from 'node:fs';" },
      { file: 'renderer/y.ts', code: "import { ipcRenderer } from 'electron';" },
      { file: 'shared/z.ts', code: "import knex from 'knex';\nimport { a } from '../main/a';" },
      { file: 'preload/index.ts', code: "import { x } from '../shared/domain/store';\nimport fs from 'fs';" },
      { file: 'main/services/a.ts', code: "import { app } from 'electron';\nconst u = await import('electron-updater');" },
      { file: 'main/b.ts', code: "export { App } from '../renderer/App';" },
    ]);
    expect(violations.map((v) => `${v.file} ${v.specifier}`)).toEqual([
      'renderer/screens/x.tsx ../../main/core',
      'renderer/screens/x.tsx node:fs',
      'renderer/y.ts electron',
      'shared/z.ts knex',
      'shared/z.ts ../main/a',
      'preload/index.ts ../shared/domain/store',
      'preload/index.ts fs',
      'main/services/a.ts electron',
      'main/services/a.ts electron-updater',
      'main/b.ts ../renderer/App',
    ]);
  });

  it('allow the shell files, preload and pure shared packages', () => {
    expect(
      checkBoundaries([
        { file: 'main/index.ts', code: "import { app } from 'electron';" },
        { file: 'main/updater.ts', code: "import u from 'electron-updater';" },
        { file: 'preload/index.ts', code: "import { contextBridge } from 'electron';\nimport { contract } from '../shared/ipc/contract';" },
        { file: 'shared/ipc/x.ts', code: "import { z } from 'zod';\nimport type { A } from '../domain/a';" },
        { file: 'renderer/a.tsx', code: "import type { Store } from '../shared/domain/store';" },
      ]),
    ).toEqual([]);
  });

  it('sees every import form', () => {
    expect(importsOf("import a from 'a';\nimport type { B } from \"b\";\nexport * from './c';\nimport 'd';\nawait import('e');\nrequire('f');")).toEqual([
      'a', 'b', './c', 'd', 'e', 'f',
    ]);
  });
});
