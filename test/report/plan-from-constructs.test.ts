/**
 * PLAN.md is rendered from what was built: the L3 constructs' resolved fields (defaults applied) and
 * the emitted objects, so a library app gets the same report as the generator, and the report never
 * re-reads the config.
 */
import { App, Chart } from 'cdk8s';
import { describe, expect, it } from 'vitest';
import { AisCluster } from '../../lib/ais/cluster';
import { AisOperatorCluster } from '../../lib/ais/operator/cluster';
import { AisStateStorage } from '../../lib/ais/operator/options';
import { MountpathStorage } from '../../lib/ais/storage/mountpath';
import { IssuerKind } from '../../lib/ais/security/tls';
import { AisPublicAddress } from '../../lib/ais/workloads/public-address';
import { AuristorClient } from '../../lib/auristor/client';
import { KmodDelivery } from '../../lib/auristor/kmod/delivery';
import { synthesize } from '../../lib/gitops/synthesize';
import { planReport } from '../../lib/report/plan';
import { planSubjects, subjectPrerequisites } from '../../lib/report/subjects';

const README_CLUSTER = {
  name: 'demo',
  proxyNodes: ['cpu01', 'cpu02', 'cpu03'],
  targetNodes: ['cpu01', 'cpu02', 'cpu03'],
  mountpaths: [{ path: '/ais/sda', size: '10Ti' }, { path: '/ais/sdb', size: '10Ti' }],
  gateway: { loadBalancerIP: '10.132.179.10', addressPool: '10.132.179.10-10.132.179.20' },
};

describe('AisCluster resolves its props (the fields PLAN.md reads)', () => {
  it('applies the documented defaults', () => {
    const cluster = new AisCluster(new App(), 'ais', README_CLUSTER);
    expect({
      namespace: cluster.namespace, images: cluster.images, statePath: cluster.statePath, storage: cluster.storage,
      clusterDomain: cluster.clusterDomain, publicAddress: cluster.publicAddress, somaxconn: cluster.somaxconn,
      diskMarker: cluster.diskMarker, preflight: cluster.preflight, externalLoadBalancers: cluster.externalLoadBalancers,
      metallbAssignsAddresses: cluster.metallbAssignsAddresses, targetDisruptionBudget: cluster.targetDisruptionBudget,
      initialPrimaryNode: cluster.initialPrimaryNode,
    }).toEqual({
      namespace: 'ais', images: { aisnode: 'docker.io/aistorage/aisnode:v4.9', init: 'docker.io/aistorage/ais-init:v4.9' },
      statePath: '/etc/ais', storage: MountpathStorage.HOST_PATH, clusterDomain: 'cluster.local', publicAddress: AisPublicAddress.NODE_IP,
      somaxconn: 65535, diskMarker: '.ais-disk', preflight: false, externalLoadBalancers: false,
      metallbAssignsAddresses: true, targetDisruptionBudget: { enabled: true, maxUnavailable: 1 }, initialPrimaryNode: 'cpu01',
    });
  });

  it('lists what must exist before the first sync: MetalLB for the pool, the issuer and pull secrets it names', () => {
    const cluster = new AisCluster(new App(), 'ais', {
      ...README_CLUSTER, images: { aisnode: 'docker.io/aistorage/aisnode:v4.9', init: 'docker.io/aistorage/ais-init:v4.9', pullSecrets: ['regcred'] },
      network: { nodes: { cpu01: { ip: '10.0.0.1' }, cpu02: { ip: '10.0.0.2' }, cpu03: { ip: '10.0.0.3' } } },
      tls: { certificate: { issuer: { name: 'corp-ca', kind: IssuerKind.ISSUER } } },
    });
    expect(cluster.prerequisites.map((p) => `${p.kind} ${p.namespace ? `${p.namespace}/` : ''}${p.name}`)).toEqual([
      'CustomResourceDefinition ipaddresspools.metallb.io',
      'CustomResourceDefinition certificates.cert-manager.io',
      'Issuer ais/corp-ca',
      'Secret ais/regcred',
    ]);
  });
});

describe('AisOperatorCluster resolves its props', () => {
  it('names the operator first and what its settings reference last', () => {
    const cluster = new AisOperatorCluster(new App(), 'ais', {
      ...README_CLUSTER, kubernetesVersion: '1.29', stateStorage: AisStateStorage.pvc('fast-ssd'),
      operatorSettings: { namespace: 'ops', aisCAConfigMap: 'ais-ca', clientCertificate: { issuerName: 'corp-ca', issuerKind: IssuerKind.ISSUER } },
    });
    expect(cluster.prerequisites.map((p) => `${p.kind} ${p.namespace ? `${p.namespace}/` : ''}${p.name}`)).toEqual([
      'CustomResourceDefinition aistores.ais.nvidia.com',
      'CustomResourceDefinition ipaddresspools.metallb.io',
      'StorageClass fast-ssd',
      'ConfigMap ops/ais-ca',
      'Issuer ops/corp-ca',
    ]);
  });
});

describe('PLAN.md of a library app', () => {
  /** The README's AIS cluster beside an AuriStorFS group, in a plain App. */
  function readmeApp(): App {
    const app = new App();
    new AisCluster(app, 'ais', README_CLUSTER);
    new AuristorClient(new Chart(app, 'auristor'), 'client', {
      delivery: KmodDelivery.STATIC,
      groups: [{ name: 'group-1', nodes: ['cpu01'], kmodVersion: '2021.05-20', csiVersion: '2022.09-1', kernels: ['4.18.0-305.49.1.el8_4.x86_64'] }],
    });
    return app;
  }

  it('finds the built constructs in the tree', () => {
    const subjects = planSubjects(readmeApp());
    expect(subjects.ais).toBeInstanceOf(AisCluster);
    expect(subjects.auristor?.cluster.delivery).toBe(KmodDelivery.STATIC);
    expect(subjects.auristor?.groups.map((g) => [g.name, g.namespace, g.nodes])).toEqual([['group-1', 'auristorfs-group-1', ['cpu01']]]);
    expect(subjectPrerequisites(subjects).map((p) => p.name)).toContain('feature.node.kubernetes.io/kernel-version.full');
  });

  it('fills the worksheet from the constructs: node labels, capacity, the kmod image per kernel', () => {
    const app = readmeApp();
    const plan = planReport({ release: 'demo', namespace: 'ais', source: 'app.ts' }, planSubjects(app), synthesize(app).manifests);
    expect(plan).toContain('| `cpu01` | yes | yes | yes | group-1 | `nvidia.com/ais-target=demo-ais`<br>`nvidia.com/ais-proxy=demo-ais-electable`'
      + '<br>`nvidia.com/ais-initial-primary-proxy=demo-ais`<br>`auristor.com/auristorfs-group=group-1` |');
    expect(plan).toContain('Raw capacity: 20 TiB per node, 60 TiB in all');
    expect(plan).toContain('| group-1 | `auristorfs-group-1` | `4.18.0-305.49.1.el8_4.x86_64` | `ghcr.io/auristor/auristor-kmod-2021.05-20:4.18.0-305.el8.x86_64` | `2022.09-1` |');
    expect(plan).toContain('- [ ] after mounting each mountpath: `mkdir /ais/sda/.ais-disk`, `mkdir /ais/sdb/.ais-disk`');
  });

  it('says where an operator-run cluster keeps its state (from the AIStore)', () => {
    const plan = (stateStorage?: AisStateStorage) => {
      const app = new App();
      new AisOperatorCluster(app, 'ais', { ...README_CLUSTER, kubernetesVersion: '1.29', stateStorage });
      return planReport({ release: 'demo', namespace: 'ais', source: 'app.ts' }, planSubjects(app), synthesize(app).manifests);
    };
    expect(plan()).toContain('| state path | `/etc/ais/ais/demo/proxy` (per node), `/etc/ais/ais/demo/target/<pod>` |');
    expect(plan()).toContain('writable state directory `/etc/ais` on every AIS node');
    expect(plan(AisStateStorage.pvc('fast-ssd'))).toContain('| state path | a PVC of StorageClass `fast-ssd` per pod |');
    expect(plan(AisStateStorage.emptyDir())).toContain('| state path | emptyDir: lost with the pod (test clusters only) |');
    expect(plan(AisStateStorage.emptyDir())).not.toContain('writable state directory');
  });
});
