/**
 * Issue 13's reproductions, each a named test: configs that used to crash, or synthesize objects
 * a Kubernetes 1.28 API server / cert-manager's webhook rejects, or do something silently wrong,
 * are config errors at the key's line:col (the constructs apply the same rules: the rulebook case tables, test/ais, test/auristor, test/gitops).
 */
import { describe, expect, it } from 'vitest';
import {
  dns1035LabelProblem, labelValueProblem, objectNameProblem, qualifiedNameProblem,
} from '../../lib/k8s/names';
import { aisNames } from '../../lib/ais/names';
import { configProblems, editConfig } from '../support/config-problems';
import { manifestsOf } from '../support/synth';

const BASE = `name: demo
namespace: ais
ais:
  proxies: { nodes: [node1, node2] }
  targets:
    nodes: [node1, node2]
    mountpaths: [/ais/sda]
  gateway: { loadBalancerIP: 10.0.0.10, addressPool: 10.0.0.10-10.0.0.20 }
`;
const LOCAL_PV = editConfig(BASE, '    mountpaths: [/ais/sda]\n', '    storage: localPV\n    mountpaths: [{ path: /ais/sda, size: 1Ti }]\n');
const AURISTOR = `auristor:
  delivery: static
  groups:
    - name: compute
      nodes: [node1]
      kmodVersion: "2021.05-20"
      csiVersion: "2022.09-1"
      kernels: [4.18.0-305.49.1.el8_4.x86_64]
`;

describe('API-server name and label rules (k8s.io/apimachinery validation.go)', () => {
  it('follow the upstream rules at their limits', () => {
    expect(objectNameProblem('StatefulSet', 'a'.repeat(52))).toBeUndefined();
    expect(objectNameProblem('StatefulSet', 'a'.repeat(53))).toMatch(/at most 52.*#64023/);
    expect(objectNameProblem('Service', 'demo-proxy')).toBeUndefined();
    expect(objectNameProblem('Service', '1demo-proxy')).toMatch(/DNS-1035/);
    expect(objectNameProblem('PersistentVolume', 'a'.repeat(253))).toBeUndefined();
    expect(objectNameProblem('PersistentVolume', 'a'.repeat(254))).toMatch(/at most 253/);
    expect(objectNameProblem('ConfigMap', 'Demo_1')).toMatch(/DNS-1123 subdomain/);
    expect(dns1035LabelProblem('a'.repeat(64))).toMatch(/at most 63/);
    expect(labelValueProblem('')).toBeUndefined();
    expect(labelValueProblem('a'.repeat(64))).toMatch(/at most 63/);
    expect(labelValueProblem('-a')).toMatch(/not a valid label value/);
    expect(qualifiedNameProblem('metallb.universe.tf/address-pool')).toBeUndefined();
    expect(qualifiedNameProblem('MetalLB.universe.tf/address-pool')).toMatch(/prefix/);
    expect(qualifiedNameProblem(`example.com/${'k'.repeat(64)}`)).toMatch(/at most 63/);
  });

  it('the objects carry the names the checks test (one naming function)', () => {
    const names = manifestsOf(BASE).map((m) => `${m.kind}/${m.metadata.name}`);
    expect(names).toEqual(expect.arrayContaining([
      `StatefulSet/${aisNames.proxyPrimaryStatefulSet('demo')}`, `StatefulSet/${aisNames.targetStatefulSet('demo')}`,
      `Service/${aisNames.gatewayService('demo')}`, `Service/${aisNames.headlessService('demo', 'proxy')}`,
    ]));
  });
});

describe('issue 13: crashes are config errors', () => {
  it('an alias bomb', () => {
    const bomb = 'a: &a [x,x,x,x,x,x,x,x,x,x]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: [*c,*c,*c,*c,*c,*c,*c,*c,*c,*c]\n';
    expect(configProblems(`${BASE}${bomb}`)).toEqual([expect.stringMatching(/^cluster\.yaml:10:8: the YAML aliases expand too far/)]);
  });

  it('an undefined alias', () => {
    expect(configProblems(editConfig(BASE, 'namespace: ais', 'namespace: *nope'))).toEqual([
      'cluster.yaml:2:12: alias *nope refers to no anchor: define &nope before it',
    ]);
  });

  it('mountpaths whose volume names collide (hostPath and localPV)', () => {
    expect(configProblems(editConfig(BASE, '[/ais/sda]', '[/mnt/vol_1, /mnt/vol-1]'))).toEqual([
      'cluster.yaml:7:30: ais.targets.mountpaths[1]: mountpaths /mnt/vol_1 and /mnt/vol-1 both give the volume name mnt-vol-1; rename one of the directories',
    ]);
    expect(configProblems(editConfig(LOCAL_PV, '{ path: /ais/sda, size: 1Ti }', '{ path: /mnt/vol_1, size: 1Ti }, { path: /mnt/vol-1, size: 1Ti }'))).toEqual([
      expect.stringMatching(/^cluster\.yaml:8:51: ais\.targets\.mountpaths\[1\]: .*both give the volume name mnt-vol-1 \(and the same PersistentVolume names\)/),
    ]);
  });
});

describe('issue 13: configs the API server would reject', () => {
  it('a 40-character name makes <name>-proxy-primary longer than 52 (StatefulSet pods never start): one error, the mode\'s limit', () => {
    const longest = 'a'.repeat(52 - '-proxy-primary'.length);
    expect(configProblems(editConfig(BASE, 'name: demo', `name: ${longest}`))).toEqual([]);
    expect(configProblems(editConfig(BASE, 'name: demo', `name: ${'a'.repeat(40)}`))).toEqual([
      `cluster.yaml:1:7: name: cluster name ${'a'.repeat(40)} has 40 characters; at most 38 in standalone mode (StatefulSet <name>-proxy-primary: at most 52, or its pods never start (kubernetes/kubernetes#64023))`,
    ]);
  });

  it('a 69-character name gets one error naming the real limit of its mode (it got two, 63 and 40)', () => {
    const name = 'a'.repeat(69);
    const limit = (text: string) => configProblems(editConfig(text, 'name: demo', `name: ${name}`));
    expect(limit(BASE)).toEqual([expect.stringMatching(/^cluster\.yaml:1:7: name: cluster name a+… \(69 characters\); at most 38 in standalone mode \(/)]);
    expect(limit(editConfig(BASE, 'ais:\n', 'kubernetesVersion: "1.29"\nais:\n  mode: operator\n'))).toEqual([expect.stringMatching(/^cluster\.yaml:1:7: name: cluster name a+… \(69 characters\); at most 45 in operator mode \(/)]);
    expect(limit(`name: demo\n${AURISTOR}`)).toEqual([`cluster.yaml:1:7: name: release name ${name} is 69 characters; at most 63`]);
  });

  it('name 1demo gives Service names that must start with a letter', () => {
    expect(configProblems(editConfig(BASE, 'name: demo', 'name: 1demo'))).toEqual([
      expect.stringMatching(/^cluster\.yaml:1:7: name: Service name "1demo-proxy-lb" is not a DNS-1035 label/),
    ]);
  });

  it('a mountpath whose volume name and PV label value pass 63', () => {
    const path = `/ais/${'d'.repeat(60)}`;
    expect(configProblems(editConfig(LOCAL_PV, 'path: /ais/sda', `path: ${path}`))).toEqual([
      expect.stringMatching(/^cluster\.yaml:8:18: ais\.targets\.mountpaths\[0\]: volume name ais-d{60} is 64 characters; at most 63 \(derived from mountpath/),
    ]);
  });

  it('a node name near 253 gives PV names over 253', () => {
    const node = ['a', 'b', 'c', 'd'].map((c) => c.repeat(62)).join('.');
    expect(configProblems(editConfig(LOCAL_PV, 'nodes: [node1, node2]\n    storage', `nodes: [node1, ${node}]\n    storage`))).toEqual([
      expect.stringMatching(/^cluster\.yaml:6:20: ais\.targets\.nodes\[1\]: PersistentVolume name demo-a{62}.* is 264 characters; at most 253 \(the local PV of node a{60}… \(251 characters\) and mountpath \/ais\/sda\)$/),
    ]);
  });

  it('clusterDomain "cluster local!" (it ends up in the AIS URLs)', () => {
    expect(configProblems(`${BASE}  clusterDomain: "cluster local!"\n`)).toEqual([
      expect.stringMatching(/^cluster\.yaml:9:18: ais\.clusterDomain: cluster domain "cluster local!" is not a DNS-1123 subdomain/),
    ]);
  });

  it('requests greater than limits', () => {
    expect(configProblems(editConfig(BASE, '    mountpaths: [/ais/sda]\n', '    mountpaths: [/ais/sda]\n    resources: { requests: { memory: 2Gi }, limits: { memory: 1500Mi } }\n'))).toEqual([
      'cluster.yaml:8:38: ais.targets.resources.requests.memory: the memory request 2Gi is greater than its limit 1500Mi; the API server rejects the pod (requests must not exceed limits)',
    ]);
  });

  it('annotation keys with upper case', () => {
    expect(configProblems(editConfig(BASE, 'addressPool: 10.0.0.10-10.0.0.20 }', 'addressPool: 10.0.0.10-10.0.0.20, annotations: { MetalLB.universe.tf/allow-shared-ip: x } }'))).toEqual([
      expect.stringMatching(/^cluster\.yaml:8:127: ais\.gateway\.annotations\.MetalLB\.universe\.tf\/allow-shared-ip: annotation key prefix "MetalLB\.universe\.tf" is not a DNS-1123 subdomain/),
    ]);
  });

  it.each([
    ['duration under 1h', '{ selfSigned: true, duration: 59m }', /duration 59m is shorter than cert-manager's minimum of 1h/],
    ['renewBefore under 5m', '{ selfSigned: true, duration: 2h, renewBefore: 4m }', /renewBefore 4m is shorter than cert-manager's minimum of 5m/],
    ['renewBefore not shorter than duration', '{ selfSigned: true, duration: 2h, renewBefore: 120m }', /renewBefore 120m must be shorter than duration 2h/],
    ['renewBefore not shorter than the default 90 days', '{ selfSigned: true, renewBefore: 2160h }', /renewBefore 2160h must be shorter than duration 2160h \(cert-manager's default\)/],
  ])('cert-manager webhook: %s', (_, certManager, message) => {
    const problems = configProblems(`${BASE}  tls: { certManager: ${certManager}, skipVerify: true, clientsVerify: false }\n`);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^cluster\.yaml:9:\d+: ais\.tls\.certManager\.(duration|renewBefore): /);
    expect(problems[0]).toMatch(message);
  });

  it('the same limits hold at the edges: 1h and 5m are accepted', () => {
    expect(configProblems(`${BASE}  tls: { certManager: { selfSigned: true, duration: 1h, renewBefore: 5m }, skipVerify: true, clientsVerify: false }\n`)).toEqual([]);
  });
});

describe('issue 13: configs that were silently wrong', () => {
  it('a config with only name: is an error, not an empty output', () => {
    expect(configProblems('name: demo\n')).toEqual([
      'cluster.yaml:1:1: nothing to generate: add an `ais:` section (an AIStore cluster) or an `auristor:` section (AuriStorFS clients)',
    ]);
  });

  it('two AuriStorFS groups with the same nodeSelector', () => {
    const twoGroups = `name: demo\n${AURISTOR.replace('      nodes: [node1]\n', '      nodeSelector: { node-role.kubernetes.io/compute: "" }\n')}`
      + '    - name: other\n      nodeSelector: { node-role.kubernetes.io/compute: "" }\n      kmodVersion: "2021.05-20"\n      csiVersion: "2022.09-1"\n      kernels: [4.18.0-305.49.1.el8_4.x86_64]\n';
    expect(configProblems(twoGroups)).toEqual([
      'cluster.yaml:11:21: auristor.groups[1].nodeSelector: group 1 has the same nodeSelector; a node belongs to one group (one kmod)',
    ]);
  });

  it('nodeLabels.target and .proxy with one key and different values on a shared node', () => {
    const labels = '  nodeLabels: { target: { key: example.com/ais, value: t }, proxy: { key: example.com/ais, value: p } }\n';
    expect(configProblems(`${BASE}${labels}`)).toEqual([
      expect.stringMatching(/^cluster\.yaml:9:75: ais\.nodeLabels\.proxy\.key: the proxy and target labels share the key example\.com\/ais with different values \(p, t\), and node node1 has both roles/),
    ]);
  });

  it('an AIS label key that is the AuriStorFS group key on a shared node', () => {
    const labels = '  nodeLabels: { target: { key: auristor.com/auristorfs-group } }\n';
    expect(configProblems(`${BASE}${labels}${AURISTOR}`)).toEqual([
      'cluster.yaml:9:32: ais.nodeLabels.target.key: auristor.com/auristorfs-group is also the AuriStorFS node-group label, and node node1 carries both: '
        + 'a node holds one value per key; use another key for the AIS target label',
    ]);
  });

  it('objects of both sections with one name (namespace, local StorageClass, PV) name both inputs', () => {
    const sharedNamespace = `${BASE}${AURISTOR.replace('    - name: compute\n', '    - name: compute\n      namespace: ais\n')}`;
    expect(configProblems(sharedNamespace)).toEqual([
      'cluster.yaml:13:18: auristor.groups[0].namespace: namespace ais is also the namespace of the AIS cluster; give AuriStorFS group compute its own namespace',
    ]);
    const sharedClass = `${LOCAL_PV}${AURISTOR}  storageClasses: [{ name: demo-local, mountType: root }]\n`;
    expect(configProblems(sharedClass)).toEqual([
      expect.stringMatching(/auristor\.storageClasses\[0\]\.name: StorageClass demo-local is also the AIS local StorageClass; rename one$/),
    ]);
  });
});

describe('issue 13: messages', () => {
  it('a bad record key says which key and what a key must be (no internal placeholder)', () => {
    const problems = configProblems(`name: demo\n${AURISTOR.replace('      nodes: [node1]\n', '      nodeSelector: { "Bad Key!": x }\n')}`);
    expect(problems).toEqual([
      'cluster.yaml:6:35: auristor.groups[0].nodeSelector.Bad Key!: label key "Bad Key!" is not a qualified name: letters, digits, \'-\', \'_\' and \'.\', '
        + 'starting and ending with a letter or digit, with an optional DNS-subdomain prefix and \'/\'',
    ]);
  });

  it('a value that fits no alternative of a union says what each expects (no "Invalid input")', () => {
    expect(configProblems(`${BASE}  targetDisruptionBudget: { maxUnavailable: true }\n`)).toEqual([
      'cluster.yaml:9:45: ais.targetDisruptionBudget.maxUnavailable: expected a count such as 1 or a percentage such as 10%, got true',
    ]);
  });

  it('a 100k-character value is clipped in every message', () => {
    const problems = configProblems(editConfig(BASE, 'name: demo', `name: ${'a'.repeat(100_000)}`));
    expect(problems.length).toBeGreaterThan(0);
    for (const problem of problems) expect(problem.length).toBeLessThan(300);
    expect(problems.join('\n')).toContain('… (100000 characters)');
  });

  it('issue 17: type errors and cross-field checks in one pass, where the cross-field inputs are valid', () => {
    const config = `${editConfig(BASE, 'loadBalancerIP: 10.0.0.10', 'loadBalancerIP: 10.0.1.1')}  privileged: "yes"\n  targetDisruptionBudget: { enabled: maybe }\n`;
    expect(configProblems(config)).toEqual([
      'cluster.yaml:8:30: ais.gateway.loadBalancerIP: gateway IP 10.0.1.1 is outside the address pool 10.0.0.10-10.0.0.20',
      'cluster.yaml:9:15: ais.privileged: expected boolean, got "yes"',
      'cluster.yaml:10:38: ais.targetDisruptionBudget.enabled: expected boolean, got "maybe"',
    ]);
  });
});
