import { App, Chart, JsonPatch, Testing } from 'cdk8s';
import { describe, expect, it } from 'vitest';
import { AisCluster } from '../../lib/ais/cluster';
import { AisLocalVolumes } from '../../lib/ais/storage/local-volumes';
import { MountpathStorage } from '../../lib/ais/storage/mountpath';
import { synthesize } from '../../lib/gitops/synthesize';
import { find } from '../support/cli';
import { validateAll } from '../support/schema';
import { manifestsOf } from '../support/synth';

const BASE = `name: lab
namespace: storage
ais:
  proxies: { nodes: [n1, n2] }
  targets:
    nodes: [n1, n2, n3]
    mountpaths:
      - { path: /ais/nvme0n1, size: 3500Gi, label: ssd }
      - { path: /ais/nvme1n1, size: 3500Gi, label: ssd }
`;

describe('local PersistentVolumes', () => {
  const manifests = manifestsOf(BASE.replace('    mountpaths:', '    storage: localPV\n    mountpaths:'));

  it('emits a no-provisioner StorageClass and one PV per node and mountpath, pinned to the node', async () => {
    const sc = find(manifests, 'StorageClass', 'lab-local');
    expect(sc).toMatchObject({ provisioner: 'kubernetes.io/no-provisioner', volumeBindingMode: 'WaitForFirstConsumer', reclaimPolicy: 'Retain' });
    const pvs = manifests.filter((m) => m.kind === 'PersistentVolume');
    expect(pvs.map((p) => p.metadata.name)).toEqual([
      'lab-n1-ais-nvme0n1', 'lab-n1-ais-nvme1n1', 'lab-n2-ais-nvme0n1', 'lab-n2-ais-nvme1n1', 'lab-n3-ais-nvme0n1', 'lab-n3-ais-nvme1n1',
    ]);
    const pv = find(manifests, 'PersistentVolume', 'lab-n2-ais-nvme1n1');
    expect(pv.spec).toMatchObject({
      capacity: { storage: '3500Gi' }, accessModes: ['ReadWriteOnce'], persistentVolumeReclaimPolicy: 'Retain',
      storageClassName: 'lab-local', local: { path: '/ais/nvme1n1' },
      nodeAffinity: { required: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'kubernetes.io/hostname', operator: 'In', values: ['n2'] }] }] } },
    });
    expect(pv.metadata.namespace).toBeUndefined();
    expect(pv.metadata.annotations?.['argocd.argoproj.io/sync-options']).toBe('Prune=false,Delete=false');
    expect(await validateAll([sc, ...pvs])).toEqual([]);
  });

  it('claims each mountpath through a volumeClaimTemplate that only binds that mountpath\'s PVs', () => {
    const targets = find(manifests, 'StatefulSet', 'lab-target');
    const claims = targets.spec.volumeClaimTemplates;
    expect(claims.map((c: any) => c.metadata.name)).toEqual(['ais-nvme0n1', 'ais-nvme1n1']);
    expect(claims[1].spec).toEqual({
      accessModes: ['ReadWriteOnce'], storageClassName: 'lab-local',
      selector: { matchLabels: { 'ais.nvidia.com/mountpath': 'ais-nvme1n1', 'ais.nvidia.com/cluster': 'lab' } },
      resources: { requests: { storage: '3500Gi' } },
    });
    expect(find(manifests, 'PersistentVolume', 'lab-n1-ais-nvme1n1').metadata.labels).toMatchObject(claims[1].spec.selector.matchLabels);
    const spec = targets.spec.template.spec;
    expect(spec.volumes.some((v: any) => v.name === 'ais-nvme0n1')).toBe(false); // the claim provides it
    expect(spec.containers[0].volumeMounts).toContainEqual({ name: 'ais-nvme0n1', mountPath: '/ais/nvme0n1' });
    const fspaths = JSON.parse(find(manifests, 'ConfigMap', 'lab-target').data['ais_local.json']).fspaths;
    expect(fspaths).toEqual({ '/ais/nvme0n1': 'ssd', '/ais/nvme1n1': 'ssd' });
  });
});

describe('per-target LoadBalancers', () => {
  const manifests = manifestsOf(`${BASE}  gateway: { loadBalancerIP: 10.1.0.11, addressPool: 10.1.0.10-10.1.0.14 }\n  externalLB: true\n`);

  it('emits one LoadBalancer per target ordinal with a fixed IP from the pool, skipping the gateway IP', () => {
    const lbs = ['lab-target-0', 'lab-target-1', 'lab-target-2'].map((name) => find(manifests, 'Service', name));
    expect(lbs.map((s) => s.metadata.annotations?.['metallb.io/loadBalancerIPs'])).toEqual(['10.1.0.10', '10.1.0.12', '10.1.0.13']);
    expect(lbs[2].spec.selector).toEqual({
      'app.kubernetes.io/name': 'lab', 'app.kubernetes.io/component': 'target', 'statefulset.kubernetes.io/pod-name': 'lab-target-2',
    });
    expect(lbs[2].spec.ports).toEqual([{ name: 'pub', port: 51081, targetPort: 51081, protocol: 'TCP' }]);
  });

  it('lets each target publish its LoadBalancer IP: external access on, Services readable', () => {
    const spec = find(manifests, 'StatefulSet', 'lab-target').spec.template.spec;
    const env = spec.initContainers[0].env;
    expect(env).toContainEqual({ name: 'ENABLE_EXTERNAL_ACCESS', value: 'true' });
    expect(env.some((e: any) => e.name === 'AIS_PUBLIC_HOSTNAME')).toBe(false);
    expect(spec.automountServiceAccountToken).toBe(true);
    // aisnode GETs its own Pod (aistore cmn/k8s/k8s.go Init); ais-init GETs the target's Service (cmd/aisinit/main.go fetchExternalIP)
    expect(find(manifests, 'Role', 'lab-role').rules).toEqual([
      { apiGroups: [''], resources: ['pods'], verbs: ['get'] },
      { apiGroups: [''], resources: ['services'], verbs: ['get'] },
    ]);
    expect(find(manifests, 'RoleBinding', 'lab-rb').subjects).toEqual([{ kind: 'ServiceAccount', name: 'lab-sa', namespace: 'storage' }]);
  });
});

describe('configurable labels, privileges and resources', () => {
  const manifests = manifestsOf(BASE.replace('ais:\n', `ais:
  privileged: false
  nodeLabels:
    target: { key: nvidia.com/ais-target, value: lab }
    proxy: { key: nvidia.com/ais-proxy, value: lab }
`).replace('  targets:\n', '  targets:\n    resources: { requests: { cpu: "8", memory: 64Gi }, limits: { memory: 96Gi } }\n'));

  it('uses the configured label values on nodes and in selectors', () => {
    expect(find(manifests, 'Node', 'n3').metadata.labels).toEqual({ 'nvidia.com/ais-target': 'lab' });
    expect(find(manifests, 'StatefulSet', 'lab-target').spec.template.spec.nodeSelector).toEqual({ 'nvidia.com/ais-target': 'lab' });
    expect(find(manifests, 'Node', 'n1').metadata.labels?.['nvidia.com/ais-initial-primary-proxy']).toBe('lab-ais');
  });

  it('drops privileges of aisnode when the data path does not need them', () => {
    const container = find(manifests, 'StatefulSet', 'lab-target').spec.template.spec.containers[0];
    expect(container.securityContext).toEqual({ allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } });
    expect(container.resources).toEqual({ requests: { cpu: '8', memory: '64Gi' }, limits: { memory: '96Gi' } });
  });

  it('a single proxy node needs no electable StatefulSet', () => {
    const single = manifestsOf(BASE.replace('nodes: [n1, n2] }', 'nodes: [n2] }'));
    expect(single.filter((m) => m.kind === 'StatefulSet').map((m) => m.metadata.name)).toEqual(['lab-proxy-primary', 'lab-target']);
    expect(find(single, 'Node', 'n2').metadata.labels?.['nvidia.com/ais-initial-primary-proxy']).toBe('lab-ais');
  });
});

describe('library use from another cdk8s app', () => {
  it('AisCluster works with typed props and exposes the L1 objects as escape hatches', () => {
    const app = new App();
    const cluster = new AisCluster(app, 'store', {
      name: 'edge', proxyNodes: ['a'], targetNodes: ['a', 'b'], mountpaths: [{ path: '/data/d1' }],
      ports: { proxy: 8080, target: 9090, intraControl: 9080, intraData: 10080 },
    });
    cluster.targets.statefulSet.addJsonPatch(JsonPatch.add('/spec/template/spec/priorityClassName', 'storage-critical'));
    const { files, manifests } = synthesize(app);
    expect([...files.keys()]).toContain('store-targets.yaml');
    const targets = find(manifests, 'StatefulSet', 'edge-target');
    expect(targets.spec.template.spec.priorityClassName).toBe('storage-critical');
    expect(targets.spec.template.spec.containers[0].ports[0]).toMatchObject({ containerPort: 9090, hostPort: 9090 });
    expect(JSON.parse(find(manifests, 'ConfigMap', 'edge-global-cm').data['ais.json']).proxy.discovery_url)
      .toBe('http://edge-proxy.ais.svc.cluster.local:9080');
  });

  it('constructs reject impossible props with a clear message', () => {
    const chart = Testing.chart();
    expect(() => new AisCluster(chart, 'x', { name: 'x', proxyNodes: ['a'], initialPrimaryNode: 'b', targetNodes: ['a'], mountpaths: [{ path: '/d' }] }))
      .toThrow('initial primary b is not one of the proxy nodes');
    expect(() => new AisLocalVolumes(new Chart(Testing.app(), 'c'), 'v', { cluster: 'x', nodes: ['a'], mountpaths: [{ path: '/d' }] }))
      .toThrow('local PersistentVolume for /d needs a size');
    expect(MountpathStorage.LOCAL_PV).toBe('localPV');
  });
});
