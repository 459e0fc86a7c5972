/**
 * The npm package works in a stock cdk8s app, the way a new user starts (issue 22; newcomer audit
 * 2026-12-06, scenario 3: 63 errors in zod's type files). `npm pack` gives a tarball with compiled
 * JS, the .d.ts of the public API only (none names zod), README and the schema (no tests, no
 * dist/). The app is laid out exactly as `cdk8s init typescript-app` lays it out: the template
 * shipped inside the installed cdk8s-cli, rendered with the variables `cdk8s init` computes
 * (cdk8s-cli lib/cli/cmds/init.js, determineDeps) by the substitution its scaffolder applies
 * (sscaff lib/sscaff.js: file names and contents, the hooks file skipped). Its tsconfig is left as
 * it is: strict, `noUnusedLocals`, `lib: es2016`, no `esModuleInterop`, no `skipLibCheck` (every
 * .d.ts of every package is checked). The post-hook steps follow by hand: `npm install` (here with
 * the tarball, as a user's `npm install cdk8s-storage` adds it: one install for every test here)
 * and `npm run compile`; the hook's `npm run import` fetches Kubernetes schemas from GitHub and is
 * not run (the template's main.ts does not use them). Compiled in that one `tsc --build`: every
 * library example of the README and docs (one folder each) and a plain-App consumer; each runs,
 * and writes a folder that kustomize, Argo CD and a strict API server accept.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as YAML from 'yaml';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Manifest } from '../lib/k8s/manifest';
import { readOutputDir } from '../lib/output/write-dir';
import { ROOT } from './support/cli';
import { LibraryExample, libraryExamples, manifestFolderProblems } from './support/doc-examples';
import { npm, packedPackage, runDir } from './support/package';
import { validateAll } from './support/schema';
import { runAsync } from './support/synth-process';

/** Runs a program to its end without blocking the file (the tests after the install run at once): its stdout, or throws with its output. */
async function run(file: string, args: readonly string[], cwd: string): Promise<string> {
  const result = await runAsync(file, args, cwd);
  if (result.status !== 0) throw Object.assign(new Error(`${file} ${args.join(' ')} exited with ${result.status}`), result);
  return result.stdout;
}

const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));

const CLI = path.dirname(require.resolve('cdk8s-cli/package.json', { paths: [ROOT] }));
const TEMPLATE = path.join(CLI, 'templates', 'typescript-app');
const HOOKS_FILE = '.hooks.sscaff.js';
const { substitute } = require(require.resolve('sscaff/lib/substitute', { paths: [CLI] })) as {
  substitute: (text: string, variables: Record<string, string>) => string;
};

/** The variables `cdk8s init` renders the template with (init.js determineDeps), for this cdk8s-cli. */
function initVariables(app: string): Record<string, string> {
  const version = (pkg: string) => require(require.resolve(`${pkg}/package.json`, { paths: [CLI] })).version as string;
  const cli = JSON.parse(fs.readFileSync(path.join(CLI, 'package.json'), 'utf8'));
  return {
    $base: path.basename(app),
    cdk8s_core_version: version('cdk8s'),
    cdk8s_plus_version: version('cdk8s-plus-33'),
    constructs_version: cli.dependencies.constructs.replace('^', ''),
    cdk8s_cli_spec: `^${cli.version}`,
  };
}

/** Copies the template into `app` as sscaff does: names and contents substituted, the hooks file left out. */
function renderTemplate(dir: string, app: string, variables: Record<string, string>): void {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === HOOKS_FILE) continue;
    const source = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      renderTemplate(source, app, variables);
      continue;
    }
    const target = path.join(app, substitute(path.relative(TEMPLATE, source), variables));
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, substitute(fs.readFileSync(source, 'utf8'), variables));
  }
}

/** What each example must write (a README or docs example without an entry here fails). */
const EXPECTED: Record<string, { files: string[]; check?: (objects: Manifest[]) => void }> = {
  'README.md A whole cluster from a config file': {
    files: ['ais-config.yaml', 'ais-namespace.yaml', 'ais-node-labels.yaml', 'ais-policies.yaml', 'ais-proxies.yaml', 'ais-services.yaml', 'ais-targets.yaml'],
  },
  'README.md A whole cluster as one construct': {
    files: ['ais-config.yaml', 'ais-metallb.yaml', 'ais-namespace.yaml', 'ais-node-labels.yaml', 'ais-policies.yaml', 'ais-proxies.yaml',
      'ais-services.yaml', 'ais-targets.yaml', 'auristor.yaml'],
    check: (objects) => {
      // the node both constructs label is one object carrying both label sets
      const cpu01 = objects.filter((o) => o.kind === 'Node' && o.metadata.name === 'cpu01');
      expect(cpu01).toHaveLength(1);
      expect(cpu01[0].metadata.labels).toEqual({
        'nvidia.com/ais-proxy': 'demo-ais-electable', 'nvidia.com/ais-target': 'demo-ais', 'nvidia.com/ais-initial-primary-proxy': 'demo-ais',
        'auristor.com/auristorfs-group': 'group-1',
      });
      // construct-level resources (quantity strings) reach the aisnode container
      const targets = objects.find((o) => o.kind === 'StatefulSet' && o.metadata.name === 'demo-target')!;
      expect(targets.spec.template.spec.containers[0].resources).toEqual({ requests: { cpu: '8', memory: '64Gi' }, limits: { memory: '96Gi' } });
    },
  },
  'README.md Single constructs': {
    files: ['ais-extra.yaml'],
    check: (objects) => expect(objects.map((o) => `${o.kind} ${o.metadata.name}`)).toEqual([
      'StorageClass demo-local', 'PersistentVolume demo-cpu04-ais-nvme0n1', 'PersistentVolume demo-cpu05-ais-nvme0n1',
      'PodDisruptionBudget demo-target']),
  },
  'README.md Low-level objects': {
    files: ['ais-config.yaml', 'ais-namespace.yaml', 'ais-node-labels.yaml', 'ais-policies.yaml', 'ais-proxies.yaml', 'ais-services.yaml',
      'ais-targets.yaml', 'priority.yaml'],
    check: (objects) => {
      const targets = objects.find((o) => o.kind === 'StatefulSet' && o.metadata.name === 'demo-target')!;
      expect(targets.spec.template.spec.priorityClassName).toBe('storage-critical');
    },
  },
  'docs/auristor.md': { files: ['auristor.yaml'] },
  'docs/operator.md': {
    files: ['ais-aistore.yaml', 'ais-metallb.yaml', 'ais-namespace.yaml', 'ais-node-labels.yaml', 'ais-policies.yaml', 'ais-storage.yaml'],
  },
};

const CONSUMER = `import { App, Chart } from 'cdk8s';
import { AisCluster, AuristorClient, KmodDelivery, MountpathStorage, applyGitOps, synthesize } from 'cdk8s-storage';

const app = new App();
const ais = new AisCluster(app, 'ais', {
  name: 'edge',
  proxyNodes: ['n1'],
  targetNodes: ['n1', 'n2'],
  mountpaths: [{ path: '/ais/nvme0n1', size: '3Ti' }],
  storage: MountpathStorage.LOCAL_PV,
});
new AuristorClient(new Chart(app, 'auristor'), 'client', {
  delivery: KmodDelivery.STATIC,
  groups: [{ name: 'group-1', nodes: ['n1'], kmodVersion: '2021.05-20', csiVersion: '2022.09-1', kernels: ['4.18.0-305.49.1.el8_4.x86_64'] }],
});
const replicas: number | undefined = ais.targets.statefulSet.toJson().spec.replicas;
applyGitOps(app);   // one Node per node (n1 is labelled by both), sync waves
const output = synthesize(app);
const nodes = output.manifests.filter((m) => m.kind === 'Node').map((m) => m.metadata.name);
console.log(JSON.stringify({ replicas, nodes, files: [...output.files.keys()], objects: output.manifests.length }));
`;

describe('npm package in a stock `cdk8s init typescript-app` app', () => {
  let files: readonly string[];
  let app: string;
  let examples: LibraryExample[];
  const tsc = () => path.join(app, 'node_modules', 'typescript', 'bin', 'tsc');

  beforeAll(async () => {
    let tarball: string;
    ({ tarball, files } = await packedPackage());
    app = path.join(fs.mkdtempSync(path.join(runDir(), 'stock-')), 'storage-app');
    fs.mkdirSync(app);
    renderTemplate(TEMPLATE, app, initVariables(app));
    examples = ['README.md', 'docs/auristor.md', 'docs/operator.md'].flatMap((file) => libraryExamples(file));
    examples.forEach((example, i) => {
      const dir = path.join(app, 'examples', `example-${i + 1}`);
      fs.mkdirSync(dir, { recursive: true });
      fs.writeFileSync(path.join(dir, 'main.ts'), example.code);
      fs.copyFileSync(path.join(ROOT, 'examples', 'minimal.yaml'), path.join(dir, 'my-cluster.yaml'));
    });
    fs.mkdirSync(path.join(app, 'consumer'));
    fs.writeFileSync(path.join(app, 'consumer', 'main.ts'), CONSUMER);
    // the template's dependencies and devDependencies, and the package (npm records it in package.json)
    npm(['install', '--prefer-offline', '--no-audit', '--no-fund', tarball], app);
  }, 600_000);

  it('ships compiled JS, .d.ts, README, schema and examples; no tests, sources or dist/', () => {
    expect(files).toEqual(expect.arrayContaining([
      'out/lib/index.js', 'out/lib/index.d.ts', 'out/cdk8s-storage.js', 'bin/cdk8s-storage.js',
      'README.md', 'LICENSE', 'schema/cluster-config.schema.json', 'examples/reference.yaml', 'package.json',
    ]));
    expect(files.filter((f) => /^(test|dist|lib|bench|scripts)\//.test(f) || f.endsWith('.ts') && !f.endsWith('.d.ts'))).toEqual([]);
    expect(pkg.peerDependencies).toMatchObject({ cdk8s: expect.any(String), constructs: expect.any(String) });
  });

  it('ships the declarations of the public API only: none names zod or the config schema', () => {
    const declarations = files.filter((f) => f.endsWith('.d.ts'));
    expect(declarations).toEqual(expect.arrayContaining(['out/lib/index.d.ts', 'out/lib/ais/cluster.d.ts', 'out/lib/generator/library-config.d.ts']));
    // of the config layer only ConfigError and ConfigProblem are public; no schema, no config → props adapter
    expect(declarations.filter((f) => /^out\/lib\/(from-config\/|config\/(?!errors\.d\.ts$))/.test(f))).toEqual([]);
    const installed = path.join(app, 'node_modules', 'cdk8s-storage');
    expect(declarations.filter((f) => /zod/.test(fs.readFileSync(path.join(installed, f), 'utf8')))).toEqual([]);
  });

  it('keeps the template as cdk8s init renders it: strict, no esModuleInterop, no skipLibCheck', () => {
    const rendered = JSON.parse(fs.readFileSync(path.join(app, 'tsconfig.json'), 'utf8'));
    expect(rendered).toEqual(JSON.parse(fs.readFileSync(path.join(TEMPLATE, 'tsconfig.json'), 'utf8')));
    expect(rendered.compilerOptions).toMatchObject({ strict: true, noUnusedLocals: true });
    expect(rendered.compilerOptions.esModuleInterop).toBeUndefined();
    expect(rendered.compilerOptions.skipLibCheck).toBeUndefined();
    const appPackage = JSON.parse(fs.readFileSync(path.join(app, 'package.json'), 'utf8'));
    expect(appPackage.scripts.compile).toBe('tsc --build');
    expect(Object.keys(appPackage.dependencies)).toEqual(['cdk8s', 'cdk8s-plus-33', 'cdk8s-storage', 'constructs']);
  });

  /** `npm run compile`, once: its test reports a failure; the tests that run what it compiled wait for it. */
  let compiled: Promise<void> | undefined;
  const compile = () => {
    compiled ??= run('npm', ['run', 'compile'], app).then(() => undefined, (error: { stdout?: string; stderr?: string }) => {
      // errors name the file (examples/example-<n>/main.ts: the n-th block of README, docs/auristor.md, docs/operator.md) and line
      throw new Error(`npm run compile failed in the stock app:\n${error.stdout ?? ''}${error.stderr ?? ''}\nexamples: ${examples.map((e, i) => `${i + 1}: ${e.where}`).join(', ')}`);
    });
    return compiled;
  };

  // the compile, the compiled examples and consumer, a type error and the command run at once (two tsc and the nodes share the cores)
  it.concurrent('`npm run compile` (the template\'s own tsc) compiles the template, every README and docs library example and a consumer against the package', async () => {
    expect(examples.map((e) => e.title)).toEqual(Object.keys(EXPECTED));
    await compile();
  }, 300_000);

  // the compiled examples, the consumer, a type error and the command: independent of each other, run at once
  it.concurrent('each example writes a folder kustomize and Argo CD accept, every object valid for a strict 1.28 API server', async () => {
    await compile();
    const dirs = examples.map((_, i) => path.join(app, 'examples', `example-${i + 1}`));
    await Promise.all(dirs.map((dir) => run(process.execPath, ['main.js'], dir)));
    for (const [i, example] of examples.entries()) {
      const where = `${example.where} (${example.title})`;
      const output = readOutputDir(path.join(dirs[i], 'dist'));
      expect([...output.keys()], where).toEqual(EXPECTED[example.title].files);
      expect(manifestFolderProblems(output), where).toEqual([]);
      const objects = [...output.values()].flatMap((text) => YAML.parseAllDocuments(text).map((d) => d.toJS() as Manifest));
      expect(objects.filter((o) => o.metadata.annotations?.['argocd.argoproj.io/sync-wave'] === undefined).map((o) => `${o.kind} ${o.metadata.name}`), where)
        .toEqual([]);
      expect(await validateAll(objects), where).toEqual([]);
      EXPECTED[example.title].check?.(objects);
    }
  }, 300_000);

  it.concurrent('a plain cdk8s App with applyGitOps and synthesize: AisCluster and AuristorClient from TypeScript', async () => {
    await compile();
    const result = JSON.parse(await run(process.execPath, ['main.js'], path.join(app, 'consumer')));
    expect(result.replicas).toBe(2);
    expect(result.nodes).toEqual(['n1', 'n2']);
    expect(result.files).toEqual(expect.arrayContaining(['ais-targets.yaml', 'ais-storage.yaml', 'auristor.yaml']));
    expect(result.objects).toBeGreaterThan(20);
  }, 300_000);

  it.concurrent('a type error in the consumer is caught against the shipped .d.ts', async () => {
    // beside the app (its node_modules linked), so the app's own compile never sees the error
    const dir = fs.mkdtempSync(path.join(path.dirname(app), 'bad-'));
    fs.symlinkSync(path.join(app, 'node_modules'), path.join(dir, 'node_modules'));
    fs.writeFileSync(path.join(dir, 'bad.ts'), "import { AisCluster } from 'cdk8s-storage';\nimport { App } from 'cdk8s';\nnew AisCluster(new App(), 'x', { name: 'x', proxyNodes: ['a'], targetNodes: ['a'], mountpaths: ['/ais/sda'] });\n");
    let output = '';
    try {
      await run(process.execPath, [tsc(), '--noEmit', '--strict', '--skipLibCheck', 'bad.ts'], dir);
    } catch (error) {
      output = String((error as { stdout?: string }).stdout);
    }
    expect(output).toMatch(/bad\.ts\(3,\d+\): error TS2322: Type 'string' is not assignable to type 'Mountpath'/);
  });

  it.concurrent('the cdk8s-storage command synthesizes the reference example', async () => {
    const dir = fs.mkdtempSync(path.join(path.dirname(app), 'cli-'));
    const out = path.join(dir, 'dist');
    await run(path.join(app, 'node_modules', '.bin', 'cdk8s-storage'), ['--out', out, '--quiet'], dir);
    expect(fs.readdirSync(out)).toContain('ais-targets.yaml');
    expect(fs.existsSync(path.join(dir, 'PLAN.md'))).toBe(true);
  });
});
