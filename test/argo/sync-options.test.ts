import { ApiObject, App, Chart } from 'cdk8s';
import { k8s } from 'cdk8s-plus-28';
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../lib/from-config/load';
import { SYNC_OPTIONS_ANNOTATION } from '../../lib/argo/argo-annotations';
import { applyGitOps } from '../../lib/gitops/apply';
import { Manifest } from '../../lib/k8s/manifest';
import { syncOptionsFor } from '../../lib/argo/sync-option-rules';
import { REFERENCE, withLocalPV } from '../support/gitops';
import { synthConfig } from '../support/synth';
import { argoApplicationsProps } from '../../lib/from-config/gitops';

const options = (m: Manifest) => m.metadata.annotations?.[SYNC_OPTIONS_ANNOTATION];
const find = (manifests: readonly Manifest[], kind: string, name: string) => {
  const found = manifests.find((m) => m.kind === kind && m.metadata.name === name);
  if (!found) throw new Error(`no ${kind} ${name}`);
  return found;
};

describe('sync options on the reference output', () => {
  const { manifests } = synthConfig(withLocalPV(REFERENCE));

  it('applies label-only Nodes server-side and never prunes or deletes them', () => {
    const nodes = manifests.filter((m) => m.kind === 'Node');
    expect(nodes).toHaveLength(12);
    for (const node of nodes) expect(options(node)).toBe('ServerSideApply=true,Prune=false,Delete=false');
  });

  it('never prunes or deletes the data-bearing objects: PVs, the local StorageClass, the Namespace', () => {
    expect(options(find(manifests, 'PersistentVolume', 'demo-cpu01-ais-sda'))).toBe('Prune=false,Delete=false');
    expect(options(find(manifests, 'StorageClass', 'demo-local'))).toBe('Prune=false,Delete=false');
    expect(options(find(manifests, 'Namespace', 'ais'))).toBe('Prune=false,Delete=false');
  });

  it('lets MetalLB resources sync before MetalLB has installed its CRDs', () => {
    expect(options(find(manifests, 'IPAddressPool', 'demo-ais'))).toBe('SkipDryRunOnMissingResource=true');
    expect(options(find(manifests, 'L2Advertisement', 'demo-ais'))).toBe('SkipDryRunOnMissingResource=true');
  });

  it('leaves workloads, services and config prunable', () => {
    for (const [kind, name] of [['StatefulSet', 'demo-target'], ['Service', 'demo-proxy-lb'], ['ConfigMap', 'demo-target'], ['ServiceAccount', 'demo-sa']]) {
      expect(options(find(manifests, kind, name)), `${kind} ${name}`).toBeUndefined();
    }
  });
});

describe('sync option rules', () => {
  const labelled = (apiVersion: string, kind: string, component?: string, extra = {}): Manifest => ({
    apiVersion, kind, metadata: { name: 'x', labels: component ? { 'app.kubernetes.io/component': component } : undefined }, ...extra,
  });

  it('retains kernel module objects and lets the operator CRs skip the dry run', () => {
    expect(syncOptionsFor(labelled('apps/v1', 'DaemonSet', 'kmod'))).toEqual(['Prune=false', 'Delete=false']);
    expect(syncOptionsFor(labelled('sro.openshift.io/v1beta1', 'SpecialResource'))).toEqual(['Prune=false', 'Delete=false', 'SkipDryRunOnMissingResource=true']);
    expect(syncOptionsFor(labelled('kmm.sigs.x-k8s.io/v1beta1', 'Module'))).toEqual(['Prune=false', 'Delete=false', 'SkipDryRunOnMissingResource=true']);
    expect(syncOptionsFor(labelled('ais.nvidia.com/v1beta1', 'AIStore'))).toEqual(['Prune=false', 'Delete=false', 'SkipDryRunOnMissingResource=true']);
  });

  it('does not retain what only shares the kmod label (its ServiceAccount) nor a CSI StorageClass', () => {
    expect(syncOptionsFor(labelled('v1', 'ServiceAccount', 'kmod'))).toEqual([]);
    expect(syncOptionsFor(labelled('apps/v1', 'DaemonSet', 'csi-node'))).toEqual([]);
    expect(syncOptionsFor(labelled('storage.k8s.io/v1', 'StorageClass', 'storage', { provisioner: 'auristorfs.csi.auristor.com' }))).toEqual([]);
  });

  it('skips the dry run for third-party CRs but not for built-in kinds or Argo CD Applications', () => {
    for (const [apiVersion, kind] of [['cert-manager.io/v1', 'Certificate'], ['cert-manager.io/v1', 'ClusterIssuer'], ['external-secrets.io/v1beta1', 'ExternalSecret']]) {
      expect(syncOptionsFor(labelled(apiVersion, kind)), kind).toEqual(['SkipDryRunOnMissingResource=true']);
    }
    for (const [apiVersion, kind] of [['storage.k8s.io/v1', 'CSIDriver'], ['policy/v1', 'PodDisruptionBudget'], ['argoproj.io/v1alpha1', 'Application']]) {
      expect(syncOptionsFor(labelled(apiVersion, kind)), kind).toEqual([]);
    }
  });
});

describe('nodes labelled by several charts', () => {
  const node = (chart: Chart, id: string, name: string, labels: Record<string, string>) => new k8s.KubeNode(chart, id, { metadata: { name, labels } });

  it('emits one Node per node, with the labels of every chart, in the first chart', () => {
    const app = new App();
    const ais = new Chart(app, 'ais');
    const auristor = new Chart(app, 'auristor');
    node(ais, 'cpu01', 'cpu01', { 'nvidia.com/ais-target': 'demo-ais' });
    node(auristor, 'cpu01', 'cpu01', { 'auristor.com/auristorfs-group': 'group-1' });
    node(auristor, 'cpu02', 'cpu02', { 'auristor.com/auristorfs-group': 'group-1' });
    applyGitOps(app, argoApplicationsProps(parseConfig(REFERENCE, 'reference.yaml')));
    const nodes = (chart: Chart) => chart.toJson().filter((m: Manifest) => m.kind === 'Node');
    expect(nodes(ais)).toEqual([expect.objectContaining({
      metadata: expect.objectContaining({ name: 'cpu01', labels: { 'nvidia.com/ais-target': 'demo-ais', 'auristor.com/auristorfs-group': 'group-1' } }),
    })]);
    expect(nodes(auristor).map((m: Manifest) => m.metadata.name)).toEqual(['cpu02']);
  });

  it('refuses two charts that give a node label different values', () => {
    const app = new App();
    node(new Chart(app, 'ais'), 'cpu01', 'cpu01', { 'example.com/role': 'a' });
    node(new Chart(app, 'other'), 'cpu01', 'cpu01', { 'example.com/role': 'b' });
    expect(() => applyGitOps(app, argoApplicationsProps(parseConfig(REFERENCE, 'reference.yaml'))))
      .toThrow('node cpu01 gets label example.com/role=a from ais and example.com/role=b from other');
  });

  it('refuses any other object emitted twice', () => {
    const app = new App();
    for (const id of ['ais', 'other']) {
      new ApiObject(new Chart(app, id), 'cm', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'demo', namespace: 'ais' } });
    }
    expect(() => applyGitOps(app, argoApplicationsProps(parseConfig(REFERENCE, 'reference.yaml'))))
      .toThrow('ConfigMap ais/demo is emitted twice (by charts ais and other): Argo CD cannot sync one object from two manifests');
  });
});
