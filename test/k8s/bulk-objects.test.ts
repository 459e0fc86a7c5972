/**
 * Objects kept in bulk (lib/k8s/bulk-objects.ts: the local PVs of AisLocalVolumes, issue 25): the
 * synth writes the same bytes as with one ApiObject each, and anything that asks for them as
 * constructs gets ApiObjects exactly as they were built before.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ApiObject, App, Chart, Testing } from 'cdk8s';
import { describe, expect, it } from 'vitest';
import { AisCluster } from '../../lib/ais/cluster';
import { AisOperatorCluster } from '../../lib/ais/operator/cluster';
import { AisLocalVolumes, LocalVolumeLayout } from '../../lib/ais/storage/local-volumes';
import { addAuristorClientCharts } from '../../lib/from-config/auristor';
import { loadConfig } from '../../lib/from-config/load';
import { buildApp } from '../../lib/generator/build';
import { applyGitOps } from '../../lib/gitops/apply';
import { GitOpsApp } from '../../lib/gitops/gitops-app';
import { synthesize } from '../../lib/gitops/synthesize';
import { allConstructs, materializeAll, pendingManifests } from '../../lib/k8s/bulk-objects';
import { toYaml } from '../../lib/output/yaml';
import { sampleConfigs } from '../support/config-generator';
import { EXAMPLES, tempDir, writeConfig } from '../support/cli';

const MOUNTPATHS = [{ path: '/ais/sda', size: '6Ti' }, { path: '/ais/nvme0n1', size: '1.5T' }];

/** Configs with local PVs: the examples that have them and generated ones (standalone and operator, both layouts). */
const CONFIGS: Array<[string, string]> = [
  ...['local-pv.yaml', 'operator.yaml'].map((f): [string, string] => [f, fs.readFileSync(path.join(EXAMPLES, f), 'utf8')]),
  ...sampleConfigs(60, 2525).filter(({ text }) => text.includes('localPV')).slice(0, 10).map(({ id, text }): [string, string] => [id, text]),
];

/** What the generator builds for a config (buildApp), with every object an ApiObject before the GitOps passes (as before issue 25). */
function buildAsApiObjects(text: string): App {
  const adapted = loadConfig(writeConfig(tempDir(), text)).adapted;
  const app = new App();
  if (adapted.ais?.mode === 'standalone') new AisCluster(app, 'ais', adapted.ais.props);
  if (adapted.ais?.mode === 'operator') new AisOperatorCluster(app, 'ais', adapted.ais.props);
  if (adapted.auristor) addAuristorClientCharts(app, adapted.auristor.props, adapted.auristorStorage);
  materializeAll(app);
  expect(allConstructs(app).some((c) => pendingManifests(c))).toBe(false);
  applyGitOps(app, adapted.argoApplications?.props);
  return app;
}

const texts = (app: App) => {
  const output = synthesize(app);
  return { files: Object.fromEntries(output.files), beside: Object.fromEntries(output.beside), manifests: JSON.stringify(output.manifests) };
};

describe('the synth of objects kept in bulk', () => {
  it.each(CONFIGS)('writes the bytes of one ApiObject per PV: %s', (_name, text) => {
    const bulk = buildApp(loadConfig(writeConfig(tempDir(), text)).adapted);
    expect(allConstructs(bulk).some((c) => (pendingManifests(c)?.length ?? 0) > 0)).toBe(true);
    const bulkOutput = texts(bulk);
    expect(allConstructs(bulk).some((c) => (pendingManifests(c)?.length ?? 0) > 0)).toBe(true); // the synth made none
    expect(bulkOutput).toEqual(texts(buildAsApiObjects(text)));
    // made ApiObjects after the GitOps passes (cdk8s's own synth, a library user's walk): the same again
    materializeAll(bulk);
    expect(texts(bulk)).toEqual(bulkOutput);
  });

  it.each([
    ['cdk8s-storage layout', LocalVolumeLayout.CDK8S_STORAGE, {}],
    ['AIS Helm layout', LocalVolumeLayout.AIS_HELM, {}],
    ['a chart with labels and a namespace', LocalVolumeLayout.CDK8S_STORAGE, { labels: { team: 'storage', 'app.kubernetes.io/name': 'chart' }, namespace: 'ns' }],
    // node names YAML would read as something else: written quoted, so not from the template
    ['node names that are YAML words or numbers', LocalVolumeLayout.CDK8S_STORAGE, {}, ['on', 'n1', 'y', '10.0.0.1', 'null']],
  ] as const)('in a library app: %s', (_name, layout, chartProps, nodes: readonly string[] = ['n1', 'n2', 'n3']) => {
    const make = () => {
      const app = new App();
      const volumes = new AisLocalVolumes(new Chart(app, 'storage', chartProps), 'v', { cluster: 'c', nodes: [...nodes], mountpaths: MOUNTPATHS, layout });
      return { app, volumes };
    };
    const bulk = make();
    applyGitOps(bulk.app);
    const asObjects = make();
    expect(asObjects.volumes.volumes).toHaveLength(nodes.length * MOUNTPATHS.length); // made ApiObjects before the passes
    applyGitOps(asObjects.app);
    expect(texts(bulk.app)).toEqual(texts(asObjects.app));
    const yaml = Object.values(texts(bulk.app).files).join('');
    for (const node of nodes) expect(yaml).toContain(toYaml({ values: [node] }).replace('values:\n', '')); // each node as YAML writes it
  });
});

describe('objects kept in bulk become ApiObjects when asked for as constructs', () => {
  const volumes = () => new AisLocalVolumes(new Chart(new App(), 'storage'), 'v', { cluster: 'c', nodes: ['n1', 'n2'], mountpaths: MOUNTPATHS });
  // the ids and order they had as ApiObjects built in the constructor: after the StorageClass, node by node
  const IDS = ['StorageClass', 'n1--ais--sda', 'n1--ais--nvme0n1', 'n2--ais--sda', 'n2--ais--nvme0n1'];

  it.each([
    ['volumes', (v: AisLocalVolumes) => v.volumes],
    ['node.children', (v: AisLocalVolumes) => v.node.children],
    ['node.findAll()', (v: AisLocalVolumes) => v.node.findAll()],
    ['node.findChild()', (v: AisLocalVolumes) => v.node.findChild('n2/ais/sda')],
    ['node.tryFindChild()', (v: AisLocalVolumes) => v.node.tryFindChild('n2--ais--sda')],
    ['node.tryRemoveChild()', (v: AisLocalVolumes) => v.node.tryRemoveChild('nothing')],
    ['the app\'s node.findAll()', (v: AisLocalVolumes) => v.node.root.node.findAll()],
  ])('%s', (_name, ask) => {
    const v = volumes();
    expect(pendingManifests(v)).toHaveLength(4);
    ask(v);
    expect(pendingManifests(v)).toBeUndefined();
    expect(v.node.children.map((c) => c.node.id)).toEqual(IDS);
    expect(v.volumes.map((pv) => pv.name)).toEqual(['c-n1-ais-sda', 'c-n1-ais-nvme0n1', 'c-n2-ais-sda', 'c-n2-ais-nvme0n1']);
    expect(v.volumes.every((pv) => ApiObject.isApiObject(pv) && pv.kind === 'PersistentVolume')).toBe(true);
    expect(v.volumes[2]).toBe(v.node.findChild('n2/ais/sda'));
  });

  it('walks without making them: allConstructs', () => {
    const v = volumes();
    expect(allConstructs(v).map((c) => c.node.id)).toEqual(['v', 'StorageClass']);
    expect(pendingManifests(v)).toHaveLength(4);
  });

  it('for cdk8s: a plain App synthesizes them (Testing.synth, App.synth)', () => {
    const chart = new Chart(Testing.app(), 'storage');
    new AisLocalVolumes(chart, 'v', { cluster: 'c', nodes: ['n1'], mountpaths: MOUNTPATHS });
    expect(Testing.synth(chart).map((o) => `${o.kind} ${o.metadata.name}`)).toEqual(['StorageClass c-local', 'PersistentVolume c-n1-ais-sda', 'PersistentVolume c-n1-ais-nvme0n1']);
    const outdir = tempDir();
    const app = new App({ outdir });
    new AisLocalVolumes(new Chart(app, 'storage'), 'v', { cluster: 'c', nodes: ['n1'], mountpaths: MOUNTPATHS });
    app.synth();
    expect(fs.readFileSync(path.join(outdir, fs.readdirSync(outdir)[0]), 'utf8').match(/^kind: PersistentVolume$/gm)).toHaveLength(2);
  });

  it('for cdk8s\'s order of dependent charts (a graph of every construct): the synth then walks ApiObjects', () => {
    const app = new App();
    const first = new Chart(app, 'first');
    const storage = new Chart(app, 'storage');
    first.addDependency(storage);
    new AisLocalVolumes(storage, 'v', { cluster: 'c', nodes: ['n1'], mountpaths: MOUNTPATHS });
    applyGitOps(app);
    const output = synthesize(app);
    expect([...output.files.keys()]).toEqual(['storage.yaml']);
    expect(output.manifests.map((o) => o.kind)).toEqual(['StorageClass', 'PersistentVolume', 'PersistentVolume']);
    expect(allConstructs(app).some((c) => pendingManifests(c))).toBe(false);
  });

  it('for a patch on a volume: GitOpsApp writes it', () => {
    const app = new GitOpsApp({ outdir: tempDir() });
    const v = new AisLocalVolumes(new Chart(app, 'storage'), 'v', { cluster: 'c', nodes: ['n1'], mountpaths: MOUNTPATHS });
    v.volumes[0].metadata.addLabel('patched', 'by-hand');
    app.synth();
    expect(fs.readFileSync(path.join(app.outdir, 'storage.yaml'), 'utf8')).toContain('    patched: by-hand\n  name: c-n1-ais-sda');
  });
});
