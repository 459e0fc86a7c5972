/**
 * Issue 13, names derived beyond the standalone AIS cluster: the names the AIS operator gives the objects it
 * makes from an AIStore (lib/ais/operator/names.ts, citing NVIDIA/ais-k8s operator/) and every name and label
 * the AuriStorFS constructs emit (lib/auristor/client-checks.ts). Each limit: a config error at line:col, and
 * the construct refusing the same props.
 */
import { Testing } from 'cdk8s';
import { describe, expect, it } from 'vitest';
import { AisOperatorCluster } from '../../lib/ais/operator/cluster';
import { aisOperatorNames } from '../../lib/ais/operator/names';
import { MountpathStorage } from '../../lib/ais/storage/mountpath';
import { AuristorClient, AuristorClientProps } from '../../lib/auristor/client';
import { auristorGroupProblems } from '../../lib/auristor/client-checks';
import { KmodDelivery } from '../../lib/auristor/kmod/delivery';
import { AuristorMount } from '../../lib/auristor/storage/mount';
import { AuristorPersistentVolume } from '../../lib/auristor/storage/persistent-volume';
import { AuristorStorageClass } from '../../lib/auristor/storage/storage-class';
import { configProblems, editConfig } from '../support/config-problems';

const OPERATOR = `name: demo
namespace: ais
kubernetesVersion: "1.29"
ais:
  mode: operator
  proxies: { nodes: [node1, node2] }
  targets:
    nodes: [node1, node2]
    storage: localPV
    mountpaths: [{ path: /ais/sda, size: 1Ti }]
  gateway: { loadBalancerIP: 10.0.0.10, addressPool: 10.0.0.10-10.0.0.20 }
`;

describe('operator mode: names the AIS operator derives from the AIStore', () => {
  it('follow the operator source (Mount.GetPVCName, statefulSetName, rbac.go)', () => {
    expect(aisOperatorNames.mountClaimTemplate('demo', '/ais/sda')).toBe('demo-ais-sda');
    expect(aisOperatorNames.mountClaim('demo', '/ais/sda', 2)).toBe('demo-ais-sda-demo-target-2');
    expect(aisOperatorNames.targetStatefulSet('demo')).toBe('demo-target');
    expect(aisOperatorNames.serviceAccount('demo')).toBe('demo-sa');
  });

  it('a PVC-backed mount whose operator volume name <name><path> passes 63 is an error at the mountpath', () => {
    const edge = `/ais/${'d'.repeat(63 - 'demo-ais-'.length)}`;
    expect(configProblems(editConfig(OPERATOR, 'path: /ais/sda', `path: ${edge}`))).toEqual([]);
    expect(configProblems(editConfig(OPERATOR, 'path: /ais/sda', `path: ${edge}d`))).toEqual([
      expect.stringMatching(/^cluster\.yaml:10:18: ais\.targets\.mountpaths\[0\]: the operator's volume name demo-ais-d{55} is 64 characters; at most 63 \(derived from the cluster name and mountpath/),
    ]);
  });

  it('a PVC-backed mount with _ in its path gives an operator volume name that is not a DNS-1123 label', () => {
    expect(configProblems(editConfig(OPERATOR, 'path: /ais/sda', 'path: /ais/disk_1'))).toEqual([
      expect.stringMatching(/^cluster\.yaml:10:18: ais\.targets\.mountpaths\[0\]: the operator's volume name "demo-ais-disk_1" is not a DNS-1123 label/),
    ]);
    // hostPath mounts: the operator names their volumes hostpath-<index> (target/volumes.go getHostPathVolumeName)
    expect(configProblems(editConfig(editConfig(OPERATOR, 'path: /ais/sda', 'path: /ais/disk_1'), '    storage: localPV\n', ''))).toEqual([]);
  });

  const props = {
    name: 'demo', kubernetesVersion: '1.29' as const, proxyNodes: ['node1'], targetNodes: ['node1'], mountpaths: [{ path: '/ais/sda', size: '1Ti' }],
    gateway: { loadBalancerIP: '10.0.0.10', addressPool: '10.0.0.10-10.0.0.20' },
  };

  it('AisOperatorCluster refuses a name whose <name>-target StatefulSet passes 52 (target/statefulset.go statefulSetName)', () => {
    expect(() => new AisOperatorCluster(Testing.app(), 'ais', { ...props, name: 'a'.repeat(45) })).not.toThrow();
    expect(() => new AisOperatorCluster(Testing.app(), 'ais', { ...props, name: 'a'.repeat(46) }))
      .toThrow(/AisOperatorCluster: invalid props:\n {2}props\.name: cluster name a{46} has 46 characters; at most 45 in operator mode \(StatefulSet <name>-target: at most 52/);
  });

  it('AisOperatorCluster refuses a PVC-backed mount whose operator volume name is not a DNS-1123 label', () => {
    expect(() => new AisOperatorCluster(Testing.app(), 'ais', { ...props, storage: MountpathStorage.LOCAL_PV, mountpaths: [{ path: '/ais/Disk1', size: '1Ti' }] }))
      .toThrow(/props\.mountpaths\[0\]: the operator's volume name "demo-ais-Disk1" is not a DNS-1123 label/);
  });
});

const AURISTOR = `name: demo
auristor:
  delivery: static
  groups:
    - name: compute
      nodes: [node1]
      kmodVersion: "2021.05-20"
      csiVersion: "2022.09-1"
      kernels: [4.18.0-305.49.1.el8_4.x86_64]
`;
const KMM = editConfig(AURISTOR, 'delivery: static', 'delivery: kmm\n  kmm: { kmmLayoutImages: true, registry: registry.example.com/kmm }');
const SRO = editConfig(AURISTOR, 'delivery: static', 'delivery: sro');
const group = (name: string) => `name: ${name}`;

describe('AuriStorFS: every derived name and label within its limit (config, at line:col)', () => {
  it('a group name that makes the default namespace auristorfs-<name> longer than 63 (its DaemonSets, ServiceAccounts, Roles live there)', () => {
    expect(configProblems(editConfig(AURISTOR, group('compute'), group('g'.repeat(52))))).toEqual([]);
    expect(configProblems(editConfig(AURISTOR, group('compute'), group('g'.repeat(53))))).toEqual([
      expect.stringMatching(/^cluster\.yaml:5:13: auristor\.groups\[0\]\.name: Namespace name auristorfs-g{53} is 64 characters; at most 63 \(the default namespace auristorfs-<name> comes from the group name\)/),
    ]);
  });

  it('static delivery: a kernel whose kmod DaemonSet name passes 63', () => {
    const kernel = (build: string) => `kernels: [4.18.0-305.49.${build}.el8_4.x86_64]`;
    // auristorfs-kmod-4-18-0-305-49-<build>-el8-4-x86-64: 43 characters around the build
    expect(configProblems(editConfig(AURISTOR, kernel('1'), kernel('1'.repeat(20))))).toEqual([]);
    expect(configProblems(editConfig(AURISTOR, kernel('1'), kernel('1'.repeat(21))))).toEqual([
      expect.stringMatching(/^cluster\.yaml:9:17: auristor\.groups\[0\]\.kernels\[0\]: kernel ".*" gives the DaemonSet name "auristorfs-kmod-4-18-0-305-49-1{21}-el8-4-x86-64", longer than 63 characters$/),
    ]);
  });

  it('sro delivery: the SpecialResource (the group namespace) at the 29 characters SRO allows', () => {
    expect(configProblems(editConfig(SRO, group('compute'), group('g'.repeat(18))))).toEqual([]);
    expect(configProblems(editConfig(SRO, group('compute'), group('g'.repeat(19))))).toEqual([
      expect.stringMatching(/^cluster\.yaml:5:13: auristor\.groups\[0\]\.name: SpecialResource name "auristorfs-g{19}" is longer than 29 characters/),
    ]);
  });

  it('kmm delivery: Module name + namespace at the 40 characters KMM allows (its node label keys within 63)', () => {
    expect(configProblems(editConfig(KMM, group('compute'), group('g'.repeat(14))))).toEqual([]);
    expect(configProblems(editConfig(KMM, group('compute'), group('g'.repeat(15))))).toEqual([
      expect.stringMatching(/^cluster\.yaml:6:13: auristor\.groups\[0\]\.name: the KMM Module auristorfs-g{15}\/auristorfs-kmod has name \+ namespace of 41 characters/),
    ]);
  });

  it('kmm delivery: a pinned version is a node label value (at most 63)', () => {
    const pinned = (version: string) => editConfig(KMM, '      nodes: [node1]\n', `      nodes: [node1]\n      pinnedNodes: { node1: "${version}" }\n`);
    expect(configProblems(pinned(`2021.05-${'1'.repeat(55)}`))).toEqual([]);
    expect(configProblems(pinned(`2021.05-${'1'.repeat(56)}`))).toEqual([
      expect.stringMatching(/^cluster\.yaml:8:29: auristor\.groups\[0\]\.pinnedNodes\.node1: pinned version \(a node label value\) 2021\.05-1{56} is 64 characters; at most 63$/),
    ]);
  });

  it('a StorageClass name that is not a DNS-1123 subdomain', () => {
    expect(configProblems(`${AURISTOR}  storageClasses:\n    - { name: Fast_SC, mountType: root }\n`)).toEqual([
      expect.stringMatching(/^cluster\.yaml:11:15: auristor\.storageClasses\[0\]\.name: expected a DNS-1123 subdomain/),
    ]);
  });
});

describe('AuriStorFS: the constructs run the same checks (props.<path>)', () => {
  const props: AuristorClientProps = {
    delivery: KmodDelivery.STATIC,
    groups: [{ name: 'compute', nodes: ['node1'], kmodVersion: '2021.05-20', csiVersion: '2022.09-1', kernels: ['4.18.0-305.49.1.el8_4.x86_64'] }],
  };
  const withGroup = (overrides: object): AuristorClientProps => ({ ...props, groups: [{ ...props.groups[0], ...overrides }] });
  const attempt = (p: AuristorClientProps) => () => new AuristorClient(Testing.chart(), 'auristor', p);

  it('valid props build', () => {
    expect(attempt(props)).not.toThrow();
  });

  it.each<[string, AuristorClientProps, RegExp]>([
    ['a group name that is not a DNS-1123 label', withGroup({ name: 'Compute' }), /props\.groups\[0\]\.name: group name "Compute" is not a DNS-1123 label/],
    ['a group namespace over 63', withGroup({ namespace: 'n'.repeat(64) }), /props\.groups\[0\]\.namespace: Namespace name n{64} is 64 characters; at most 63/],
    ['a default namespace over 63', withGroup({ name: 'g'.repeat(53) }), /props\.groups\[0\]\.name: Namespace name auristorfs-g{53} is 64 characters/],
    ['a CSI namespace that is not a DNS-1123 label', { ...props, csiNamespace: 'CSI_ns' }, /props\.csiNamespace: Namespace name "CSI_ns" is not a DNS-1123 label/],
    ['a kernel whose DaemonSet name passes 63', withGroup({ kernels: [`4.18.0-305.49.${'1'.repeat(21)}.el8_4.x86_64`] }), /props\.groups\[0\]\.kernels\[0\]: kernel .* longer than 63/],
    ['a nodeSelector key that is not a label key', withGroup({ nodes: undefined, nodeSelector: { 'Example.com/rack': 'r1' } }), /props\.groups\[0\]\.nodeSelector\.Example\.com\/rack: label key prefix/],
    ['a node name that is not a DNS-1123 subdomain', withGroup({ nodes: ['Node_1'] }), /props\.groups\[0\]\.nodes\[0\]: Node name "Node_1" is not a DNS-1123 subdomain/],
    ['a client ConfigMap name that is not a DNS-1123 subdomain', { ...props, clientConfig: { configMap: 'Etc_Yfs' } }, /props\.clientConfig\.configMap: ConfigMap name "Etc_Yfs"/],
    ['an SRO group over 29', { ...props, delivery: KmodDelivery.SRO, groups: [{ ...props.groups[0], name: 'g'.repeat(19) }] }, /props\.groups\[0\]\.name: SpecialResource name/],
    ['two groups with one nodeSelector', { ...props, groups: [withGroup({ nodes: undefined, nodeSelector: { a: 'b' } }).groups[0], { ...props.groups[0], name: 'other', nodes: undefined, nodeSelector: { a: 'b' } }] },
      /props\.groups\[1\]\.nodeSelector: group 1 has the same nodeSelector/],
  ])('AuristorClient refuses %s', (_, p, message) => {
    expect(attempt(p)).toThrow(/^AuristorClient: invalid props:/);
    expect(attempt(p)).toThrow(message);
  });

  it('the group checks use the naming functions of the constructs (KMM at 40, SRO at 29)', () => {
    const kmm = { ...props.groups[0], name: 'g'.repeat(14) };
    expect(auristorGroupProblems(kmm, KmodDelivery.KMM)).toEqual([]);
    expect(auristorGroupProblems({ ...kmm, name: 'g'.repeat(15) }, KmodDelivery.KMM)).toEqual([
      { path: ['name'], message: expect.stringMatching(/KMM's webhook admits at most 40/) },
    ]);
    expect(auristorGroupProblems({ ...kmm, name: 'g'.repeat(18) }, KmodDelivery.SRO)).toEqual([]);
  });

  it('AuristorStorageClass and AuristorPersistentVolume check their names', () => {
    const chart = () => Testing.chart();
    expect(() => new AuristorStorageClass(chart(), 'sc', { name: 'Fast_SC', mount: AuristorMount.root() }))
      .toThrow(/AuristorStorageClass: invalid props:\n {2}props\.name: StorageClass name "Fast_SC" is not a DNS-1123 subdomain/);
    expect(() => new AuristorPersistentVolume(chart(), 'pv', { name: 'p'.repeat(254), mount: AuristorMount.root() }))
      .toThrow(/props\.name: PersistentVolume name p{80}… is 254 characters; at most 253/);
    expect(() => new AuristorPersistentVolume(chart(), 'pv', { name: 'pv', mount: AuristorMount.root(), claim: { namespace: 'Team_A', name: 'data' } }))
      .toThrow(/props\.claim\.namespace: Namespace name "Team_A"/);
    expect(() => new AuristorPersistentVolume(chart(), 'pv', { name: 'pv', mount: AuristorMount.root(), claim: { namespace: 'team-a', name: 'data' } })).not.toThrow();
  });
});
