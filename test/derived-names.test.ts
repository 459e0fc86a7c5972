/**
 * Issue 13, names derived beyond the standalone AIS cluster: the names the AIS operator gives the objects it
 * makes from an AIStore (lib/ais/operator/names.ts, citing NVIDIA/ais-k8s operator/) and every name and label
 * the AuriStorFS constructs emit (lib/auristor/client-checks.ts). Each limit: a config error at line:col, and
 * the construct refusing the same props.
 */
import { Testing } from 'cdk8s';
import { describe, expect, it } from 'vitest';
import { AisOperatorCluster } from '../lib/ais/operator/cluster';
import { aisOperatorNames } from '../lib/ais/operator/names';
import { MountpathStorage } from '../lib/ais/storage/mountpath';
import { configProblems, editConfig } from './support/config-problems';

const OPERATOR = `name: demo
namespace: ais
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
      expect.stringMatching(/^cluster\.yaml:9:18: ais\.targets\.mountpaths\[0\]: the operator's volume name demo-ais-d{55} is 64 characters; at most 63 \(derived from the cluster name and mountpath/),
    ]);
  });

  it('a PVC-backed mount with _ in its path gives an operator volume name that is not a DNS-1123 label', () => {
    expect(configProblems(editConfig(OPERATOR, 'path: /ais/sda', 'path: /ais/disk_1'))).toEqual([
      expect.stringMatching(/^cluster\.yaml:9:18: ais\.targets\.mountpaths\[0\]: the operator's volume name "demo-ais-disk_1" is not a DNS-1123 label/),
    ]);
    // hostPath mounts: the operator names their volumes hostpath-<index> (target/volumes.go getHostPathVolumeName)
    expect(configProblems(editConfig(editConfig(OPERATOR, 'path: /ais/sda', 'path: /ais/disk_1'), '    storage: localPV\n', ''))).toEqual([]);
  });

  const props = {
    name: 'demo', proxyNodes: ['node1'], targetNodes: ['node1'], mountpaths: [{ path: '/ais/sda', size: '1Ti' }],
    gateway: { loadBalancerIP: '10.0.0.10', addressPool: '10.0.0.10-10.0.0.20' },
  };

  it('AisOperatorCluster refuses a name whose <name>-target StatefulSet passes 52 (target/statefulset.go statefulSetName)', () => {
    expect(() => new AisOperatorCluster(Testing.app(), 'ais', { ...props, name: 'a'.repeat(45) })).not.toThrow();
    expect(() => new AisOperatorCluster(Testing.app(), 'ais', { ...props, name: 'a'.repeat(46) }))
      .toThrow(/AisOperatorCluster: invalid props:\n {2}props\.name: StatefulSet name a{46}-target is 53 characters; at most 52/);
  });

  it('AisOperatorCluster refuses a PVC-backed mount whose operator volume name is not a DNS-1123 label', () => {
    expect(() => new AisOperatorCluster(Testing.app(), 'ais', { ...props, storage: MountpathStorage.LOCAL_PV, mountpaths: [{ path: '/ais/Disk1', size: '1Ti' }] }))
      .toThrow(/props\.mountpaths\[0\]: the operator's volume name "demo-ais-Disk1" is not a DNS-1123 label/);
  });
});
