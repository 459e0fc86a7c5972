/**
 * The npm package works in a fresh cdk8s app: `npm pack` gives a tarball with compiled JS,
 * .d.ts, README and the schema (no tests, no dist/); installed into a new app next to cdk8s and
 * constructs (peer dependencies), the library type-checks and synthesizes from TypeScript, and
 * the `cdk8s-storage` command runs. The README's library examples are type-checked against the
 * shipped .d.ts, run, and their output checked as kustomize and Argo CD would.
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as YAML from 'yaml';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Manifest } from '../lib/k8s/manifest';
import { readOutputDir } from '../lib/output/write-dir';
import { ROOT, tempDir } from './support/cli';
import { manifestFolderProblems, libraryExamples } from './support/doc-examples';
import { validateAll } from './support/schema';
const { bundleIsFresh } = require('../bin/bundle-freshness') as { bundleIsFresh: (root: string) => boolean };

const npm = (args: string[], cwd: string) => execFileSync('npm', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));

/** The compiled output is at least as new as every TypeScript source (else the tarball would be stale). */
const buildIsFresh = () => bundleIsFresh(ROOT) && fs.existsSync(path.join(ROOT, 'out', 'lib', 'index.d.ts'));

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

describe('npm package in a fresh cdk8s app', () => {
  let tarball: string;
  let files: string[];
  let app: string;

  beforeAll(() => {
    if (!buildIsFresh()) npm(['run', 'build'], ROOT);
    const packDir = tempDir('cdk8s-storage-pack-');
    const [packed] = JSON.parse(npm(['pack', '--ignore-scripts', '--json', '--pack-destination', packDir], ROOT));
    tarball = path.join(packDir, packed.filename);
    files = packed.files.map((f: { path: string }) => f.path);
    app = tempDir('cdk8s-storage-consumer-');
    fs.writeFileSync(path.join(app, 'package.json'), JSON.stringify({ name: 'consumer', version: '1.0.0', private: true }));
    npm(['install', '--prefer-offline', '--no-audit', '--no-fund', tarball,
      `cdk8s@${pkg.devDependencies.cdk8s}`, `constructs@${pkg.devDependencies.constructs}`,
      `typescript@${pkg.devDependencies.typescript}`, `@types/node@${pkg.devDependencies['@types/node']}`], app);
  }, 240_000);

  it('ships compiled JS, .d.ts, README, schema and examples; no tests, sources or dist/', () => {
    expect(files).toEqual(expect.arrayContaining([
      'out/lib/index.js', 'out/lib/index.d.ts', 'out/cdk8s-storage.js', 'bin/cdk8s-storage.js',
      'README.md', 'LICENSE', 'schema/cluster-config.schema.json', 'examples/reference.yaml', 'package.json',
    ]));
    expect(files.filter((f) => /^(test|dist|lib|bench|scripts)\//.test(f) || f.endsWith('.ts') && !f.endsWith('.d.ts'))).toEqual([]);
    expect(pkg.peerDependencies).toMatchObject({ cdk8s: expect.any(String), constructs: expect.any(String) });
  });

  it('type-checks and synthesizes AisCluster and AuristorClient from TypeScript', () => {
    fs.writeFileSync(path.join(app, 'main.ts'), CONSUMER);
    fs.writeFileSync(path.join(app, 'tsconfig.json'), JSON.stringify({
      compilerOptions: { target: 'ES2022', module: 'commonjs', strict: true, esModuleInterop: true, skipLibCheck: true, types: ['node'] },
    }));
    execFileSync(process.execPath, [path.join(app, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', app], { cwd: app, stdio: 'pipe' });
    const result = JSON.parse(execFileSync(process.execPath, ['main.js'], { cwd: app, encoding: 'utf8' }));
    expect(result.replicas).toBe(2);
    expect(result.nodes).toEqual(['n1', 'n2']);
    expect(result.files).toEqual(expect.arrayContaining(['ais-targets.yaml', 'ais-storage.yaml', 'auristor.yaml']));
    expect(result.objects).toBeGreaterThan(20);
  });

  it('a type error in the consumer is caught against the shipped .d.ts', () => {
    fs.writeFileSync(path.join(app, 'bad.ts'), "import { AisCluster } from 'cdk8s-storage';\nimport { App } from 'cdk8s';\nnew AisCluster(new App(), 'x', { name: 'x', proxyNodes: ['a'], targetNodes: ['a'], mountpaths: ['/ais/sda'] });\n");
    const tsc = () => execFileSync(process.execPath, [path.join(app, 'node_modules', 'typescript', 'bin', 'tsc'), '--noEmit', '--strict', '--skipLibCheck', 'bad.ts'],
      { cwd: app, stdio: 'pipe', encoding: 'utf8' });
    let output = '';
    try {
      tsc();
    } catch (error) {
      output = String((error as { stdout?: string }).stdout);
    }
    expect(output).toMatch(/bad\.ts\(3,\d+\): error TS2322: Type 'string' is not assignable to type 'Mountpath'/);
  });

  it('every library example of the README and docs type-checks against the package and writes a folder kustomize and Argo CD accept', async () => {
    const examples = ['README.md', 'docs/auristor.md', 'docs/operator.md'].flatMap((file) => libraryExamples(file));
    // what each example must write (and a README example without an entry here fails)
    const expected: Record<string, { files: string[]; check?: (objects: Manifest[]) => void }> = {
      'README.md Whole fleet from a config file': {
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
    expect(examples.map((e) => e.title)).toEqual(Object.keys(expected));

    const root = path.join(app, 'readme');
    const dirs = examples.map((example, i) => {
      const dir = path.join(root, `example-${i + 1}`);
      fs.mkdirSync(dir, { recursive: true });
      fs.writeFileSync(path.join(dir, 'main.ts'), example.code);
      fs.copyFileSync(path.join(app, 'node_modules', 'cdk8s-storage', 'examples', 'minimal.yaml'), path.join(dir, 'my-cluster.yaml'));
      return dir;
    });
    fs.writeFileSync(path.join(root, 'tsconfig.json'), JSON.stringify({
      compilerOptions: { target: 'ES2022', module: 'commonjs', strict: true, esModuleInterop: true, skipLibCheck: true, types: ['node'] },
    }));
    // strict type-check of every block against the shipped .d.ts; errors name README lines via the block's file
    execFileSync(process.execPath, [path.join(app, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', root], { cwd: root, stdio: 'pipe' });

    for (const [i, example] of examples.entries()) {
      const where = `${example.where} (${example.title})`;
      execFileSync(process.execPath, ['main.js'], { cwd: dirs[i], stdio: 'pipe' });
      const files = readOutputDir(path.join(dirs[i], 'dist'));
      expect([...files.keys()], where).toEqual(expected[example.title].files);
      expect(manifestFolderProblems(files), where).toEqual([]);
      const objects = [...files.values()].flatMap((text) => YAML.parseAllDocuments(text).map((d) => d.toJS() as Manifest));
      expect(objects.filter((o) => o.metadata.annotations?.['argocd.argoproj.io/sync-wave'] === undefined).map((o) => `${o.kind} ${o.metadata.name}`), where)
        .toEqual([]);
      expect(await validateAll(objects), where).toEqual([]);
      expected[example.title].check?.(objects);
    }
  });

  it('the cdk8s-storage command synthesizes the reference example', () => {
    const out = path.join(app, 'dist');
    execFileSync(path.join(app, 'node_modules', '.bin', 'cdk8s-storage'), ['--out', out, '--quiet'], { cwd: app });
    expect(fs.readdirSync(out)).toContain('ais-targets.yaml');
    expect(fs.existsSync(path.join(app, 'PLAN.md'))).toBe(true);
  });
});
