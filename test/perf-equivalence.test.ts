/**
 * Equivalence tests for the fast paths of issue 8 (Performance): each shortcut gives exactly what
 * the plain way gives, on every object of every example and on the cases the shortcut steps aside for.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ApiObject, App, Chart, Lazy } from 'cdk8s';
import { k8s } from 'cdk8s-plus-28';
import { describe, expect, it } from 'vitest';
import { AisGateway, AisTargetLoadBalancers } from '../lib/ais/network/load-balancers';
import { AisLocalVolumes, LocalVolumeLayout } from '../lib/ais/storage/local-volumes';
import { parseConfig } from '../lib/from-config/load';
import { buildApp } from '../lib/generator/build';
import { appliedObjectsIfUnchanged, objectsOfOutputs, readCurrentOutput, writeBesideFiles } from '../lib/output/planned-output';
import { reviewAgainstPrevious } from '../lib/generator/review-step';
import { synthesize } from '../lib/gitops/synthesize';
import { writeOutputDir } from '../lib/output/write-dir';
import { apiObjectsByChart } from '../lib/gitops/all-api-objects';
import { annotationOf, retainOnDelete } from '../lib/argo/argo-annotations';
import { reviewChanges } from '../lib/review/change-review';
import { withFastRendering } from '../lib/output/fast-to-json';
import { toYaml } from '../lib/output/yaml';
import { EXAMPLES, tempDir } from './support/cli';
import { REFERENCE, withGitops } from './support/gitops';

const EXAMPLE_FILES = fs.readdirSync(EXAMPLES).filter((f) => f.endsWith('.yaml'));
const buildExample = (file: string) => buildApp(parseConfig(fs.readFileSync(path.join(EXAMPLES, file), 'utf8'), file));

describe('annotationOf reads what metadata.toJson() renders', () => {
  it.each(EXAMPLE_FILES)('for every annotation of every object of %s', (file) => {
    for (const object of buildExample(file).node.findAll().filter(ApiObject.isApiObject)) {
      const annotations: Record<string, string> = object.metadata.toJson().annotations ?? {};
      for (const key of [...Object.keys(annotations), 'argocd.argoproj.io/sync-options', 'not-there']) {
        expect(annotationOf(object, key)).toBe(annotations[key]);
      }
    }
  });

  it('for token values (resolved through toJson)', () => {
    const cm = new k8s.KubeConfigMap(new Chart(new App(), 'c'), 'cm', { metadata: { name: 'x' } });
    cm.metadata.addAnnotation('lazy', Lazy.any({ produce: () => 'produced' }) as unknown as string);
    expect(annotationOf(cm, 'lazy')).toBe('produced');
  });
});

describe('the change review of an unchanged output (same texts: nothing parsed, nothing compared)', () => {
  const APP_OF_APPS = 'app-of-apps (Applications beside the output)';
  const synthTo = (file: string) => {
    const app = file === APP_OF_APPS
      ? buildApp(parseConfig(withGitops(REFERENCE, '  argocd:\n    repoURL: https://git.example.com/x.git\n    layout: appOfApps\n'), 'c.yaml'))
      : buildExample(file);
    const output = synthesize(app);
    const planned = { files: output.files, beside: output.beside, objects: output.objectsByFile };
    const out = path.join(tempDir(), 'dist');
    writeOutputDir(out, planned.files);
    writeBesideFiles(out, planned.beside);
    return { out, planned };
  };

  it.each([...EXAMPLE_FILES, APP_OF_APPS])('is what the full review says for %s', (file) => {
    const { out, planned } = synthTo(file);
    if (file === APP_OF_APPS) expect([...planned.beside.keys()].length).toBeGreaterThan(1);
    const full = objectsOfOutputs(readCurrentOutput(out, planned), planned);
    expect(appliedObjectsIfUnchanged(readCurrentOutput(out, planned), planned)).toEqual(full.next);
    const expected = reviewChanges(full.previous, full.next);
    expect(expected.changes).toEqual([]);
    expect(reviewAgainstPrevious(out, planned)).toEqual(expected);
  });

  it('steps aside when one file differs, is missing or is extra', () => {
    const { out, planned } = synthTo('reference.yaml');
    const [first] = planned.files.keys();
    const edited = { ...planned, files: new Map([...planned.files].map(([n, t]) => [n, n === first ? `${t}# edit\n` : t])) };
    expect(appliedObjectsIfUnchanged(readCurrentOutput(out, planned), edited)).toBeUndefined();
    const fewer = { ...planned, files: new Map([...planned.files].filter(([n]) => n !== first)) };
    expect(appliedObjectsIfUnchanged(readCurrentOutput(out, planned), fewer)).toBeUndefined();
    fs.writeFileSync(path.join(out, 'extra.yaml'), 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: extra\n');
    expect(appliedObjectsIfUnchanged(readCurrentOutput(out, planned), planned)).toBeUndefined();
    expect(reviewAgainstPrevious(out, planned)?.changes.map((c) => c.action)).toEqual(['removed']);
  });
});

describe('apiObjectsByChart walks the tree once', () => {
  const byFindAll = (app: App) => app.charts.map((chart) => ({
    chart, objects: chart.node.findAll().filter((c): c is ApiObject => ApiObject.isApiObject(c) && Chart.of(c) === chart),
  }));

  const chartsAndObjects = (entries: ReturnType<typeof apiObjectsByChart>) => entries.map(({ chart, objects }) => ({ chart, objects }));

  it.each(EXAMPLE_FILES)('giving each chart the objects (and order) of chart.node.findAll() for %s', (file) => {
    const app = buildExample(file);
    // objects kept in bulk (lib/k8s/bulk-objects.ts) are entries in their place; findAll makes them ApiObjects there
    const bulk = apiObjectsByChart(app).map(({ chart, entries }) => ({ chart, objects: entries.map((o) => (ApiObject.isApiObject(o) ? o.toJson() : o)) }));
    const all = byFindAll(app);
    expect(bulk).toEqual(all.map(({ chart, objects }) => ({ chart, objects: objects.map((o) => o.toJson()) })));
    expect(chartsAndObjects(apiObjectsByChart(app))).toEqual(all);
  });

  it('giving a nested chart its own objects, not its parent', () => {
    const app = new App();
    const outer = new Chart(app, 'outer');
    new k8s.KubeConfigMap(outer, 'a', { metadata: { name: 'a' } });
    const inner = new Chart(outer, 'inner');
    new k8s.KubeConfigMap(inner, 'b', { metadata: { name: 'b' } });
    new k8s.KubeConfigMap(outer, 'c', { metadata: { name: 'c' } });
    const names = apiObjectsByChart(app).map((e) => [e.chart.node.path, e.objects.map((o) => o.name)]);
    expect(names).toEqual(byFindAll(app).map((e) => [e.chart.node.path, e.objects.map((o) => o.name)]));
  });

  it('in the order of app.charts, with numeric chart ids and with dependencies between charts', () => {
    for (const withDependencies of [false, true]) {
      const app = new App();
      const charts = ['b', '10', 'a', '2', 'z-1'].map((id) => new Chart(app, id));
      charts.forEach((chart, i) => new k8s.KubeConfigMap(chart, 'cm', { metadata: { name: `cm-${i}` } }));
      new Chart(charts[2], 'nested');
      if (withDependencies) {
        charts[0].addDependency(charts[2]);
        charts[3].addDependency(charts[0]);
      }
      expect(apiObjectsByChart(app).map((e) => e.chart)).toEqual(app.charts);
      expect(chartsAndObjects(apiObjectsByChart(app))).toEqual(byFindAll(app));
    }
  });
});

describe('PVs and LoadBalancer Services built as plain ApiObjects (wire-format props)', () => {
  // the same object built the cdk8s-plus way, from the wire-format props: quantities and
  // IntOrStrings wrapped, renamed fields (loadBalancerIP) in cdk8s-plus's spelling
  const asKube = (scope: Chart, object: ApiObject): ApiObject => {
    const json = object.toJson();
    if (json.kind === 'PersistentVolume') {
      const capacity = Object.fromEntries(Object.entries(json.spec.capacity).map(([k, v]) => [k, k8s.Quantity.fromString(v as string)]));
      return new k8s.KubePersistentVolume(scope, object.node.id, { metadata: json.metadata, spec: { ...json.spec, capacity } });
    }
    const { loadBalancerIP, ports, ...spec } = json.spec;
    return new k8s.KubeService(scope, object.node.id, {
      metadata: json.metadata,
      spec: { ...spec, loadBalancerIp: loadBalancerIP, ports: ports.map((p: any) => ({ ...p, targetPort: k8s.IntOrString.fromNumber(p.targetPort) })) },
    });
  };
  // rendered by cdk8s and by the fast rendering, as the exact text (key order included) and as YAML
  const renderings = (app: App, object: ApiObject) => {
    const stock = object.toJson();
    const fast = withFastRendering(app, () => object.toJson());
    return [JSON.stringify(stock), JSON.stringify(fast), toYaml(fast)];
  };

  const cases: Array<[string, (chart: Chart) => ApiObject[]]> = [
    ['local PVs, cdk8s-storage layout', (chart) => [...new AisLocalVolumes(chart, 'v', {
      cluster: 'c', nodes: ['n1', 'n2'], mountpaths: [{ path: '/ais/sda', size: '6Ti' }, { path: '/ais/nvme0n1', size: '1.5T' }],
    }).volumes]],
    ['local PVs, AIS Helm layout', (chart) => [...new AisLocalVolumes(chart, 'v', {
      cluster: 'c', nodes: ['n1'], mountpaths: [{ path: '/ais/SDA_1', size: '100Gi' }], layout: LocalVolumeLayout.AIS_HELM, storageClassName: 'sc',
    }).volumes]],
    ['per-target LBs with MetalLB, pool and IPs', (chart) => [...new AisTargetLoadBalancers(chart, 't', {
      cluster: 'c', namespace: 'ns', replicas: 3, port: 51081, metallb: true, metallbPool: 'pool', loadBalancerIPs: ['10.0.0.2', '10.0.0.3'],
    }).services]],
    ['per-target LBs with spec.loadBalancerIP and annotations', (chart) => [...new AisTargetLoadBalancers(chart, 't', {
      cluster: 'c', namespace: 'ns', replicas: 2, port: 51081, loadBalancerIPs: ['10.0.0.2'], annotations: { a: 'b' },
    }).services]],
    ['the gateway', (chart) => [new AisGateway(chart, 'g', { cluster: 'c', namespace: 'ns', port: 51080, loadBalancerIP: '10.0.0.1' }).service]],
  ];

  it.each(cases)('render exactly as the k8s.Kube* objects: %s', (_name, make) => {
    const app = new App();
    const objects = make(new Chart(app, 'plain'));
    expect(objects.length).toBeGreaterThan(0);
    const kube = new Chart(app, 'kube');
    for (const object of objects) {
      retainOnDelete(object);
      const reference = asKube(kube, object);
      retainOnDelete(reference);
      expect(renderings(app, object)).toEqual(renderings(app, reference));
    }
  });
});
