/**
 * Issue 20: addresses that work from everywhere. One named test per finding of the audit
 * (/work/shared/audits/ais-2026-12-06.md N1, N2, N3, N7, N13, N15 and the MetalLB note), each failing on
 * the output before the addressing model; then what the network keys emit, in both modes.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { execFileSync } from 'node:child_process';
import { Testing } from 'cdk8s';
import { describe, expect, it } from 'vitest';
import { AisCluster } from '../../../lib/ais/cluster';
import { AisTargetNetwork, aisAddressing } from '../../../lib/ais/network/addressing';
import { AttachmentCniType, attachmentCniJson } from '../../../lib/ais/network/attachments';
import { AisPublicAddress } from '../../../lib/ais/workloads/public-address';
import type { Manifest } from '../../../lib/k8s/manifest';
import { EXAMPLES, find, tempDir } from '../../support/cli';
import { configProblems, editConfig } from '../../support/config-problems';
import { asOperatorMode, only } from '../../support/operator-build';
import { validateAll } from '../../support/schema';
import { STARTUP_CONTRACT, intentFromConfig } from '../../support/startup-contract';
import { manifestsOf, planOf } from '../../support/synth';
import { parseConfig } from '../../../lib/from-config/load';

const example = (name: string) => fs.readFileSync(path.join(EXAMPLES, name), 'utf8');
const podSpec = (manifests: readonly Manifest[], set: string) => find(manifests, 'StatefulSet', set).spec.template.spec;
const initEnv = (manifests: readonly Manifest[], set: string) => podSpec(manifests, set).initContainers[0].env;
const rule = (id: string) => STARTUP_CONTRACT.find((r) => r.id === id)!;
const contractInput = (text: string) => {
  const config = parseConfig(text, 'c.yaml');
  return { intent: intentFromConfig(config), manifests: manifestsOf(text) };
};

describe('audit findings (each failed on the output before issue 20)', () => {
  const reference = manifestsOf(example('reference.yaml'));
  const https = example('https.yaml');

  it('addressing: every proxy public URL is in the certificate (forwardCP) — examples/https.yaml', () => {
    const manifests = manifestsOf(https);
    for (const set of ['secure-proxy-primary', 'secure-proxy']) {
      expect(initEnv(manifests, set)).toContainEqual({ name: 'AIS_PUBLIC_HOSTNAME', valueFrom: { fieldRef: { fieldPath: 'status.hostIP' } } });
    }
    expect(find(manifests, 'Certificate', 'secure-tls-cert').spec.ipAddresses).toEqual(expect.arrayContaining(['10.20.0.21', '10.20.0.22', '10.20.0.23']));
    expect(rule('every-verified-dial-is-named').check(contractInput(https))).toEqual([]);
  });

  it('addressing: a primary restarted without state confirms the running primary over TLS (its public URL is named)', () => {
    // aistore ais/earlystart.go tryConfirmPrimaryViaConfig: discovery_url, then the primary's PubURL with the intra client (verifying)
    const input = contractInput(https);
    const dials = rule('every-verified-dial-is-named');
    expect(dials.check(input)).toEqual([]);
    const cert = input.manifests.find((m) => m.kind === 'Certificate')!;
    const broken = input.manifests.map((m) => (m === cert ? { ...m, spec: { ...m.spec, ipAddresses: ['10.20.0.10'] } } : m));
    expect(dials.check({ ...input, manifests: broken })).toContain('non-primary proxies (forwardCP) and a primary restarted without state → 10.20.0.21: not in the certificate');
  });

  it('addressing: proxies advertise a node address reachable outside the pod network — examples/reference.yaml (HTTP)', () => {
    for (const set of ['demo-proxy-primary', 'demo-proxy']) {
      expect(podSpec(reference, set).containers[0].ports[0]).toEqual({ name: 'http', containerPort: 51080, hostPort: 51080, protocol: 'TCP' });
      expect(initEnv(reference, set)).toContainEqual({ name: 'AIS_PUBLIC_HOSTNAME', valueFrom: { fieldRef: { fieldPath: 'status.hostIP' } } });
    }
  });

  it('addressing: proxy state is per node (the proxy ID is a hash of the node name)', () => {
    for (const set of ['demo-proxy-primary', 'demo-proxy']) {
      const mount = podSpec(reference, set).containers[0].volumeMounts.find((m: any) => m.mountPath === '/etc/ais');
      expect(mount).toEqual({ name: 'state-mount', mountPath: '/etc/ais' });
      expect(podSpec(reference, set).volumes.find((v: any) => v.name === 'state-mount').hostPath.path).toBe('/etc/ais/ais/demo/proxy');
    }
    // targets keep a directory per pod: their identity travels with their disks
    expect(podSpec(reference, 'demo-target').containers[0].volumeMounts.find((m: any) => m.mountPath === '/etc/ais').subPathExpr).toBe('$(MY_POD)');
  });

  it('config: HTTPS in node IP mode without node IPs is refused at line:col (examples/monitoring.yaml without its network section)', () => {
    const monitoring = example('monitoring.yaml');
    const withoutIPs = monitoring.slice(0, monitoring.indexOf('  network:\n')) + monitoring.slice(monitoring.indexOf('  tls:\n'));
    const problems = configProblems(withoutIPs);
    expect(problems).toHaveLength(1);
    // the missing key is reported at its parent, the ais: line
    const aisLine = withoutIPs.split('\n').indexOf('ais:') + 1;
    expect(problems[0]).toMatch(new RegExp(`^cluster\\.yaml:${aisLine}:1: `));
    expect(problems[0]).toMatch(/^cluster\.yaml:\d+:1: ais\.network\.nodes: proxies and targets advertise https:\/\/<node IP>:51080 and :51081, and the certificate must name each node IP: .*Give the ip of cpu01, cpu02, .*, cpu12 in network\.nodes/);
  });

  it('plan: Admin access names AIS_ENDPOINT and every proxy and target address; its commands pass shellcheck', () => {
    for (const name of ['reference.yaml', 'https.yaml', 'https-selfsigned.yaml', 'monitoring.yaml', 'multihome.yaml', 'operator.yaml', 'minimal.yaml']) {
      const plan = planOf(example(name), name);
      const section = plan.slice(plan.indexOf('## Admin access'), plan.indexOf('## Before the first sync'));
      expect(section, name).toMatch(/export AIS_ENDPOINT/);
      expect(section, name).toContain('re-targets itself at the primary proxy\'s public address');
      const commands = /```console\n([\s\S]*?)```/.exec(section)![1];
      const script = path.join(tempDir('admin-access-'), 'admin.sh');
      fs.writeFileSync(script, `#!/bin/bash\nset -euo pipefail\n${commands}`);
      expect(() => execFileSync('shellcheck', ['-s', 'bash', script]), `${name}:\n${commands}`).not.toThrow();
      // the addresses the CLI reaches after its first call are listed (node IPs when given)
      if (name === 'https.yaml') expect(plan).toContain('| `node2` | `10.20.0.22` | `10.20.0.22:51080` | `10.20.0.22:51081` |');
    }
    expect(planOf(example('https.yaml'))).toContain("kubectl -n ais get secret secure-tls -o jsonpath='{.data.ca\\.crt}' | base64 -d > secure-ca.crt");
    expect(planOf(example('minimal.yaml'))).toContain("AIS_ENDPOINT=\"http://$(kubectl -n ais get svc mini-proxy-lb -o jsonpath='{.status.loadBalancer.ingress[0].ip}'):51080\"\nexport AIS_ENDPOINT\n");
  });

  it('plan: standalone ETL is stated off; the Role grants no create', () => {
    const plan = planOf(example('reference.yaml'));
    expect(plan).toContain('## Not included');
    expect(plan).toMatch(/Standalone mode runs no ETL: .*`ais etl init` is accepted by aisnode and then fails with 403.*`pods`: create, get, list, watch, delete; `pods\/log`: get; `services`: create, get, list, delete/);
    const role = find(reference, 'Role', 'demo-role');
    expect(role.rules).toEqual([{ apiGroups: [''], resources: ['pods'], verbs: ['get'] }]);
    // operator mode: the operator grants what ETL calls; PLAN.md says nothing of it
    expect(planOf(example('operator.yaml'))).not.toContain('## Not included');
  });
});

describe('multihome: examples/multihome.yaml', () => {
  const text = example('multihome.yaml');
  const manifests = manifestsOf(text);

  it('validates strictly, the NetworkAttachmentDefinition included (the vendored Multus CRD)', async () => {
    expect(await validateAll([...manifests])).toEqual([]);
    const nad = find(manifests, 'NetworkAttachmentDefinition', 'mh-client-b');
    expect(JSON.parse(nad.spec.config)).toEqual({
      cniVersion: '0.3.1', name: 'mh-client-b', type: 'macvlan', master: 'ens2f1', mode: 'bridge',
      ipam: { type: 'whereabouts', range: '10.11.0.0/24', exclude: ['10.11.0.0/25'], gateway: '10.11.0.1' },
    });
    // a field Multus does not know is refused like the API server's strict field validation does
    expect(await validateAll([{ ...nad, spec: { ...nad.spec, cni: 'x' } }])).toEqual([expect.stringContaining('must NOT have additional properties')]);
  });

  it('PLAN.md shows every node on every network and the prerequisites (Multus, whereabouts, kubelet --node-ip)', () => {
    const plan = planOf(text);
    expect(plan).toContain('| `stor01` | `192.168.100.11` | `10.10.0.11:51080`<br>`10.11.0.11:51080` | `10.10.0.11:51081`<br>`10.11.0.11:51081` | proxy: pod IP<br>target: node IP `192.168.100.11` (host network) | `mh-client-b` |');
    expect(plan).toContain('| `stor04` | `192.168.100.14` |  | `10.10.0.14:51081`<br>`10.11.0.14:51081` | target: node IP `192.168.100.14` (host network) |  |');
    expect(plan).toContain('- CustomResourceDefinition network-attachment-definitions.k8s.cni.cncf.io: Multus');
    expect(plan).toContain('- CustomResourceDefinition ippools.whereabouts.cni.cncf.io: whereabouts');
    expect(plan).toContain('- `kubelet --node-ip` on every target node set to its address on the network intra-cluster traffic should use');
  });

  it('emits the hostname map, host-network targets and the Multus annotation (proxies only)', () => {
    expect(JSON.parse(find(manifests, 'ConfigMap', 'mh-global-cm').data['hostname_map.json'])).toEqual({
      stor01: '10.10.0.11,10.11.0.11', stor02: '10.10.0.12,10.11.0.12', stor03: '10.10.0.13,10.11.0.13', stor04: '10.10.0.14,10.11.0.14',
    });
    for (const set of ['mh-proxy-primary', 'mh-proxy', 'mh-target']) {
      expect(podSpec(manifests, set).initContainers[0].args).toContain('-hostname_map_file=/var/global_config/hostname_map.json');
      expect(initEnv(manifests, set)).toEqual(expect.arrayContaining([
        { name: 'AIS_PUBLIC_HOSTNAME', valueFrom: { fieldRef: { fieldPath: 'spec.nodeName' } } }, { name: 'AIS_PUBLIC_DNS_MODE', value: 'Node' },
      ]));
    }
    const target = podSpec(manifests, 'mh-target');
    expect({ hostNetwork: target.hostNetwork, dnsPolicy: target.dnsPolicy, sysctls: target.securityContext.sysctls }).toEqual({
      hostNetwork: true, dnsPolicy: 'ClusterFirstWithHostNet', sysctls: undefined });
    expect(target.containers[0].ports.map((p: any) => [p.containerPort, p.hostPort])).toEqual([[51081, 51081], [51082, 51082], [51083, 51083]]);
    const annotation = (set: string) => find(manifests, 'StatefulSet', set).spec.template.metadata.annotations['k8s.v1.cni.cncf.io/networks'];
    expect([annotation('mh-proxy-primary'), annotation('mh-proxy'), annotation('mh-target')]).toEqual(['mh-client-b', 'mh-client-b', undefined]);
    const cert = find(manifests, 'Certificate', 'mh-tls-cert').spec.ipAddresses;
    expect(cert).toEqual(['10.10.0.100', '10.10.0.11', '10.11.0.11', '10.10.0.12', '10.11.0.12', '10.10.0.13', '10.11.0.13', '10.10.0.14', '10.11.0.14']);
    const policy = find(manifests, 'NetworkPolicy', 'mh-ais-ingress').spec.ingress[0].from;
    expect(policy.slice(1)).toEqual(['11', '12', '13', '14'].map((n) => ({ ipBlock: { cidr: `192.168.100.${n}/32` } })));
  });

  it('in operator mode maps to hostNetwork, Node mode, hostnameMap and networkAttachment, and emits the same NetworkAttachmentDefinition', async () => {
    const operator = manifestsOf(asOperatorMode(text));
    const spec = only(operator, 'AIStore').spec;
    expect({ dns: spec.publicNetDNSMode, hostNetwork: spec.targetSpec.hostNetwork, attachment: spec.networkAttachment, proxyHostPort: spec.proxySpec.hostPort }).toEqual({
      dns: 'Node', hostNetwork: true, attachment: 'mh-client-b', proxyHostPort: 51080 });
    expect(spec.hostnameMap).toEqual({ stor01: '10.10.0.11,10.11.0.11', stor02: '10.10.0.12,10.11.0.12', stor03: '10.10.0.13,10.11.0.13', stor04: '10.10.0.14,10.11.0.14' });
    expect(find(operator, 'NetworkAttachmentDefinition', 'mh-client-b')).toBeDefined();
    // the AIStore against the vendored operator CRD, the NetworkAttachmentDefinition against the Multus one
    expect(await validateAll([...operator])).toEqual([]);
  });
});

describe('the addressing model (lib/ais/network/addressing.ts)', () => {
  it('proxies and targets advertise the node IP by default, node names in nodeName mode, the lists through the map', () => {
    const base = { proxyNodes: ['a', 'b'], targetNodes: ['b', 'c'] };
    const byIp = aisAddressing({ ...base, network: { nodes: { a: { ip: '10.0.0.1' } } } });
    expect(byIp.proxy.hostnameField).toBe('status.hostIP');
    expect(byIp.unknownPublic).toEqual(['b', 'c']);
    expect(byIp.publicSans).toEqual({ ipAddresses: ['10.0.0.1'], dnsNames: [] });
    const byName = aisAddressing({ ...base, publicAddress: AisPublicAddress.NODE_NAME });
    expect(byName.publicSans).toEqual({ ipAddresses: [], dnsNames: ['a', 'b', 'c'] });
    const lists = aisAddressing({ ...base, network: { nodes: { a: { public: ['x.example.com'] }, b: { public: ['10.1.0.2', '10.2.0.2'] }, c: { public: ['10.1.0.3'] } } } });
    expect(lists.hostnameMap).toEqual({ a: 'x.example.com', b: '10.1.0.2,10.2.0.2', c: '10.1.0.3' });
    expect(lists.proxy).toEqual({ hostnameField: 'spec.nodeName', hostnameMap: true, hostNetwork: false, attachments: [] });
    // per-target LoadBalancers: the targets advertise those, proxies still their node
    const lb = aisAddressing({ ...base, externalLoadBalancers: true, network: { nodes: { a: { ip: '10.0.0.1' }, b: { ip: '10.0.0.2' } } } });
    expect(lb.target.hostnameField).toBeUndefined();
    expect(lb.unknownPublic).toEqual([]);
  });

  it('host-network targets: intra names resolve to the node IP, the NetworkPolicy admits the node IPs, no attachments', () => {
    const hosted = aisAddressing({ proxyNodes: ['a'], targetNodes: ['a', 'b'], network: {
      targetNetwork: AisTargetNetwork.HOST, nodes: { a: { ip: '10.0.0.1' }, b: { ip: '10.0.0.2' } }, attachments: [{ name: 'net-b' }] } });
    expect(hosted.nodes.map((n) => n.intra)).toEqual([{ proxy: 'pod IP', target: 'node IP' }, { proxy: undefined, target: 'node IP' }]);
    expect(hosted.hostNetworkTargetIPs).toEqual(['10.0.0.1', '10.0.0.2']);
    expect([hosted.proxy.attachments, hosted.target.attachments]).toEqual([['net-b'], []]);
  });

  it('a CNI config as Multus, whereabouts and the macvlan plugin read it', () => {
    expect(JSON.parse(attachmentCniJson('net-b', { type: AttachmentCniType.IPVLAN, master: 'bond0', mode: 'l3', mtu: 9000, ipam: { range: '10.9.0.0/24' } })))
      .toEqual({ cniVersion: '0.3.1', name: 'net-b', type: 'ipvlan', master: 'bond0', mode: 'l3', mtu: 9000, ipam: { type: 'whereabouts', range: '10.9.0.0/24' } });
  });

  it('the library cluster wires it the same way as the config', () => {
    const chart = Testing.chart();
    const cluster = new AisCluster(chart, 'ais', {
      name: 'lib', proxyNodes: ['n1'], targetNodes: ['n1'], mountpaths: [{ path: '/ais/sda' }],
      network: { nodes: { n1: { ip: '10.0.0.1', public: ['10.1.0.1'] } }, targetNetwork: AisTargetNetwork.HOST },
    });
    expect(cluster.addressing.hostnameMap).toEqual({ n1: '10.1.0.1' });
    expect(cluster.targets.statefulSet.toJson().spec.template.spec.hostNetwork).toBe(true);
  });
});

describe('config errors of the network keys (line:col)', () => {
  const BASE = 'name: lab\nais:\n  proxies: { nodes: [n1] }\n  targets: { nodes: [n1], mountpaths: [/ais/sda] }\n';

  it('tls.nodeIPs moved to network.nodes: the old key says where', () => {
    expect(configProblems(`${BASE}  tls:\n    certManager: { issuer: { name: ca } }\n    nodeIPs: { n1: 10.0.0.1 }\n    skipVerify: true\n    clientsVerify: false\n`)).toEqual([
      'cluster.yaml:7:14: ais.tls.nodeIPs: node IPs moved to ais.network.nodes (node: ip, or node: {ip}): proxies advertise them too, not only targets',
    ]);
  });

  it('the PodHostIPs gate lets operator mode run on 1.28, and PLAN.md lists it', () => {
    const operator = editConfig(BASE, 'ais:\n', 'kubernetesFeatureGates: { PodHostIPs: true }\nais:\n  mode: operator\n');
    expect(configProblems(operator)).toEqual([]);
    // without the gate and without kubernetesVersion (1.28 by default): at the document's first key
    expect(configProblems(editConfig(BASE, 'ais:\n', 'ais:\n  mode: operator\n'))).toEqual([
      expect.stringMatching(/^cluster\.yaml:1:1: kubernetesVersion: Kubernetes 1\.28 refuses the AIS operator's pods: .*kubernetesFeatureGates\.PodHostIPs: true$/)]);
    expect(planOf(operator)).toContain('- API servers with `--feature-gates=PodHostIPs=true` (the operator sets `HOST_IPS` from `status.hostIPs`)');
    // standalone with the gate emits HOST_IPS as 1.29 would
    const standalone = manifestsOf(editConfig(BASE, 'ais:\n', 'kubernetesFeatureGates: { PodHostIPs: true }\nais:\n'));
    expect(initEnv(standalone, 'lab-target')[0]).toEqual({ name: 'HOST_IPS', valueFrom: { fieldRef: { fieldPath: 'status.hostIPs' } } });
  });
});
