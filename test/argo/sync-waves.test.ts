import * as fs from 'node:fs';
import * as path from 'node:path';
import { ApiObject, App, Chart } from 'cdk8s';
import { k8s } from 'cdk8s-plus-28';
import { describe, expect, it } from 'vitest';
import { SYNC_OPTIONS_ANNOTATION, SYNC_WAVE_ANNOTATION, SyncOption, addSyncOptions } from '../../lib/argo/argo-annotations';
import { applyGitOps } from '../../lib/gitops/apply';
import { Manifest } from '../../lib/k8s/manifest';
import { SYNC_WAVES, knownKinds, syncWaveRow } from '../../lib/argo/sync-waves';
import { parseConfig } from '../../lib/from-config/load';
import { EXAMPLES } from '../support/cli';
import { REFERENCE, withExternalLB } from '../support/gitops';
import { synthConfig } from '../support/synth';
import { argoApplicationsProps } from '../../lib/from-config/gitops';

function object(apiVersion: string, kind: string, name: string, extra: Record<string, unknown> = {}): Manifest {
  const { labels, ...rest } = extra as { labels?: Record<string, string> };
  return { apiVersion, kind, metadata: { name, namespace: 'ais', labels }, ...rest };
}

/** One object of every kind and role the generators emit (AIS standalone, AuriStorFS via DaemonSets, SRO or KMM, TLS, MetalLB). */
const SAMPLES = {
  namespace: object('v1', 'Namespace', 'ais'),
  crd: object('apiextensions.k8s.io/v1', 'CustomResourceDefinition', 'aistores.ais.nvidia.com'),
  serviceAccount: object('v1', 'ServiceAccount', 'demo-sa'),
  role: object('rbac.authorization.k8s.io/v1', 'Role', 'demo-role'),
  roleBinding: object('rbac.authorization.k8s.io/v1', 'RoleBinding', 'demo-rb'),
  clusterRole: object('rbac.authorization.k8s.io/v1', 'ClusterRole', 'auristorfs-csi'),
  clusterRoleBinding: object('rbac.authorization.k8s.io/v1', 'ClusterRoleBinding', 'auristorfs-csi'),
  configMap: object('v1', 'ConfigMap', 'demo-global-cm'),
  secret: object('v1', 'Secret', 'demo-tls'),
  externalSecret: object('external-secrets.io/v1beta1', 'ExternalSecret', 'auristor-keytab'),
  secretStore: object('external-secrets.io/v1beta1', 'SecretStore', 'vault'),
  clusterSecretStore: object('external-secrets.io/v1beta1', 'ClusterSecretStore', 'vault'),
  priorityClass: object('scheduling.k8s.io/v1', 'PriorityClass', 'ais-critical'),
  podDisruptionBudget: object('policy/v1', 'PodDisruptionBudget', 'demo-target'),
  networkPolicy: object('networking.k8s.io/v1', 'NetworkPolicy', 'demo'),
  issuer: object('cert-manager.io/v1', 'Issuer', 'demo-ca'),
  clusterIssuer: object('cert-manager.io/v1', 'ClusterIssuer', 'ca-issuer'),
  ipAddressPool: object('metallb.io/v1beta1', 'IPAddressPool', 'demo-ais'),
  l2Advertisement: object('metallb.io/v1beta1', 'L2Advertisement', 'demo-ais'),
  localStorageClass: object('storage.k8s.io/v1', 'StorageClass', 'demo-local', { provisioner: 'kubernetes.io/no-provisioner' }),
  csiDriver: object('storage.k8s.io/v1', 'CSIDriver', 'auristorfs.csi.auristor.com'),
  persistentVolume: object('v1', 'PersistentVolume', 'demo-cpu01-ais-sda'),
  persistentVolumeClaim: object('v1', 'PersistentVolumeClaim', 'data'),
  node: object('v1', 'Node', 'cpu01'),
  certificate: object('cert-manager.io/v1', 'Certificate', 'demo-tls'),
  headlessService: object('v1', 'Service', 'demo-target', { spec: { clusterIP: 'None' } }),
  clusterIPService: object('v1', 'Service', 'auristorfs-volume-manager', { spec: { type: 'ClusterIP' } }),
  perTargetLoadBalancer: object('v1', 'Service', 'demo-target-0', {
    labels: { 'app.kubernetes.io/component': 'target-lb' },
    spec: { type: 'LoadBalancer', selector: { 'statefulset.kubernetes.io/pod-name': 'demo-target-0' } },
  }),
  kmodDaemonSet: object('apps/v1', 'DaemonSet', 'auristorfs-kmod-group-1', { labels: { 'app.kubernetes.io/component': 'kmod' } }),
  specialResource: object('sro.openshift.io/v1beta1', 'SpecialResource', 'auristorfs-group-1'),
  kmmModule: object('kmm.sigs.x-k8s.io/v1beta1', 'Module', 'yfs'),
  csiNodeDaemonSet: object('apps/v1', 'DaemonSet', 'auristorfs-csi-node', { labels: { 'app.kubernetes.io/component': 'csi-node' } }),
  statefulSet: object('apps/v1', 'StatefulSet', 'demo-target', { labels: { 'app.kubernetes.io/component': 'target' } }),
  deployment: object('apps/v1', 'Deployment', 'demo-client'),
  aistore: object('ais.nvidia.com/v1beta1', 'AIStore', 'demo'),
  job: object('batch/v1', 'Job', 'demo-cleanup'),
  cronJob: object('batch/v1', 'CronJob', 'demo-scrub'),
  gatewayLoadBalancer: object('v1', 'Service', 'demo-proxy-lb', { labels: { 'app.kubernetes.io/component': 'gateway' }, spec: { type: 'LoadBalancer' } }),
  application: object('argoproj.io/v1alpha1', 'Application', 'demo-ais'),
  networkAttachment: object('k8s.cni.cncf.io/v1', 'NetworkAttachmentDefinition', 'demo-client-b'),
  appProject: object('argoproj.io/v1alpha1', 'AppProject', 'storage'),
  applicationSet: object('argoproj.io/v1alpha1', 'ApplicationSet', 'storage-ais'),
  podMonitor: object('monitoring.coreos.com/v1', 'PodMonitor', 'demo-proxy', { labels: { 'app.kubernetes.io/component': 'monitoring' } }),
  serviceMonitor: object('monitoring.coreos.com/v1', 'ServiceMonitor', 'demo-target', { labels: { 'app.kubernetes.io/component': 'monitoring' } }),
  prometheusRule: object('monitoring.coreos.com/v1', 'PrometheusRule', 'demo-ais-alerts', { labels: { 'app.kubernetes.io/component': 'monitoring' } }),
  dashboardConfigMap: object('v1', 'ConfigMap', 'demo-ais-overview-dashboard', { labels: { 'app.kubernetes.io/component': 'monitoring' } }),
} satisfies Record<string, Manifest>;

type Sample = keyof typeof SAMPLES;
const wave = (sample: Sample) => syncWaveRow(SAMPLES[sample]).wave;

/** [earlier, later, why]: what a sync must respect so that every wave can become healthy. */
const ORDER: Array<[Sample[], Sample[], string]> = [
  [['namespace', 'crd'], ['serviceAccount', 'configMap', 'issuer', 'ipAddressPool', 'certificate', 'headlessService', 'statefulSet', 'aistore', 'specialResource', 'kmmModule'],
    'namespaced objects need their namespace, custom resources their CRD'],
  [['serviceAccount', 'role', 'roleBinding', 'clusterRole', 'clusterRoleBinding'], ['statefulSet', 'deployment', 'kmodDaemonSet', 'csiNodeDaemonSet', 'job'],
    'pods need their ServiceAccount and permissions'],
  [['configMap', 'secret', 'externalSecret', 'secretStore', 'node', 'persistentVolume', 'persistentVolumeClaim', 'localStorageClass', 'csiDriver', 'priorityClass'],
    ['statefulSet', 'kmodDaemonSet', 'csiNodeDaemonSet', 'deployment', 'job', 'cronJob'],
    'pods mount config and claims, are placed by node labels onto local volumes, with their priority class'],
  [['issuer', 'clusterIssuer'], ['certificate'], 'a Certificate needs its issuer'],
  // argo-cd 37ee009 applicationset/controllers/applicationset_controller.go validateGeneratedApplications: "application references project ... which does not exist"
  [['appProject'], ['applicationSet'], 'the ApplicationSets\' Applications name the fleet\'s project'],
  [['certificate'], ['statefulSet', 'aistore'], 'AIS pods mount the TLS secret cert-manager writes'],
  [['ipAddressPool', 'l2Advertisement'], ['perTargetLoadBalancer', 'gatewayLoadBalancer'], 'LoadBalancers get their IP from the pool'],
  [['headlessService', 'perTargetLoadBalancer'], ['statefulSet'], 'AIS pods resolve peers and their own LoadBalancer IP at start-up'],
  [['kmodDaemonSet', 'specialResource', 'kmmModule'], ['csiNodeDaemonSet'], 'the kernel module is loaded before the CSI node pods start'],
  [['networkAttachment'], ['statefulSet', 'aistore'], 'Multus needs the definition when it attaches the pods\' interfaces'],
  [['statefulSet', 'aistore', 'gatewayLoadBalancer', 'certificate'], ['podMonitor', 'serviceMonitor', 'prometheusRule', 'dashboardConfigMap'],
    'monitoring only observes: a missing prometheus-operator CRD must not hold up the cluster'],
];

describe('sync waves', () => {
  it.each(ORDER)('%j sync before %j: %s', (earlier, later) => {
    for (const a of earlier) for (const b of later) expect(wave(a), `${a} before ${b}`).toBeLessThan(wave(b));
  });

  it('waves: the gateway syncs with the StatefulSets (issue 20: a later wave waited for every target to be Ready)', () => {
    expect(wave('gatewayLoadBalancer')).toBe(wave('statefulSet'));
    expect(wave('gatewayLoadBalancer')).toBe(wave('aistore'));
  });

  it('puts every sample in the role its kind and labels say', () => {
    expect(syncWaveRow(SAMPLES.kmodDaemonSet).role).toBe('kernel modules');
    expect(syncWaveRow(SAMPLES.csiNodeDaemonSet).role).toBe('workloads');
    expect(syncWaveRow(SAMPLES.perTargetLoadBalancer).role).toBe('in-cluster Services and per-target LoadBalancers');
    expect(syncWaveRow(SAMPLES.gatewayLoadBalancer).role).toBe('the gateway LoadBalancer (client entry point), with the workloads');
    expect(syncWaveRow(SAMPLES.application).role).toBe('Argo CD Applications');
  });

  it('knows every kind it lists, and every sample kind is listed', () => {
    for (const row of SYNC_WAVES) {
      for (const kind of row.kinds) {
        const [group, name] = kind.includes('/') ? kind.split('/') : ['', kind];
        const sample = Object.values(SAMPLES).find((m) => m.kind === name && (group === '' ? !m.apiVersion.includes('/') : m.apiVersion.startsWith(`${group}/`)));
        expect(sample, `a sample of ${kind}`).toBeDefined();
      }
    }
    expect(knownKinds()).toContain('metallb.io/IPAddressPool');
  });

  it('lists the rows in wave order, with at most one catch-all row per kind', () => {
    const waves = SYNC_WAVES.map((r) => r.wave);
    expect(waves).toEqual([...waves].sort((a, b) => a - b));
    const catchAll = SYNC_WAVES.filter((r) => !r.when).flatMap((r) => r.kinds);
    expect(catchAll).toEqual([...new Set(catchAll)]);
  });

  it('puts a narrowed row before the catch-all row of its kind, wherever it stands: dashboards sync last, other ConfigMaps early', () => {
    const dashboard = object('v1', 'ConfigMap', 'demo-ais-overview-dashboard', { labels: { 'app.kubernetes.io/component': 'monitoring' } });
    expect(syncWaveRow(dashboard).role).toBe('monitoring');
    expect(syncWaveRow(object('v1', 'ConfigMap', 'demo-proxy')).wave).toBe(2);
    expect(syncWaveRow(object('monitoring.coreos.com/v1', 'PodMonitor', 'demo-proxy')).wave)
      .toBe(Math.max(...SYNC_WAVES.map((r) => r.wave)));
  });

  it('refuses an object of a kind it does not know, naming it and the table', () => {
    expect(() => syncWaveRow(object('example.com/v1', 'Widget', 'demo')))
      .toThrow('no sync wave for Widget ais/demo (example.com/v1): add its kind example.com/Widget to SYNC_WAVES in lib/argo/sync-waves.ts');
  });

  it('annotates every object of the reference output with its wave', () => {
    const { manifests } = synthConfig(withExternalLB(REFERENCE));
    const kinds = new Set(manifests.map((m) => m.kind));
    expect([...kinds].sort()).toEqual(['ConfigMap', 'IPAddressPool', 'L2Advertisement', 'Namespace', 'NetworkPolicy', 'Node', 'PodDisruptionBudget', 'Role',
      'RoleBinding', 'Service', 'ServiceAccount', 'StatefulSet']);
    for (const m of manifests) {
      expect(m.metadata.annotations?.[SYNC_WAVE_ANNOTATION], `${m.kind} ${m.metadata.name}`).toBe(String(syncWaveRow(m).wave));
    }
    const waveOf = (kind: string, name: string) => Number(manifests.find((m) => m.kind === kind && m.metadata.name === name)!.metadata.annotations![SYNC_WAVE_ANNOTATION]);
    expect(waveOf('Service', 'demo-target-11')).toBeLessThan(waveOf('StatefulSet', 'demo-target'));
    expect(waveOf('Service', 'demo-target')).toBeLessThan(waveOf('StatefulSet', 'demo-target'));
    // issue 20: the gateway syncs with the StatefulSets, so one stuck target does not keep clients out (gitops-engine health_statefulset.go)
    expect(waveOf('Service', 'demo-proxy-lb')).toBe(waveOf('StatefulSet', 'demo-proxy'));
  });

  it.each(fs.readdirSync(EXAMPLES).filter((f) => f.endsWith('.yaml')))('annotates every object of examples/%s with the wave of its role', (example) => {
    const { manifests } = synthConfig(fs.readFileSync(path.join(EXAMPLES, example), 'utf8'), example);
    expect(manifests.length).toBeGreaterThan(0);
    for (const m of manifests) {
      expect(m.metadata.annotations?.[SYNC_WAVE_ANNOTATION], `${m.kind} ${m.metadata.name}`).toBe(String(syncWaveRow(m).wave));
    }
  });

  it('loads the AuriStorFS module before the CSI node plugin, in the real static delivery', () => {
    const { manifests } = synthConfig(fs.readFileSync(path.join(EXAMPLES, 'auristor-static.yaml'), 'utf8'));
    const waveOf = (component: string) => [...new Set(manifests
      .filter((m) => m.kind === 'DaemonSet' && m.metadata.labels?.['app.kubernetes.io/component'] === component)
      .map((m) => Number(m.metadata.annotations![SYNC_WAVE_ANNOTATION])))];
    expect(waveOf('kmod')).toHaveLength(1);
    expect(waveOf('csi-node')).toHaveLength(1);
    expect(waveOf('kmod')[0]).toBeLessThan(waveOf('csi-node')[0]);
  });

  it('overrides a wave a construct set, and merges sync options instead of replacing them', () => {
    const app = new App();
    const chart = new Chart(app, 'ais');
    const pv = new k8s.KubePersistentVolume(chart, 'Volume', {
      metadata: { name: 'demo-cpu01-ais-sda', annotations: { [SYNC_WAVE_ANNOTATION]: '9' } },
      spec: { capacity: { storage: k8s.Quantity.fromString('1Ti') }, accessModes: ['ReadWriteOnce'], local: { path: '/ais/sda' } },
    });
    addSyncOptions(pv, SyncOption.DELETE_FALSE);
    const module = new ApiObject(chart, 'Module', { apiVersion: 'kmm.sigs.x-k8s.io/v1beta1', kind: 'Module', metadata: { name: 'yfs', namespace: 'auristor' } });
    applyGitOps(app, argoApplicationsProps(parseConfig(REFERENCE, 'reference.yaml')));
    expect(pv.toJson().metadata.annotations).toEqual({ [SYNC_WAVE_ANNOTATION]: '2', [SYNC_OPTIONS_ANNOTATION]: 'Delete=false,Prune=false' });
    expect(module.toJson().metadata.annotations).toEqual({
      [SYNC_WAVE_ANNOTATION]: '5',
      [SYNC_OPTIONS_ANNOTATION]: 'Prune=false,Delete=false,SkipDryRunOnMissingResource=true',
    });
  });
});
