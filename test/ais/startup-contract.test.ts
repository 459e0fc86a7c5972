/**
 * The AIS startup contract (test/support/startup-contract.ts) over the output of every standalone
 * example, of 60 seeded generated standalone configs and of 40 generated standalone HTTPS configs whose
 * certificate cert-manager issues: every rule holds for every output, and each rule catches the breakage
 * it exists for (mutation tests on the reference, https and multihome outputs).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../lib/from-config/load';
import { buildApp } from '../../lib/generator/build';
import { synthesize } from '../../lib/gitops/synthesize';
import { planReport } from '../../lib/report/plan';
import { planSubjects } from '../../lib/report/subjects';
import { sampleConfigs } from '../support/config-generator';
import type { ClusterConfig } from '../../lib/config/schema';
import { AisCluster, AisClusterProps } from '../../lib/ais/cluster';
import { MountpathStorage } from '../../lib/ais/storage/mountpath';
import { IssuerKind } from '../../lib/ais/security/tls';
import { AisPublicAddress } from '../../lib/ais/workloads/public-address';
import { GitOpsApp } from '../../lib/gitops/gitops-app';
import { AisOperatorCluster, AisOperatorClusterProps } from '../../lib/ais/operator/cluster';
import { tempDir } from '../support/cli';
import {
  ContractInput, OPERATOR_CONTRACT, OperatorContractInput, STARTUP_CONTRACT, aisPods, intentFromConfig, intentFromProps, operatorIntentFromConfig, operatorIntentFromProps,
} from '../support/startup-contract';
import { AisTargetNetwork } from '../../lib/ais/network/addressing';
import { AttachmentCniType } from '../../lib/ais/network/attachments';
import { CertificateDelivery } from '../../lib/ais/security/tls';

const EXAMPLES = path.resolve(__dirname, '..', '..', 'examples');

const isStandalone = (config: ClusterConfig) => config.ais !== undefined && config.ais.mode === 'standalone';

/** The contract input of a standalone config; undefined for any other. */
function contractCase(id: string, text: string): { id: string; config: ClusterConfig; input: ContractInput } | undefined {
  const config = parseConfig(text, `${id}.yaml`);
  if (!isStandalone(config)) return undefined;
  const app = buildApp(config);
  const manifests = synthesize(app).manifests;
  const plan = planReport({ release: config.name, namespace: config.namespace, source: `${id}.yaml` }, planSubjects(app), manifests);
  return { id, config, input: { intent: intentFromConfig(config), manifests, plan } };
}

const defined = <T>(value: T | undefined): value is T => value !== undefined;
const examples = fs.readdirSync(EXAMPLES).filter((f) => f.endsWith('.yaml')).sort()
  .map((f) => contractCase(`examples/${f.replace(/\.yaml$/, '')}`, fs.readFileSync(path.join(EXAMPLES, f), 'utf8'))).filter(defined)
  .map((c) => ({ ...c, id: `${c.id}.yaml` }));
// the first 60 standalone configs of the seeded sample (the others are parsed, never built)
const generated: Array<NonNullable<ReturnType<typeof contractCase>>> = [];
for (const c of sampleConfigs(200, 12)) {
  if (generated.length === 60) break;
  const built = contractCase(c.id, c.text);
  if (built) generated.push(built);
}
// HTTPS with a certificate we have cert-manager issue: the addressing rules check every verified dial against its names
const issuedHttps = (config: ClusterConfig) => !!(config.ais?.tls?.certManager || config.ais?.tls?.csi);
const https: typeof generated = [];
for (const c of sampleConfigs(400, 21)) {
  if (https.length === 40) break;
  const config = parseConfig(c.text, `${c.id}.yaml`);
  if (!isStandalone(config) || !issuedHttps(config)) continue;
  https.push(contractCase(c.id, c.text)!);
}

describe('startup contract', () => {
  it('covers every standalone example and at least 50 generated standalone configs', () => {
    expect(examples.map((e) => e.id)).toEqual(expect.arrayContaining(['examples/reference.yaml', 'examples/minimal.yaml', 'examples/https.yaml',
      'examples/local-pv.yaml', 'examples/multihome.yaml']));
    expect(generated.length).toBeGreaterThanOrEqual(50);
    // the matrix reaches the variants the rules branch on
    const variants = (pick: (c: ClusterConfig) => unknown) => new Set(generated.map((g) => String(pick(g.config))));
    expect(variants((c) => c.ais!.externalLB)).toEqual(new Set(['true', 'false']));
    expect(variants((c) => c.ais!.targets.storage)).toEqual(new Set(['hostPath', 'localPV']));
    expect(variants((c) => c.ais!.tls !== undefined)).toEqual(new Set(['true', 'false']));
  });

  it('covers every HTTPS example and at least 30 generated HTTPS configs whose certificate we issue, across the addressing variants', () => {
    expect(examples.filter((e) => issuedHttps(e.config)).map((e) => e.id)).toEqual(expect.arrayContaining([
      'examples/https.yaml', 'examples/https-selfsigned.yaml', 'examples/monitoring.yaml', 'examples/multihome.yaml']));
    expect(https.length).toBeGreaterThanOrEqual(30);
    const variants = (pick: (c: ClusterConfig) => unknown) => new Set(https.map((g) => String(pick(g.config))));
    const ais = (c: ClusterConfig) => c.ais!;
    const lists = (c: ClusterConfig) => Object.values(ais(c).network.nodes).some((n) => typeof n !== 'string' && n.public !== undefined);
    expect(variants((c) => (lists(c) ? 'public lists' : ais(c).publicAddress))).toEqual(new Set(['public lists', 'nodeIP', 'nodeName']));
    expect(variants((c) => ais(c).network.targets)).toEqual(new Set(['pod', 'hostNetwork']));
    expect(variants((c) => ais(c).externalLB)).toEqual(new Set(['true', 'false']));
    expect(variants((c) => ais(c).tls!.skipVerify)).toEqual(new Set(['true', 'false']));
    expect(variants((c) => ais(c).tls!.clientsVerify)).toEqual(new Set(['true', 'false', 'undefined']));
    expect(variants((c) => (ais(c).tls!.csi ? 'csi' : 'secret'))).toEqual(new Set(['csi', 'secret']));
  });

  it('every rule names its upstream source', () => {
    for (const rule of STARTUP_CONTRACT) expect(rule.source, rule.id).toMatch(/\.(go|md)\b|release notes|scheduler/);
  });

  describe.each([...examples, ...generated, ...https])('$id', ({ input }) => {
    it.each(STARTUP_CONTRACT.map((rule) => [rule.id, rule] as const))('%s', (_id, rule) => {
      expect(rule.check(input)).toEqual([]);
    });
  });
});

describe('each rule catches what it is for (reference output, mutated)', () => {
  const reference = examples.find((e) => e.id === 'examples/reference.yaml')!.input;
  const rule = (id: string) => STARTUP_CONTRACT.find((r) => r.id === id)!;
  /** The reference output with `mutate` applied to a deep copy. */
  const mutated = (mutate: (manifests: any[], input: ContractInput) => void, overrides: Partial<ContractInput> = {}): ContractInput => {
    const manifests = JSON.parse(JSON.stringify(reference.manifests));
    const input = { ...reference, ...overrides, manifests };
    mutate(manifests, input);
    return input;
  };
  const byKindName = (manifests: any[], kind: string, name: string) => manifests.find((m) => m.kind === kind && m.metadata.name === name);
  const podsOf = (manifests: any[]) => aisPods(manifests);

  it('the reference output passes every rule', () => {
    for (const r of STARTUP_CONTRACT) expect(r.check(reference), r.id).toEqual([]);
  });

  it('service-account-token: a pod without a token', () => {
    const input = mutated((ms) => { podsOf(ms)[0].spec.automountServiceAccountToken = false; });
    expect(rule('service-account-token').check(input)).toEqual(['StatefulSet demo-proxy-primary: no service account token (automountServiceAccountToken false)']);
  });

  it('rbac: no Role, or a Role with more than AIS calls', () => {
    const noRole = mutated((ms) => { ms.splice(ms.findIndex((m) => m.kind === 'Role'), 1); });
    expect(rule('rbac-exactly-what-ais-calls').check(noRole)).toContain('StatefulSet demo-target: ServiceAccount demo-sa may not pods get (aisnode/ais-init need it)');
    const wide = mutated((ms) => { ms.find((m) => m.kind === 'Role').rules[0].verbs.push('list'); });
    expect(rule('rbac-exactly-what-ais-calls').check(wide)).toContain('StatefulSet demo-target: ServiceAccount demo-sa is granted pods:list that no AIS container calls');
  });

  it('identity-env: ais-init without MY_POD', () => {
    const input = mutated((ms) => { const init = podsOf(ms)[2].init; init.env = init.env.filter((e: any) => e.name !== 'MY_POD'); });
    expect(rule('identity-env').check(input)).toEqual(['StatefulSet demo-target: ais-init lacks MY_POD from metadata.name']);
  });

  it('downward API: status.hostIPs is rejected on 1.28, accepted on 1.29', () => {
    const add = (ms: any[]) => { podsOf(ms)[2].init.env.push({ name: 'HOST_IPS', valueFrom: { fieldRef: { fieldPath: 'status.hostIPs' } } }); };
    expect(rule('downward-api-fields-of-the-target-version').check(mutated(add))).toEqual([
      'StatefulSet demo-target, container populate-env: env HOST_IPS from status.hostIPs, which a 1.28 API server rejects',
    ]);
    expect(rule('downward-api-fields-of-the-target-version').check(mutated(add, { intent: { ...reference.intent, kubernetesVersion: '1.29' } }))).toEqual([]);
  });

  it('sysctls: an unsafe sysctl the plan does not allow', () => {
    const input = mutated(() => undefined, { plan: reference.plan!.replace(/--allowed-unsafe-sysctls=\S+/, '') });
    expect(rule('unsafe-sysctls-allowed-in-plan').check(input)).toContain('StatefulSet demo-target: unsafe sysctl net.core.somaxconn not in the PLAN.md kubelet allow-list');
  });

  it('primary_url: another domain, or a Service that hides not-ready pods', () => {
    const domain = mutated((ms) => {
      const cm = byKindName(ms, 'ConfigMap', 'demo-global-cm');
      cm.data['ais.json'] = cm.data['ais.json'].replaceAll('svc.cluster.local', 'svc.aiscluster.local');
    });
    expect(rule('primary-url-names-a-pod-of-a-headless-service').check(domain)[0]).toMatch(/not <pod>\.<service>\.ais\.svc\.cluster\.local/);
    const hidden = mutated((ms) => { byKindName(ms, 'Service', 'demo-proxy').spec.publishNotReadyAddresses = false; });
    expect(rule('primary-url-names-a-pod-of-a-headless-service').check(hidden)).toEqual(['Service demo-proxy: not-ready pods unresolvable, the cluster cannot bootstrap']);
  });

  it('ports/args/probes: a probe on the wrong port, aisnode reading another config', () => {
    const input = mutated((ms) => {
      const target = podsOf(ms)[2].aisnode;
      target.readinessProbe.httpGet.port = 8080;
      target.args[0] = '-config=/etc/ais/ais.json';
    });
    expect(rule('ports-args-probes-as-aisnode-reads-them').check(input)).toEqual([
      'StatefulSet demo-target: aisnode -config is not what ais-init writes',
      'StatefulSet demo-target: readiness probe port 8080 is not 51081',
    ]);
  });

  it('pod security: a namespace without the privileged level', () => {
    const input = mutated((ms) => { delete byKindName(ms, 'Namespace', 'ais').metadata.labels['pod-security.kubernetes.io/enforce']; });
    expect(rule('pod-security-admission').check(input)).toHaveLength(3);
  });

  it('MetalLB: only the new annotation keys, or no MetalLB prerequisite in PLAN.md', () => {
    const input = mutated((ms) => { delete byKindName(ms, 'Service', 'demo-proxy-lb').metadata.annotations['metallb.universe.tf/address-pool']; });
    expect(rule('metallb-reads-its-annotations').check(input)).toEqual(['Service demo-proxy-lb: metallb.io/address-pool without its metallb.universe.tf twin']);
    const noPrereq = mutated(() => undefined, { plan: reference.plan!.replace(/ipaddresspools\.metallb\.io/, 'x') });
    expect(rule('metallb-reads-its-annotations').check(noPrereq)).toEqual(['PLAN.md does not list MetalLB with its version range before the first sync']);
  });

  it('initial primary: the old node-pinned primary StatefulSet', () => {
    const input = mutated((ms) => { podsOf(ms)[0].spec.nodeSelector['nvidia.com/ais-initial-primary-proxy'] = 'demo-ais'; });
    expect(rule('nothing-pinned-to-the-initial-primary-label').check(input)).toEqual(['StatefulSet demo-proxy-primary: required placement on nvidia.com/ais-initial-primary-proxy']);
  });

  it('unmounted disks: a mountpath without its marker check', () => {
    const input = mutated((ms) => { const spec = podsOf(ms)[2].spec; spec.volumes = spec.volumes.filter((v: any) => v.name !== 'disk-check-3'); });
    expect(rule('no-writes-to-an-unmounted-disk').check(input)).toEqual(['StatefulSet demo-target: nothing checks that /ais/sdd is mounted (no mounted Directory hostPath /ais/sdd/.ais-disk)']);
  });

  it('config change: a template change without a new restart-hash', () => {
    const input = mutated((ms) => { const cm = byKindName(ms, 'ConfigMap', 'demo-target'); cm.data['ais_local.json'] = cm.data['ais_local.json'].replace('51081', '51091'); });
    expect(rule('config-change-rolls-pods').check(input)).toHaveLength(1);
  });

  it('config change: a hostname map change without a new restart-hash (examples/multihome.yaml)', () => {
    const multihome = examples.find((e) => e.id === 'examples/multihome.yaml')!.input;
    const manifests = JSON.parse(JSON.stringify(multihome.manifests));
    const cm = byKindName(manifests, 'ConfigMap', 'mh-global-cm');
    cm.data['hostname_map.json'] = cm.data['hostname_map.json'].replace('10.11.0.14', '10.11.0.24');
    expect(rule('config-change-rolls-pods').check({ ...multihome, manifests })).toHaveLength(3);
  });

  it('proxies advertise a node address: without AIS_PUBLIC_HOSTNAME (pod IP) or without hostPort', () => {
    const noEnv = mutated((ms) => { const init = podsOf(ms)[0].init; init.env = init.env.filter((e: any) => e.name !== 'AIS_PUBLIC_HOSTNAME'); });
    expect(rule('proxies-advertise-a-node-address').check(noEnv)).toHaveLength(12);
    expect(rule('proxies-advertise-a-node-address').check(noEnv)[0]).toBe('StatefulSet demo-proxy-primary on cpu01: advertises its pod IP (no AIS_PUBLIC_HOSTNAME, no hostname map entry)');
    const noPort = mutated((ms) => { delete podsOf(ms)[1].aisnode.ports[0].hostPort; });
    expect(rule('proxies-advertise-a-node-address').check(noPort)).toEqual(['StatefulSet demo-proxy: no hostPort 51080 (clients outside the pod network cannot reach the proxy\'s public address)']);
  });

  it('every verified dial is named: examples/https.yaml without one node IP in its certificate, and with proxies on pod IPs (the audit\'s N2)', () => {
    const secure = examples.find((e) => e.id === 'examples/https.yaml')!.input;
    const manifests = JSON.parse(JSON.stringify(secure.manifests));
    const cert = manifests.find((m: any) => m.kind === 'Certificate');
    cert.spec.ipAddresses = cert.spec.ipAddresses.filter((ip: string) => ip !== '10.20.0.22');
    expect(rule('every-verified-dial-is-named').check({ ...secure, manifests })).toEqual([
      'non-primary proxies (forwardCP) and a primary restarted without state → 10.20.0.22: not in the certificate',
      'peers\' health and keepalive retries → 10.20.0.22: not in the certificate',
      'the ais CLI after its first call → 10.20.0.22: not in the certificate',
      'clients redirected to targets → 10.20.0.22: not in the certificate',
    ]);
    const podIPs = JSON.parse(JSON.stringify(secure.manifests));
    for (const pod of aisPods(podIPs).filter((p) => p.role === 'proxy')) pod.init.env = pod.init.env.filter((e: any) => e.name !== 'AIS_PUBLIC_HOSTNAME');
    expect(rule('every-verified-dial-is-named').check({ ...secure, manifests: podIPs })).toEqual(['node1', 'node2', 'node3']
      .map((node) => `non-primary proxies (forwardCP) and a primary restarted without state → (pod IP on ${node}): not in the certificate`)
      .concat(['node1', 'node2', 'node3'].map((node) => `the ais CLI after its first call → (pod IP on ${node}): not in the certificate`)));
  });

  it('proxy state per node: the old per-pod sub-path', () => {
    const input = mutated((ms) => { podsOf(ms)[1].aisnode.volumeMounts.find((m: any) => m.mountPath === '/etc/ais').subPathExpr = '$(MY_POD)'; });
    expect(rule('proxy-state-per-node').check(input)).toEqual(['StatefulSet demo-proxy: proxy state in a per-pod sub-path $(MY_POD)']);
  });

  it('host-network pods (examples/multihome.yaml): a net.* sysctl, no ClusterFirstWithHostNet, an undeclared intra port', () => {
    const multihome = examples.find((e) => e.id === 'examples/multihome.yaml')!.input;
    const manifests = JSON.parse(JSON.stringify(multihome.manifests));
    const target = aisPods(manifests).find((p) => p.role === 'target')!;
    target.spec.securityContext.sysctls = [{ name: 'net.core.somaxconn', value: '65535' }];
    delete target.spec.dnsPolicy;
    target.aisnode.ports = target.aisnode.ports.filter((p: any) => p.name !== 'intra-data');
    expect(rule('host-network-pods').check({ ...multihome, manifests })).toEqual([
      'StatefulSet mh-target: host network without dnsPolicy ClusterFirstWithHostNet (the pod DNS names in the AIS config do not resolve)',
      'StatefulSet mh-target: sysctl net.core.somaxconn with host network (kubelet: SysctlForbidden)',
      'StatefulSet mh-target: port 51083 not declared with hostPort 51083 (two pods on one node would both bind it)',
    ]);
  });

  it('public multi-homing (examples/multihome.yaml): a duplicated address, a node without an entry, an address of two nodes', () => {
    const multihome = examples.find((e) => e.id === 'examples/multihome.yaml')!.input;
    const edit = (change: (map: Record<string, string>) => void) => {
      const manifests = JSON.parse(JSON.stringify(multihome.manifests));
      const cm = byKindName(manifests, 'ConfigMap', 'mh-global-cm');
      const map = JSON.parse(cm.data['hostname_map.json']);
      change(map);
      cm.data['hostname_map.json'] = JSON.stringify(map);
      return rule('public-multihome-as-aisnode-parses').check({ ...multihome, manifests });
    };
    expect(edit((map) => { map.stor04 = '10.10.0.14,10.10.0.14'; })).toEqual(['StatefulSet mh-target on stor04: hostname map entry "10.10.0.14,10.10.0.14" lists an address twice']);
    expect(edit((map) => { delete map.stor02; })).toEqual([
      'StatefulSet mh-proxy-primary on stor02: the hostname map has no entry for stor02',
      'StatefulSet mh-proxy on stor02: the hostname map has no entry for stor02',
      'StatefulSet mh-target on stor02: the hostname map has no entry for stor02',
    ]);
    expect(edit((map) => { map.stor04 = '10.10.0.13'; })).toEqual(['StatefulSet mh-target on stor04: 10.10.0.13 is also advertised by target stor03']);
  });

  it('listeners separated: a public port equal to the intra-control port', () => {
    const input = mutated((ms) => {
      const cm = byKindName(ms, 'ConfigMap', 'demo-target');
      cm.data['ais_local.json'] = cm.data['ais_local.json'].replace('"port": "51081"', '"port": "51082"');
    });
    expect(rule('listeners-separated').check(input)).toEqual(['StatefulSet demo-target: public and intra-cluster ports overlap (51082, 51082, 51083)']);
  });

  it('network policy (examples/multihome.yaml): a host-network target node without its ipBlock', () => {
    const multihome = examples.find((e) => e.id === 'examples/multihome.yaml')!.input;
    const manifests = JSON.parse(JSON.stringify(multihome.manifests));
    const policy = byKindName(manifests, 'NetworkPolicy', 'mh-ais-ingress');
    policy.spec.ingress[0].from = policy.spec.ingress[0].from.filter((peer: any) => peer.ipBlock?.cidr !== '192.168.100.13/32');
    expect(rule('network-policy-admits-every-intra-peer').check({ ...multihome, manifests }))
      .toEqual(['NetworkPolicy mh-ais-ingress: the host-network target on stor03 (192.168.100.13) cannot reach the intra-cluster ports']);
  });

  it('multus attachments (examples/multihome.yaml): a definition neither emitted nor listed, and one on a host-network pod', () => {
    const multihome = examples.find((e) => e.id === 'examples/multihome.yaml')!.input;
    const manifests = JSON.parse(JSON.stringify(multihome.manifests)).filter((m: any) => m.kind !== 'NetworkAttachmentDefinition');
    expect(rule('multus-attachments-exist').check({ ...multihome, manifests })).toEqual([
      'StatefulSet mh-proxy-primary: attachment mh-client-b is neither emitted nor a PLAN.md prerequisite',
      'StatefulSet mh-proxy: attachment mh-client-b is neither emitted nor a PLAN.md prerequisite',
    ]);
    const onHost = JSON.parse(JSON.stringify(multihome.manifests));
    byKindName(onHost, 'StatefulSet', 'mh-target').spec.template.metadata.annotations['k8s.v1.cni.cncf.io/networks'] = 'mh-client-b';
    expect(rule('multus-attachments-exist').check({ ...multihome, manifests: onHost })).toEqual(['StatefulSet mh-target: Multus attachments on a host-network pod (no CNI runs for it)']);
  });

  it('drains: a budget of 0 the config did not ask for', () => {
    const input = mutated((ms) => { ms.find((m) => m.kind === 'PodDisruptionBudget').spec.maxUnavailable = 0; });
    expect(rule('drains-can-proceed').check(input)).toEqual(['PodDisruptionBudget demo-target: maxUnavailable 0 blocks every drain']);
  });
});

/**
 * The library path: clusters built from `AisCluster` props in a `GitOpsApp` (README "Library use" and
 * variations of it) hold the same contract, against what the props asked for (no PLAN.md: the rules
 * that read it skip that part).
 */
describe('startup contract, library path (AisCluster props)', () => {
  const base: AisClusterProps = {
    name: 'demo',
    proxyNodes: ['cpu01', 'cpu02', 'cpu03'],
    targetNodes: ['cpu01', 'cpu02', 'cpu03'],
    mountpaths: [{ path: '/ais/sda' }, { path: '/ais/sdb' }],
    gateway: { loadBalancerIP: '10.132.179.10', addressPool: '10.132.179.10-10.132.179.20' },
  };
  const variants: Array<[string, AisClusterProps]> = [
    ['README "Library use"', base],
    ['one node, no gateway options', { name: 'solo', proxyNodes: ['cpu01'], targetNodes: ['cpu01'], mountpaths: [{ path: '/ais/sda' }] }],
    ['per-target LoadBalancers from the pool', { ...base, externalLoadBalancers: true }],
    ['local PVs, own namespace, ports and DNS domain', { ...base, storage: MountpathStorage.LOCAL_PV, namespace: 'store',
      ports: { proxy: 52080, target: 52081, intraControl: 52082, intraData: 52083 }, clusterDomain: 'aiscluster.local',
      mountpaths: [{ path: '/ais/nvme0n1', size: '3Ti' }] }],
    ['no disk marker, custom node labels, Kubernetes 1.29', { ...base, diskMarker: false, kubernetesVersion: '1.29',
      nodeLabels: { initialPrimary: { key: 'example.com/ais-primary', value: 'yes' } } }],
    ['HTTPS from an issuer, verified by clients, node IPs in the SANs', { ...base,
      network: { nodes: { cpu01: { ip: '10.0.0.1' }, cpu02: { ip: '10.0.0.2' }, cpu03: { ip: '10.0.0.3' } } },
      tls: { certificate: { issuer: { name: 'corp-ca', kind: IssuerKind.CLUSTER_ISSUER } }, clientsVerify: true } }],
    ['HTTPS, node names advertised, a budget of 2', { ...base, publicAddress: AisPublicAddress.NODE_NAME,
      tls: { certificate: { selfSigned: true }, clientsVerify: true }, targetDisruptionBudget: { maxUnavailable: 2 } }],
    ['host-network targets, two public networks, a Multus attachment, CSI certificates', { ...base,
      network: {
        targetNetwork: AisTargetNetwork.HOST,
        nodes: Object.fromEntries(['cpu01', 'cpu02', 'cpu03'].map((n, i) => [n, { ip: `192.168.1.${i + 1}`, public: [`10.1.0.${i + 1}`, `10.2.0.${i + 1}`] }])),
        attachments: [{ name: 'client-b', cni: { type: AttachmentCniType.IPVLAN, master: 'ens2f1', ipam: { range: '10.2.0.0/24', exclude: ['10.2.0.0/25'] } } }],
      },
      tls: { certificate: { issuer: { name: 'corp-ca' }, delivery: CertificateDelivery.CSI } } }],
  ];

  describe.each(variants)('%s', (_name, props) => {
    const app = new GitOpsApp({ outdir: tempDir('contract-library-') });
    new AisCluster(app, 'ais', props);
    const input: ContractInput = { intent: intentFromProps(props), manifests: synthesize(app).manifests };
    it('builds AIS pods (the rules have something to check)', () => {
      expect(aisPods(input.manifests).map((p) => p.role).sort()).toEqual(props.proxyNodes.length > 1 ? ['proxy', 'proxy', 'target'] : ['proxy', 'target']);
    });
    it.each(STARTUP_CONTRACT.map((rule) => [rule.id, rule] as const))('%s', (_id, rule) => {
      expect(rule.check(input)).toEqual([]);
    });
  });

  it('a library cluster whose certificate misses a node IP it was given breaks the addressing rule', () => {
    const props = variants.find(([name]) => name.startsWith('HTTPS from an issuer'))![1];
    const app = new GitOpsApp({ outdir: tempDir('contract-library-') });
    new AisCluster(app, 'ais', props);
    const manifests = JSON.parse(JSON.stringify(synthesize(app).manifests));
    const cert = manifests.find((m: any) => m.kind === 'Certificate');
    cert.spec.ipAddresses = cert.spec.ipAddresses.filter((ip: string) => ip !== '10.0.0.2');
    expect(STARTUP_CONTRACT.find((r) => r.id === 'every-verified-dial-is-named')!.check({ intent: intentFromProps(props), manifests })).toEqual([
      'non-primary proxies (forwardCP) and a primary restarted without state → 10.0.0.2: not in the certificate',
      'peers\' health and keepalive retries → 10.0.0.2: not in the certificate',
      'the ais CLI after its first call → 10.0.0.2: not in the certificate',
      'clients redirected to targets → 10.0.0.2: not in the certificate',
    ]);
  });
});

/** Operator mode: the AIStore we emit and what we emit beside it hold what the AIS operator and Kubernetes need of them. */
describe('operator contract', () => {
  const operatorOutputs: Array<{ id: string } & OperatorContractInput> = [];
  const fromConfig = (id: string, text: string) => {
    const config = parseConfig(text, `${id}.yaml`);
    if (config.ais?.mode === 'operator') operatorOutputs.push({ id, manifests: synthesize(buildApp(config)).manifests, intent: operatorIntentFromConfig(config) });
  };
  for (const f of fs.readdirSync(EXAMPLES).filter((f) => f.endsWith('.yaml')).sort()) fromConfig(`examples/${f}`, fs.readFileSync(path.join(EXAMPLES, f), 'utf8'));
  // the multihome example run by the operator: hostNetwork, Node mode, hostnameMap, networkAttachment
  fromConfig('examples/multihome.yaml (operator mode)', fs.readFileSync(path.join(EXAMPLES, 'multihome.yaml'), 'utf8')
    .replace('ais:\n', 'kubernetesVersion: "1.29"\nais:\n  mode: operator\n'));
  const examplesCount = operatorOutputs.length;
  for (const c of sampleConfigs(200, 13)) {
    if (operatorOutputs.length === examplesCount + 30) break;
    fromConfig(c.id, c.text);
  }
  const libraryProps: Array<[string, AisOperatorClusterProps]> = [
    ['hostPath mounts', { name: 'op', kubernetesVersion: '1.29', proxyNodes: ['cpu01', 'cpu02'], targetNodes: ['cpu01', 'cpu02', 'cpu03'], mountpaths: [{ path: '/ais/sda' }] }],
    ['local PVs with sizes, 1.28 with the PodHostIPs gate', { name: 'op', kubernetesFeatureGates: { podHostIPs: true }, proxyNodes: ['cpu01'],
      targetNodes: ['cpu01', 'cpu02'], storage: MountpathStorage.LOCAL_PV, mountpaths: [{ path: '/ais/nvme0n1', size: '3Ti' }, { path: '/ais/disk-1', size: '500Gi' }] }],
    ['CSI certificates in IP mode (node IPs through the hostname map)', { name: 'op', kubernetesVersion: '1.30', proxyNodes: ['cpu01'], targetNodes: ['cpu01', 'cpu02'],
      mountpaths: [{ path: '/ais/sda' }], network: { nodes: { cpu01: { ip: '10.0.0.1' }, cpu02: { ip: '10.0.0.2' } } },
      tls: { certificate: { issuer: { name: 'ca-issuer' }, delivery: CertificateDelivery.CSI } } }],
  ];
  for (const [name, props] of libraryProps) {
    const app = new GitOpsApp({ outdir: tempDir('contract-operator-') });
    new AisOperatorCluster(app, 'ais', props);
    operatorOutputs.push({ id: `library: ${name}`, manifests: synthesize(app).manifests, intent: operatorIntentFromProps(props) });
  }

  it('covers the operator example, 30 generated operator configs and library clusters, with local PVs among them', () => {
    expect(operatorOutputs.map((o) => o.id)).toEqual(expect.arrayContaining(['examples/operator.yaml', 'examples/multihome.yaml (operator mode)']));
    expect(operatorOutputs.length).toBe(examplesCount + 30 + libraryProps.length);
    expect(operatorOutputs.filter((o) => o.manifests.some((m) => m.kind === 'PersistentVolume')).length).toBeGreaterThan(3);
  });

  describe.each(operatorOutputs)('$id', (input) => {
    it.each(OPERATOR_CONTRACT.map((rule) => [rule.id, rule] as const))('%s', (_id, rule) => {
      expect(rule.check(input)).toEqual([]);
    });
  });

  describe('each rule catches what it is for (examples/operator.yaml, mutated)', () => {
    const reference = operatorOutputs.find((o) => o.id === 'examples/operator.yaml')!;
    const rule = (id: string) => OPERATOR_CONTRACT.find((r) => r.id === id)!;
    const mutated = (mutate: (manifests: any[]) => void, intent: Partial<OperatorContractInput['intent']> = {}): OperatorContractInput => {
      const manifests = JSON.parse(JSON.stringify(reference.manifests));
      mutate(manifests);
      return { manifests, intent: { ...reference.intent, ...intent } };
    };
    const aistore = (ms: any[]) => ms.find((m) => m.kind === 'AIStore');
    it('proxies without hostPort', () => {
      const input = mutated((ms) => { delete aistore(ms).spec.proxySpec.hostPort; });
      expect(rule('operator-proxies-on-hostPort').check(input)).toEqual(['AIStore demo: proxySpec.hostPort unset is not the public port 51080']);
    });
    it('CSI certificates without the hostname map entries', () => {
      const input = mutated((ms) => { aistore(ms).spec.tls.certificate.mode = 'csi'; }, { nodeIPs: { cpu01: '10.0.0.1' } });
      expect(rule('operator-csi-sans').check(input)).toHaveLength(12);
    });
    it('the operator version the v2.19.0 example pinned: the seven fields of the audit its CRD does not know', () => {
      const input = mutated(() => undefined, { operatorVersion: 'v2.19.0' });
      const fields = rule('operator-version-floor').check(input).map((p) => /spec\.(\w+(?:\.\w+)?)/.exec(p)![1])
        .map((f) => (f.startsWith('proxySpec.') || f.startsWith('targetSpec.') ? f : f.split('.')[0]));
      expect([...new Set(fields)].sort()).toEqual(['operatorSkipVerifyCrt', 'proxySpec.aisContainerSecurityContext', 'proxySpec.externalAccess',
        'stateStorage', 'targetSpec.aisContainerSecurityContext', 'targetSpec.externalAccess', 'targetSpec.scaleDownMode']);
      expect(rule('operator-version-floor').check(mutated(() => undefined, { operatorVersion: 'v3.2.0' }))).toEqual([]);
    });
    it('the target LoadBalancers\' pool holds the gateway IP (one pool, as before)', () => {
      const input = mutated((ms) => { aistore(ms).spec.proxySpec.externalAccess.annotations['metallb.io/address-pool'] = 'demo-ais';
        ms.find((m) => m.kind === 'IPAddressPool' && m.metadata.name === 'demo-ais').spec.addresses = ['10.132.179.10-10.132.179.30']; });
      expect(rule('operator-target-lbs-cannot-take-gateway-ip').check(input)).toEqual(['AIStore demo: the target LoadBalancers draw from pool demo-ais, which holds the gateway IP 10.132.179.10']);
    });
    it('host-network targets in IP mode', () => {
      const input = mutated((ms) => { aistore(ms).spec.targetSpec.hostNetwork = true; });
      expect(rule('operator-host-network-deterministic-public').check(input)).toEqual(['AIStore demo: host-network targets in IP mode advertise an unpredictable local IP']);
    });
    it('Kubernetes 1.28 without the PodHostIPs gate', () => {
      expect(rule('operator-pods-pass-the-api-server').check(mutated(() => undefined, { kubernetesVersion: '1.28' })))
        .toEqual(['AIStore demo: its pods set HOST_IPS from status.hostIPs, which a 1.28 API server rejects']);
      expect(rule('operator-pods-pass-the-api-server').check(mutated(() => undefined, { kubernetesVersion: '1.28', podHostIPsGate: true }))).toEqual([]);
    });
    it('a target node left unlabelled', () => {
      const input = mutated((ms) => { delete ms.find((m) => m.kind === 'Node' && m.metadata.name === 'cpu12').metadata.labels['nvidia.com/ais-target']; });
      expect(rule('operator-pods-find-labelled-nodes').check(input)).toEqual(['AIStore demo: 12 target pods, one per node, but 11 Node(s) carry {"nvidia.com/ais-target":"demo-ais"}']);
    });
    it('a PV too small, a PV of another node, a StorageClass that binds at once', () => {
      const small = mutated((ms) => { ms.find((m) => m.kind === 'PersistentVolume' && m.metadata.name === 'cpu03-pv-ais-sdb').spec.capacity.storage = '1Ti'; });
      expect(rule('operator-claims-bind-local-volumes').check(small)).toEqual(['AIStore demo: the claim for /ais/sdb on cpu03 matches no PersistentVolume']);
      const moved = mutated((ms) => {
        ms.find((m) => m.kind === 'PersistentVolume' && m.metadata.name === 'cpu03-pv-ais-sda').spec.nodeAffinity.required.nodeSelectorTerms[0].matchExpressions[0].values = ['cpu04'];
      });
      expect(rule('operator-claims-bind-local-volumes').check(moved)).toEqual(['AIStore demo: the claim for /ais/sda on cpu03 matches no PersistentVolume']);
      const immediate = mutated((ms) => { ms.find((m) => m.kind === 'StorageClass').volumeBindingMode = 'Immediate'; });
      expect(rule('operator-claims-bind-local-volumes').check(immediate)).toContain('StorageClass demo-local: binds before scheduling, so a target may get a PV of another node');
    });
    it('a namespace without the privileged level', () => {
      const input = mutated((ms) => { delete ms.find((m) => m.kind === 'Namespace').metadata.labels['pod-security.kubernetes.io/enforce']; });
      expect(rule('operator-namespace-admits-its-pods').check(input)).toEqual(['AIStore demo: its pods need the privileged Pod Security level; Namespace ais does not enforce it']);
    });
  });
});
