/**
 * A runbook with every step kind, condition and action of the step model (the record types below make
 * the compiler refuse a new kind without a sample), for the renderer tests.
 */
import { AisAction, ArgoAction, Condition, HostAction, KubectlAction, Lookup, Runbook, Step, v } from '../../../lib/review/runbook/steps';

export const SCOPE = {
  namespace: 'ais',
  podSelectors: {
    proxy: 'app.kubernetes.io/name=demo,app.kubernetes.io/component=proxy',
    target: 'app.kubernetes.io/name=demo,app.kubernetes.io/component=target',
  },
};

const target = { pod: v('TARGET_POD') };

/** One sample per condition kind. */
export const CONDITIONS: { [K in Condition['kind']]: Extract<Condition, { kind: K }> } = {
  podReady: { kind: 'podReady', pod: v('TARGET_POD') },
  podStarted: { kind: 'podStarted', pod: 'demo-target-3' },
  podOnNode: { kind: 'podOnNode', pod: v('TARGET_POD'), node: 'cpu13' },
  podUpdated: { kind: 'podUpdated', pod: 'demo-target-3' },
  podAbsent: { kind: 'podAbsent', pod: 'demo-target-11' },
  statefulSetReady: { kind: 'statefulSetReady', name: 'demo-target' },
  nodeLabels: { kind: 'nodeLabels', node: 'cpu07', labels: { 'nvidia.com/ais-target': null, 'nvidia.com/ais-proxy': 'demo-ais-electable' } },
  liveField: { kind: 'liveField', resource: 'statefulset/demo-target', namespace: 'ais', jsonPath: '{.spec.replicas}', value: '12' },
  objectAbsent: { kind: 'objectAbsent', resource: 'pv/demo-cpu07-ais-sda' },
  pdbAllows: { kind: 'pdbAllows', name: 'demo-target', count: 1 },
  aisPresent: { kind: 'aisPresent', node: target },
  aisAbsent: { kind: 'aisAbsent', node: { pod: 'demo-target-6', state: 'maintenance' } },
  aisFlags: { kind: 'aisFlags', node: target, flags: 'maintenancePostRebalance' },
  aisHealthy: { kind: 'aisHealthy', proxies: 12, targets: 12 },
  aisCount: { kind: 'aisCount', role: 'proxy', atLeast: 2 },
  primaryNotIn: { kind: 'primaryNotIn', pods: ['demo-proxy-10', v('PROXY_POD')] },
  primaryReachable: { kind: 'primaryReachable' },
  noRebalance: { kind: 'noRebalance' },
  mountpaths: { kind: 'mountpaths', node: { pod: 'demo-target-0', state: 'active' }, paths: ['/ais/sda', '/ais/sdk'] },
  clusterConfig: { kind: 'clusterConfig', key: 'tracing.enabled', value: 'true' },
  argoAutomated: { kind: 'argoAutomated', app: 'demo', automated: false },
  argoSyncedHealthy: { kind: 'argoSyncedHealthy', app: v('ARGO_APP') },
  hostPath: { kind: 'hostPath', node: 'cpu13', path: '/ais/sdk', test: 'fresh' },
  not: { kind: 'not', condition: { kind: 'podAbsent', pod: 'demo-target-3' } },
  all: { kind: 'all', conditions: [{ kind: 'aisHealthy', proxies: 12, targets: 12 }, { kind: 'noRebalance' }] },
};

export const LOOKUPS: { [K in Lookup['kind']]: Extract<Lookup, { kind: K }> } = {
  podOnNode: { kind: 'podOnNode', role: 'target', node: 'cpu07' },
  primaryPod: { kind: 'primaryPod' },
  proxyNotIn: { kind: 'proxyNotIn', pods: ['demo-proxy-10', v('PROXY_POD')] },
  nodeOfPod: { kind: 'nodeOfPod', pod: v('TARGET_POD') },
};

export const KUBECTL: { [K in KubectlAction['verb']]: Extract<KubectlAction, { verb: K }> } = {
  deletePod: { verb: 'deletePod', namespace: 'ais', pod: v('TARGET_POD') },
  label: { verb: 'label', node: 'cpu13', labels: { 'nvidia.com/ais-target': 'demo-ais' } },
  unlabel: { verb: 'unlabel', node: 'cpu07', keys: ['nvidia.com/ais-target', 'nvidia.com/ais-proxy'] },
  cordon: { verb: 'cordon', node: 'cpu07' },
  uncordon: { verb: 'uncordon', node: 'cpu07' },
  drain: { verb: 'drain', node: 'cpu07' },
  delete: { verb: 'delete', resource: 'pvc', namespace: 'ais', names: ['sda-demo-target-6', v('TARGET_POD')], wait: false },
  deleteVolumesOf: { verb: 'deleteVolumesOf', namespace: 'ais', claims: ['ais-sda-demo-target-11', 'ais-sda-${TARGET_POD}'] },
  releaseVolumesOf: { verb: 'releaseVolumesOf', namespace: 'ais', claims: ['ais-sda-demo-target-11'] },
  untrack: { verb: 'untrack', resource: 'node', names: ['cpu07', 'cpu08'] },
  orphanStatefulSet: { verb: 'orphanStatefulSet', namespace: 'ais', name: 'demo-target' },
};

export const AIS: { [K in AisAction['verb']]: Extract<AisAction, { verb: K }> } = {
  startMaintenance: { verb: 'startMaintenance', node: target, rebalance: true },
  stopMaintenance: { verb: 'stopMaintenance', node: target, rebalance: false },
  decommission: { verb: 'decommission', node: { pod: 'demo-target-11' }, rmUserData: true },
  setPrimary: { verb: 'setPrimary', node: { pod: v('NEXT_PRIMARY') } },
  attachMountpath: { verb: 'attachMountpath', node: { pod: v('POD') }, path: '/ais/sdk', label: 'ssd pool' },
  detachMountpath: { verb: 'detachMountpath', node: { pod: v('POD') }, path: '/ais/sdj' },
  configCluster: { verb: 'configCluster', values: [['tracing.enabled', 'true'], ['tracing.exporter_endpoint', 'otel.monitoring:4317']] },
  setConfigJson: { verb: 'setConfigJson', value: { backend: { aws: {}, gcp: {} } } },
  enableBackend: { verb: 'enableBackend', provider: 'aws' },
  disableBackend: { verb: 'disableBackend', provider: 'gcp' },
  decommissionCluster: { verb: 'decommissionCluster', rmUserData: false },
  backupMetadata: { verb: 'backupMetadata', directory: 'ais-backup-demo-v4.9' },
};

export const ARGO: { [K in ArgoAction['verb']]: Extract<ArgoAction, { verb: K }> } = {
  suspend: { verb: 'suspend', app: 'demo' },
  resume: { verb: 'resume', app: 'demo', policy: { prune: true, selfHeal: true } },
  sync: { verb: 'sync', app: v('ARGO_APP'), prune: true, async: true },
};

export const HOST: { [K in HostAction['verb']]: Extract<HostAction, { verb: K }> } = {
  mkdirMarker: { verb: 'mkdirMarker', paths: ['/ais/sdk', '/ais/sdl'], marker: '.ais-disk' },
  mkdir: { verb: 'mkdir', path: '/etc/ais' },
  wipeMountpath: { verb: 'wipeMountpath', path: '/ais/sda', marker: '.ais-disk' },
  removeStateDirs: { verb: 'removeStateDirs', paths: ['/etc/ais/ais/demo/proxy/${PROXY_POD}', '/etc/ais/ais/demo/target'] },
  copyStateDir: { verb: 'copyStateDir', from: '/etc/ais/ais/demo/proxy/${PROXY_POD}', to: '/etc/ais/ais/demo/proxy' },
  backupMetadata: { verb: 'backupMetadata', statePaths: ['/etc/ais/ais/demo'], mountpaths: ['/ais/sda', '/ais/sdb'], archive: '/var/tmp/ais-meta-cpu01-v4.9.tgz' },
  unmount: { verb: 'unmount', path: '/ais/sdj' },
};

let n = 0;
const id = (prefix: string) => `${prefix}-${++n}`;

const steps: Step[] = [
  ...Object.values(LOOKUPS).map((lookup, i): Step => ({ id: id('resolve'), kind: 'resolve', title: `find value ${i}`, variable: ['TARGET_POD', 'PRIMARY_POD', 'NEXT_PRIMARY', 'TARGET_NODE'][i], lookup })),
  ...Object.values(CONDITIONS).map((condition): Step => ({ id: id('check'), kind: 'check', title: `check ${condition.kind}`, condition, failMessage: `${condition.kind} does not hold: it's $5` })),
  ...Object.values(CONDITIONS).filter((c) => c.kind !== 'hostPath').map((condition): Step => ({ id: id('wait'), kind: 'wait', title: `wait ${condition.kind}`, condition, timeoutSeconds: 600 })),
  ...Object.values(KUBECTL).map((action): Step => ({ id: id('kubectl'), kind: 'kubectl', title: `kubectl ${action.verb}`, action })),
  ...Object.values(AIS).map((action): Step => ({ id: id('ais'), kind: 'ais', title: `ais ${action.verb}`, why: 'because "AIS" says so', cite: ['aistore ais/prxclu.go rmNode'], action })),
  ...Object.values(ARGO).map((action): Step => ({ id: id('argocd'), kind: 'argocd', title: `argocd ${action.verb}`, action })),
  ...Object.values(HOST).map((action): Step => ({ id: id('host'), kind: 'host', node: 'cpu13', title: `host ${action.verb}`, action })),
  { id: 'host-variable', kind: 'host', node: v('TARGET_NODE'), title: 'host step on a node found at run time', action: { verb: 'mkdirMarker', paths: ['/ais/sd k'], marker: '.ais-disk' } },
  { id: 'merge', kind: 'manual', action: 'merge', title: 'merge the change', text: 'Merge the commit with the new output into the branch Argo CD syncs.' },
  { id: 'work', kind: 'manual', action: 'work', node: 'cpu07', title: 'replace the disk on cpu07', text: 'Swap the failed disk.' },
  {
    id: 'each', kind: 'forEach', title: 'each target', variable: 'POD', items: ['demo-target-0', 'demo-target-1'],
    unless: { kind: 'podUpdated', pod: v('POD') },
    body: [
      { id: 'each-maintenance', kind: 'ais', title: 'maintenance for $POD "quoted"', action: { verb: 'startMaintenance', node: { pod: v('POD') }, rebalance: false } },
      { id: 'each-delete', kind: 'kubectl', title: 'delete', action: { verb: 'deletePod', namespace: 'ais', pod: v('POD') } },
      { id: 'each-started', kind: 'wait', title: 'started', condition: { kind: 'podStarted', pod: v('POD') }, timeoutSeconds: 900 },
    ],
  },
  { id: 'when', kind: 'ais', title: 'move the primary', when: { kind: 'not', condition: CONDITIONS.primaryNotIn }, action: AIS.setPrimary },
  { id: 'command', kind: 'command', title: 'a command outside the model', commands: ['kubectl get pod -n ais -o wide'], effect: false },
];

/** The sample: every kind once (or more). */
export const SAMPLE_RUNBOOK: Runbook = {
  id: 'sample',
  title: 'sample runbook (every step kind)',
  source: 'the step model',
  scope: SCOPE,
  steps,
  leftovers: ['cpu07: /ais/sda still holds objects'],
};
