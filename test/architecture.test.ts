/**
 * The shape of the code (README, "Development"): data flows one way, config → props → constructs.
 * Constructs never import the config schema or the config → props adapters, and no module of lib/
 * imports itself back through a chain of runtime imports (a cycle makes the order of module
 * initialisation matter, and a construct half-defined at import time).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from './support/cli';

const LIB = path.join(ROOT, 'lib');

function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? sources(full) : entry.name.endsWith('.ts') ? [full] : [];
  });
}

/** The lib/ files a file imports or re-exports; `import type` too unless `runtimeOnly`. */
function importsOf(file: string, runtimeOnly: boolean): string[] {
  const text = fs.readFileSync(file, 'utf8');
  const specs = [...text.matchAll(/^(?:import|export)\s+(type\s+)?[^;]*?from\s+'(\.[^']+)'/gms)]
    .filter((m) => !(runtimeOnly && m[1]))
    .map((m) => m[2]);
  return specs.flatMap((spec) => {
    const target = path.resolve(path.dirname(file), spec);
    return [`${target}.ts`, path.join(target, 'index.ts')].filter((candidate) => fs.existsSync(candidate)).slice(0, 1);
  });
}

const rel = (file: string) => path.relative(ROOT, file);
const FILES = sources(LIB);

describe('architecture', () => {
  it.each(['ais', 'auristor', 'gitops', 'k8s', 'output', 'net', 'props'])('constructs and helpers in lib/%s never import the config schema or the adapters', (folder) => {
    const offenders = FILES.filter((f) => f.startsWith(path.join(LIB, folder) + path.sep))
      .flatMap((f) => importsOf(f, false).filter((t) => /\/lib\/(config|from-config)\//.test(t)).map((t) => `${rel(f)} -> ${rel(t)}`));
    expect(offenders).toEqual([]);
  });

  it('no runtime import cycles in lib/', () => {
    const graph = new Map(FILES.map((f) => [f, importsOf(f, true)]));
    const state = new Map<string, 'open' | 'done'>();
    const cycles: string[] = [];
    const visit = (file: string, stack: string[]) => {
      if (state.get(file) === 'done') return;
      if (state.get(file) === 'open') {
        cycles.push([...stack.slice(stack.indexOf(file)), file].map(rel).join(' -> '));
        return;
      }
      state.set(file, 'open');
      for (const next of graph.get(file) ?? []) visit(next, [...stack, file]);
      state.set(file, 'done');
    };
    for (const file of FILES) visit(file, []);
    expect(cycles).toEqual([]);
  });

  it('the checker sees imports (it would catch a cycle)', () => {
    expect(importsOf(path.join(LIB, 'generator', 'cli.ts'), true).map(rel)).toContain(path.join('lib', 'generator', 'build.ts'));
    expect(importsOf(path.join(LIB, 'from-config', 'ais.ts'), false).some((t) => t.includes(`${path.sep}config${path.sep}`))).toBe(true);
  });
});
