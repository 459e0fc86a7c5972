/**
 * Library use: an app built from the constructs (the README's AIS cluster next to an AuriStorFS
 * group on a shared node) gets what the generator's output has — one Node per machine, a sync wave
 * on every object, one non-empty file per chart — from `GitOpsApp` (or `applyGitOps(app)`).
 * test/package.test.ts runs the README's code blocks themselves against the npm package.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { App, Chart } from 'cdk8s';
import { k8s } from 'cdk8s-plus-28';
import * as YAML from 'yaml';
import { describe, expect, it } from 'vitest';
import { AisCluster, ArgoApplication, ArgoApplicationChart, AuristorClient, GitOpsApp, KmodDelivery, SYNC_WAVE_ANNOTATION, applyGitOps, synthesize } from '../../lib';
import type { Manifest } from '../../lib/k8s/manifest';
import { readOutputDir } from '../../lib/output/write-dir';
import { tempDir } from '../support/cli';
import { manifestFolderProblems } from '../support/doc-examples';

/** The README's L3 example: AIS on cpu01-03, the AuriStorFS group on cpu01. */
function addFleet(app: App, auristorNodes = ['cpu01']): void {
  new AisCluster(app, 'ais', {
    name: 'demo',
    proxyNodes: ['cpu01', 'cpu02', 'cpu03'],
    targetNodes: ['cpu01', 'cpu02', 'cpu03'],
    mountpaths: [{ path: '/ais/sda' }, { path: '/ais/sdb' }],
    gateway: { loadBalancerIP: '10.132.179.10', addressPool: '10.132.179.10-10.132.179.20' },
  });
  new AuristorClient(new Chart(app, 'auristor'), 'client', {
    delivery: KmodDelivery.STATIC,
    groups: [{ name: 'group-1', nodes: auristorNodes, kmodVersion: '2021.05-20', csiVersion: '2022.09-1', kernels: ['4.18.0-305.49.1.el8_4.x86_64'] }],
  });
}

/** The YAML files of a folder, name → text (not the generator's index of what it wrote, if any). */
const readTree = (dir: string): Record<string, string> => Object.fromEntries(readOutputDir(dir));

/** A GitOpsApp with the fleet, synthesized into a fresh `dist/`. */
function synthFleet(): { app: GitOpsApp; outdir: string; files: Record<string, string> } {
  const outdir = path.join(tempDir('library-gitops-'), 'dist');
  const app = new GitOpsApp({ outdir });
  addFleet(app);
  app.synth();
  return { app, outdir, files: readTree(outdir) };
}

const objectsOf = (files: Record<string, string>): Manifest[] =>
  Object.values(files).flatMap((text) => YAML.parseAllDocuments(text).map((d) => d.toJS() as Manifest));

describe('library use', () => {
  it('a plain cdk8s App emits the shared node twice and empty files (what GitOpsApp fixes)', () => {
    const outdir = tempDir('library-plain-');
    const app = new App({ outdir });
    addFleet(app);
    app.synth();
    const problems = manifestFolderProblems(readOutputDir(outdir));
    expect(problems).toEqual(expect.arrayContaining([
      expect.stringMatching(/^v1 Node \/cpu01 in ais-node-labels-\w+\.k8s\.yaml and auristor\.k8s\.yaml$/),
      expect.stringMatching(/^ais-tls-\w+\.k8s\.yaml: empty file$/),
    ]));
  });

  it('GitOpsApp writes one non-empty file per chart, each object once, the shared node with both label sets, a wave on every object', () => {
    const { files } = synthFleet();
    expect(Object.keys(files)).toEqual(['ais-config.yaml', 'ais-metallb.yaml', 'ais-namespace.yaml', 'ais-node-labels.yaml', 'ais-policies.yaml',
      'ais-proxies.yaml', 'ais-services.yaml', 'ais-targets.yaml', 'auristor.yaml']);
    expect(manifestFolderProblems(new Map(Object.entries(files)))).toEqual([]);
    const objects = objectsOf(files);
    const nodes = objects.filter((o) => o.kind === 'Node');
    expect(nodes.map((n) => n.metadata.name)).toEqual(['cpu01', 'cpu02', 'cpu03']);
    expect(nodes[0].metadata.labels).toEqual({
      'auristor.com/auristorfs-group': 'group-1', 'nvidia.com/ais-initial-primary-proxy': 'demo-ais',
      'nvidia.com/ais-proxy': 'demo-ais-electable', 'nvidia.com/ais-target': 'demo-ais',
    });
    expect(nodes[0].metadata.annotations).toEqual({ [SYNC_WAVE_ANNOTATION]: '2', 'argocd.argoproj.io/sync-options': 'ServerSideApply=true,Prune=false,Delete=false' });
    expect(objects.filter((o) => o.metadata.annotations?.[SYNC_WAVE_ANNOTATION] === undefined)).toEqual([]);
    const wave = (kind: string, name: string) => objects.find((o) => o.kind === kind && o.metadata.name === name)!.metadata.annotations![SYNC_WAVE_ANNOTATION];
    expect([wave('Namespace', 'ais'), wave('StatefulSet', 'demo-target'), wave('Service', 'demo-proxy-lb')]).toEqual(['0', '6', '6']);
  });

  it('GitOpsApp output equals the generator pipeline on the same app, and synth is repeatable byte for byte', () => {
    const { app, outdir, files: first } = synthFleet();
    app.synth();
    expect(readTree(outdir)).toEqual(first);
    const sorted = (objects: Manifest[]) => objects.map((o) => JSON.stringify(o)).sort();
    expect(sorted(YAML.parseAllDocuments(app.synthYaml()).map((d) => d.toJS()))).toEqual(sorted(objectsOf(first)));

    const plain = new App();
    addFleet(plain);
    applyGitOps(plain);
    expect(Object.fromEntries(synthesize(plain).files)).toEqual(first);
  });

  it('conflicting labels of one node are refused naming both constructs (the GitOps rulebook), and nothing is written', () => {
    const outdir = path.join(tempDir('library-conflict-'), 'dist');
    fs.mkdirSync(outdir);
    fs.writeFileSync(path.join(outdir, 'previous.yaml'), 'kind: ConfigMap\n');
    const app = new GitOpsApp({ outdir });
    addFleet(app);
    new AuristorClient(new Chart(app, 'auristor-b'), 'client', {
      delivery: KmodDelivery.STATIC,
      groups: [{ name: 'group-2', nodes: ['cpu01'], kmodVersion: '2021.05-20', csiVersion: '2022.09-1', kernels: ['4.18.0-305.49.1.el8_4.x86_64'] }],
    });
    expect(() => app.synth()).toThrow('the app\'s constructs do not fit together:\n'
      + '  auristor-b/client/Cluster (AuristorClusterResources) props.csiNamespace: namespace auristorfs-csi is also the namespace of the AuriStorFS CSI controller; '
      + 'give the AuriStorFS CSI controller its own namespace\n'
      + '  auristor-b/client/group-2 (AuristorGroupResources) props.group.name: node cpu01 gets auristor.com/auristorfs-group=group-2 here and '
      + 'auristor.com/auristorfs-group=group-1 as the AuriStorFS node-group label: a node holds one value per key, so it belongs to one of them');
    expect(readTree(outdir)).toEqual({ 'previous.yaml': 'kind: ConfigMap\n' });
  });

  it('an object of a kind the wave table does not know keeps the wave its author set, and without one is refused by name', () => {
    const app = new GitOpsApp({ outdir: tempDir('library-kind-') });
    addFleet(app);
    const ingress = new k8s.KubeIngress(new Chart(app, 'ingress'), 'gateway', {
      metadata: { name: 'demo-console', namespace: 'ais' },
      spec: { defaultBackend: { service: { name: 'demo-gateway', port: { number: 51080 } } } },
    });
    expect(() => app.synthYaml()).toThrow('no sync wave for Ingress ais/demo-console (kind networking.k8s.io/Ingress, chart ingress): '
      + 'the wave table (SYNC_WAVES) has no row for its kind; set its argocd.argoproj.io/sync-wave annotation');
    ingress.metadata.addAnnotation(SYNC_WAVE_ANNOTATION, '8');
    const objects = YAML.parseAllDocuments(app.synthYaml()).map((d) => d.toJS() as Manifest);
    expect(objects.find((o) => o.kind === 'Ingress')!.metadata.annotations).toEqual({ [SYNC_WAVE_ANNOTATION]: '8' });
  });

  it('an Argo CD Application is written like any object in an ordinary chart, and refused in a chart meant for beside the output', () => {
    const outdir = path.join(tempDir('library-argo-'), 'dist');
    const app = new GitOpsApp({ outdir });
    addFleet(app);
    new ArgoApplication(new Chart(app, 'argocd'), 'demo', { name: 'demo', repoURL: 'https://git.example.com/storage.git', path: 'dist' });
    app.synth();
    const application = objectsOf(readTree(outdir)).find((o) => o.kind === 'Application')!;
    expect(application.metadata.annotations?.[SYNC_WAVE_ANNOTATION]).toBe('0');

    new ArgoApplicationChart(app, 'beside', '../argocd/demo.yaml', { name: 'other', repoURL: 'https://git.example.com/storage.git', path: 'dist' });
    expect(() => app.synth()).toThrow(`GitOpsApp writes only into ${outdir}, not beside it (../argocd/demo.yaml): put the ArgoApplication in an ordinary Chart`);
  });

  it('GitOpsApp keeps a hand-written file in its outdir: it refuses to write, naming it, as npm run synth does', () => {
    const { app, outdir, files } = synthFleet();
    fs.writeFileSync(path.join(outdir, 'kustomization.yaml'), 'resources: []\n');
    expect(() => app.synth()).toThrow(/refusing to write .*kustomization\.yaml/s);
    expect(readTree(outdir)).toEqual({ ...files, 'kustomization.yaml': 'resources: []\n' });
  });
});
