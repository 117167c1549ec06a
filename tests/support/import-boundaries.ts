import { builtinModules } from 'node:module';
import fs from 'node:fs';
import path from 'node:path';

/** The layering rules of ARCHITECTURE.md, checked on the import graph so they hold even if lint is skipped. */
export interface SourceFile {
  /** Path relative to the repo root, with forward slashes. */
  file: string;
  code: string;
}

export interface Violation {
  file: string;
  specifier: string;
  rule: string;
}

const ELECTRON_SHELL_FILES = new Set(['main/index.ts', 'main/ipc/electron.ts', 'main/updater.ts']);
const SHARED_PACKAGES = new Set(['zod']);
const NODE_BUILTINS = new Set(builtinModules.flatMap((m) => [m, `node:${m}`]));
const IMPORT_RE = /(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|import\s*\(\s*['"]([^'"]+)['"]\s*\)|import\s+['"]([^'"]+)['"]|require\(\s*['"]([^'"]+)['"]\s*\)/g;

export function importsOf(code: string): string[] {
  const out: string[] = [];
  for (const m of code.matchAll(IMPORT_RE)) {
    const spec = m[1] ?? m[2] ?? m[3] ?? m[4];
    if (spec) out.push(spec);
  }
  return out;
}

const packageName = (spec: string) => (spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0] ?? spec);

export function checkBoundaries(files: SourceFile[]): Violation[] {
  const violations: Violation[] = [];
  for (const { file, code } of files) {
    const layer = file.split('/')[0];
    for (const specifier of importsOf(code)) {
      const relative = specifier.startsWith('.');
      const target = relative ? path.posix.normalize(path.posix.join(path.posix.dirname(file), specifier)) : null;
      const targetLayer = target?.split('/')[0];
      const pkg = relative ? null : packageName(specifier);
      const report = (rule: string) => violations.push({ file, specifier, rule });

      if (pkg === 'electron' || pkg === 'electron-updater') {
        if (layer === 'preload' && pkg === 'electron') continue;
        if (!ELECTRON_SHELL_FILES.has(file)) report('electron is imported only by the shell files and preload');
        continue;
      }
      switch (layer) {
        case 'renderer':
          if (targetLayer === 'main' || targetLayer === 'preload') report('renderer must not import main or preload');
          if (pkg && NODE_BUILTINS.has(specifier)) report('renderer must not import Node built-ins');
          break;
        case 'shared':
          if (target && targetLayer !== 'shared') report('shared imports only shared');
          if (pkg && !SHARED_PACKAGES.has(pkg)) report(`shared may import only pure packages (${[...SHARED_PACKAGES].join(', ')})`);
          break;
        case 'preload':
          if (target && !target.startsWith('shared/ipc/')) report('preload imports only shared/ipc and electron');
          if (pkg) report('preload imports only shared/ipc and electron');
          break;
        case 'main':
          if (targetLayer === 'renderer' || targetLayer === 'preload') report('main must not import renderer or preload');
          break;
      }
    }
  }
  return violations;
}

export function readSources(root: string, layers: string[]): SourceFile[] {
  const out: SourceFile[] = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(path.join(root, dir), { withFileTypes: true })) {
      const rel = `${dir}/${entry.name}`;
      if (entry.isDirectory()) walk(rel);
      else if (/\.(ts|tsx|mts|cts)$/.test(entry.name) && !entry.name.endsWith('.d.ts')) {
        out.push({ file: rel, code: fs.readFileSync(path.join(root, rel), 'utf8') });
      }
    }
  };
  for (const layer of layers) walk(layer);
  return out;
}
