/**
 * The npm package works in a fresh cdk8s app: `npm pack` gives a tarball with compiled JS,
 * .d.ts, README and the schema (no tests, no dist/); installed into a new app next to cdk8s and
 * constructs (peer dependencies), the library type-checks and synthesizes from TypeScript, and
 * the `cdk8s-storage` command runs.
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ROOT, tempDir } from './support/cli';
const { bundleIsFresh } = require('../bin/bundle-freshness') as { bundleIsFresh: (root: string) => boolean };

const npm = (args: string[], cwd: string) => execFileSync('npm', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));

/** The compiled output is at least as new as every TypeScript source (else the tarball would be stale). */
const buildIsFresh = () => bundleIsFresh(ROOT) && fs.existsSync(path.join(ROOT, 'out', 'lib', 'index.d.ts'));

const CONSUMER = `import { App, Chart } from 'cdk8s';
import { AisCluster, AuristorClient, KmodDelivery, MountpathStorage, synthesize } from 'cdk8s-storage';

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
const output = synthesize(app);
console.log(JSON.stringify({ replicas, files: [...output.files.keys()], objects: output.manifests.length }));
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

  it('the cdk8s-storage command synthesizes the reference example', () => {
    const out = path.join(app, 'dist');
    execFileSync(path.join(app, 'node_modules', '.bin', 'cdk8s-storage'), ['--out', out, '--quiet'], { cwd: app });
    expect(fs.readdirSync(out)).toContain('ais-targets.yaml');
    expect(fs.existsSync(path.join(app, 'PLAN.md'))).toBe(true);
  });
});
