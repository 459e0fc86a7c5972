/**
 * The shape of the code (README, "Development"): data flows one way, config → props → constructs →
 * app → rendering → files. An allowed-edges table says which folder of lib/ may import which;
 * type-only imports count (a type cycle is still two modules that must change together), no folder
 * pair imports each other, and no file imports itself back through a chain of imports.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from './support/cli';

const LIB = path.join(ROOT, 'lib');

/**
 * Folder of lib/ → the folders it may import (besides itself). Leaves at the top; each row only
 * names rows above it. `lib/index.ts` (the public API) and `lib/generator/` (the CLI) may import anything.
 */
const ALLOWED: Readonly<Record<string, readonly string[]>> = {
  k8s: [], // Kubernetes rules and wire types: names, quantities, durations, manifests, prerequisites
  net: [], // address pools
  props: ['k8s'], // problems found in construct props
  output: ['k8s'], // rendering (YAML) and files (atomic writes, ownership)
  argo: ['k8s'], // Argo CD annotations, sync waves and options: what constructs put on their objects
  lint: ['k8s'], // security lint: objects in, violations out
  ais: ['k8s', 'props', 'net', 'argo', 'output', 'imports'], // AIStore constructs and their rulebooks
  auristor: ['k8s', 'props', 'net', 'argo', 'output', 'imports'], // AuriStorFS constructs and their rulebook (no AIS)
  gitops: ['k8s', 'props', 'argo', 'output'], // GitOpsApp, Argo CD Applications, the GitOps rulebook
  review: ['k8s', 'argo', 'ais', 'auristor'], // the change review: reads manifests, knows AIS and AuriStorFS facts
  report: ['k8s', 'argo', 'ais', 'auristor', 'review', 'gitops', 'output'], // PLAN.md from what was built
  config: ['k8s', 'props'], // the config file: parse and point (plus the L3 defaults modules, below)
  'from-config': ['config', 'ais', 'auristor', 'gitops', 'k8s', 'props', 'net', 'argo'], // config → props adapters
};
/** Modules any layer may import: the defaults of each L3, read by its constructs and by the config schema's `.default()`. */
const DEFAULTS = /^lib\/(ais|ais\/operator|auristor|gitops)\/defaults\.ts$/;
const ANYTHING = new Set(['generator', '(index)']);

function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? sources(full) : entry.name.endsWith('.ts') ? [full] : [];
  });
}

/** The lib/ files a file imports or re-exports (`import type` included), from its import and export declarations. */
function importsOf(file: string): string[] {
  const text = fs.readFileSync(file, 'utf8');
  const specs = [...text.matchAll(/^(?:import|export)\s+(?:type\s+)?[^;]*?from\s+'(\.[^']+)'/gms)].map((m) => m[1]);
  return specs.flatMap((spec) => {
    const target = path.resolve(path.dirname(file), spec);
    return [`${target}.ts`, path.join(target, 'index.ts')].filter((candidate) => fs.existsSync(candidate)).slice(0, 1);
  });
}

const rel = (file: string) => path.relative(ROOT, file).split(path.sep).join('/');
/** The top folder of lib/ a file lives in (`(index)` for lib/index.ts; `imports` for the generated CRD classes, L1). */
const folderOf = (file: string) => {
  const parts = rel(file).split('/');
  if (parts[0] !== 'lib') return parts[0];
  return parts.length > 2 ? parts[1] : '(index)';
};
const FILES = sources(LIB);
const EDGES = FILES.flatMap((from) => importsOf(from).map((to) => ({ from, to })));

describe('architecture', () => {
  it('the table names every folder of lib/', () => {
    const folders = new Set(EDGES.flatMap(({ from, to }) => [folderOf(from), folderOf(to)]).filter((f) => f !== 'imports'));
    expect([...folders].filter((f) => !(f in ALLOWED) && !ANYTHING.has(f))).toEqual([]);
  });

  it('every import follows the allowed-edges table (type imports too)', () => {
    const offenders = EDGES.filter(({ from, to }) => {
      const [a, b] = [folderOf(from), folderOf(to)];
      return a !== b && !ANYTHING.has(a) && !DEFAULTS.test(rel(to)) && !ALLOWED[a].includes(b);
    }).map(({ from, to }) => `${rel(from)} -> ${rel(to)}`);
    expect(offenders).toEqual([]);
  });

  it('the defaults modules are leaves', () => {
    expect(EDGES.filter(({ from }) => DEFAULTS.test(rel(from))).map(({ from, to }) => `${rel(from)} -> ${rel(to)}`)).toEqual([]);
  });

  it('no folder pair imports each other', () => {
    const pairs = new Set(EDGES.map(({ from, to }) => `${folderOf(from)} ${folderOf(to)}`).filter((p) => p.split(' ')[0] !== p.split(' ')[1]));
    expect([...pairs].filter((p) => pairs.has(p.split(' ').reverse().join(' ')))).toEqual([]);
  });

  it('no import cycles in lib/ (type imports too)', () => {
    const graph = new Map(FILES.map((f) => [f, importsOf(f)]));
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

  it('the checker sees imports, type-only ones included (it would catch a back edge)', () => {
    const of = (file: string) => importsOf(path.join(LIB, file)).map(rel);
    expect(of('generator/cli.ts')).toContain('lib/generator/build.ts');
    expect(of('from-config/ais.ts').some((t) => t.startsWith('lib/config/'))).toBe(true);
    // a type-only import
    expect(fs.readFileSync(path.join(LIB, 'output/ownership.ts'), 'utf8')).toMatch(/^import type \{ PlannedOutput \} from '\.\/planned';$/m);
    expect(of('output/ownership.ts')).toContain('lib/output/planned.ts');
  });
});

/** Issue 25: the measured start-up and scale cuts stay in place (each named by what it saves). */
describe('speed rules', () => {
  const text = (file: string) => fs.readFileSync(file, 'utf8');

  it('tree walks list children without making bulk objects ApiObjects (lib/k8s/bulk-objects.ts: ~0.5 s at 1000 targets)', () => {
    const walks = FILES.filter((file) => !file.endsWith(path.join('k8s', 'bulk-objects.ts')))
      .flatMap((file) => text(file).split('\n').filter((line) => !/^\s*(\*|\/\/)/.test(line) && /\.node\.(findAll\(|children\b)/.test(line)).map(() => rel(file)));
    expect(walks, 'use allConstructs() / childrenOf() from lib/k8s/bulk-objects.ts').toEqual([]);
  });

  it('no localeCompare: the first call starts ICU (~15 ms); compareNames gives its order (lib/k8s/name-order.ts)', () => {
    expect(FILES.filter((file) => /\.localeCompare\(/.test(text(file)) && !file.endsWith('name-order.ts')).map(rel)).toEqual([]);
  });

  it('zod is imported as a namespace (`import { z }` keeps its 366 KB of locales in the bundle)', () => {
    expect(FILES.filter((file) => /import\s+(type\s+)?\{\s*z\s*\}\s+from\s+'zod'/.test(text(file))).map(rel)).toEqual([]);
  });
});
