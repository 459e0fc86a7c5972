import { AisCluster } from '../ais/cluster';
import { AisOperatorCluster } from '../ais/operator/cluster';
import { PublicNetDnsMode } from '../ais/operator/aistore-props';
import { AisNodeNetwork, AisTargetNetwork, RuntimeAddress, certificateVerified, isRuntime } from '../ais/network/addressing';
import { scrapeCa } from '../ais/monitoring/scrape-tls';
import { TlsClientAuth } from '../ais/security/tls';
import type { Manifest } from '../k8s/manifest';
import { code, table } from './markdown';

/**
 * PLAN.md's network parts, from the cluster's addressing (lib/ais/network/addressing.ts) and the emitted
 * objects: every node's address on every network, who dials which address and whether TLS is verified
 * there, where an admin runs the `ais` CLI, and what is not included (ETL).
 */

type Ais = AisCluster | AisOperatorCluster;

const scheme = (ais: Ais) => (ais.tls ? 'https' : 'http');

function advertised(address: readonly string[] | RuntimeAddress | undefined, port: number): string {
  if (address === undefined) return '';
  if (isRuntime(address)) return address.runtime === 'status.hostIP' ? `node IP (run time) :${port}` : `${address.runtime} :${port}`;
  return address.map((host) => code(`${host}:${port}`)).join('<br>');
}

function intraOf(node: AisNodeNetwork): string {
  const parts: string[] = [];
  if (node.intra.proxy) parts.push('proxy: pod IP');
  if (node.intra.target) parts.push(`target: ${node.intra.target === 'node IP' ? `node IP${node.ip ? ` ${code(node.ip)}` : ''} (host network)` : 'pod IP'}`);
  return parts.join('<br>');
}

/** The gateway's external address: its fixed IP, else what the load balancer gives it at run time. */
function gatewayHost(ais: Ais, manifests: readonly Manifest[]): string | undefined {
  const gateway = manifests.find((m) => m.kind === 'Service' && m.spec?.type === 'LoadBalancer' && m.metadata.name === `${ais.name}-proxy-lb`);
  return gateway?.metadata.annotations?.['metallb.io/loadBalancerIPs'] ?? gateway?.spec?.loadBalancerIP ?? ais.gatewayOptions.loadBalancerIP;
}

/** "Addresses" and "Who dials what": every node on every network, and the TLS verification of each dial. */
export function addressesSection(ais: Ais, manifests: readonly Manifest[]): string {
  const { addressing, ports } = ais;
  const attachments = (ais.network.attachments ?? []).map((a) => a.name);
  const rows = addressing.nodes.map((node) => [
    code(node.node), node.ip ? code(node.ip) : 'run time (`status.hostIP`)',
    advertised(node.proxy, ports.proxy), advertised(node.target, ports.target), intraOf(node),
    node.proxy !== undefined || (node.target !== undefined && addressing.target.attachments.length > 0) ? attachments.map(code).join(', ') : '',
  ]);
  const operator = ais instanceof AisOperatorCluster ? ais : undefined;
  const podMode = operator?.publicNetDnsMode === PublicNetDnsMode.POD;
  const lines = [
    '### Addresses',
    '',
    podMode
      ? `publicNetDNSMode Pod: every proxy and target advertises its pod DNS name ${code(`<pod>.<service>.${ais.namespace}.svc.${ais.clusterDomain}`)}, `
        + 'which only clients inside the cluster resolve; the table shows the node addresses the pods run on.'
      : `What each node's proxy (port ${ports.proxy}, hostPort) and target (port ${ports.target}) advertise on the public network: clients, the ${code('ais')} CLI `
        + 'and the other AIS nodes dial these addresses; the intra-cluster names (pod DNS names, ports '
        + `${ports.intraControl}/${ports.intraData}) resolve as the last column says.`,
    '',
    table(['node', 'Kubernetes IP', 'proxy advertises', 'target advertises', 'intra-cluster', ...(attachments.length ? ['attachments'] : [])],
      rows.map((row) => (attachments.length ? row : row.slice(0, 5)))),
  ];
  if (addressing.hostnameMap) {
    lines.push('', `More than one address is AIS public multi-homing: redirects spread over all of them (${code('pub_extra')} in the cluster map). `
      + `ais-init takes each list from the hostname map (${operator ? code('spec.hostnameMap') : code(`${ais.name}-global-cm`) + ' key ' + code('hostname_map.json')}), keyed by node name.`);
  }
  if (addressing.targetNetwork === AisTargetNetwork.HOST) {
    lines.push('', `Targets run on the host network: their intra-cluster traffic (rebalance, mirroring, erasure coding, proxy → target control) uses the network `
      + `of each node's Kubernetes IP (${code('kubelet --node-ip')}); put it on the storage fabric.`);
  }
  if (attachments.length) {
    lines.push('', `Multus attaches ${attachments.map(code).join(', ')} to the ${addressing.target.attachments.length ? 'proxies and targets' : 'proxies (host-network targets get no CNI interfaces)'}; `
      + 'AIS sends traffic over an attachment only to addresses it advertises, so give each node\'s address on it in its public list.');
  }
  lines.push('', '### Who dials what', '', dialTable(ais, manifests));
  lines.push('', ...certificateStatement(ais));
  return lines.join('\n');
}

function dialTable(ais: Ais, manifests: readonly Manifest[]): string {
  const tls = ais.tls;
  const aisVerifies = tls ? (tls.skipVerify ? 'no (`skip_verify`)' : 'yes') : 'no TLS';
  const clientsVerify = tls ? (tls.clientsVerify === false ? 'no (clients skip it)' : 'yes, unless `AIS_SKIP_VERIFY_CRT=true`') : 'no TLS';
  const gateway = gatewayHost(ais, manifests) ?? 'the gateway IP';
  const { ports } = ais;
  return table(['who', 'dials', 'TLS verified'], [
    [`clients, the ${code('ais')} CLI (first call)`, `the gateway ${code(`${gateway}:${ports.proxy}`)}`, clientsVerify],
    [`the ${code('ais')} CLI after its first call (cmd/cli getClusterMap), every non-primary proxy for each control-plane request (ais/prxrev.go forwardCP), `
      + 'a primary restarted without state (ais/earlystart.go), joins and keepalive retries', `the primary proxy's public address, port ${ports.proxy}`,
    `AIS: ${aisVerifies}; CLI: ${clientsVerify}`],
    ['clients redirected for every object, health retries of peers', `each target's public address, port ${ports.target}`, `clients: ${clientsVerify}; AIS: ${aisVerifies}`],
    ['AIS nodes (keepalive, metasync, data movers)', `pod DNS names ${code(`*.<service>.${ais.namespace}.svc.${ais.clusterDomain}`)}, ports ${ports.intraControl}/${ports.intraData}`, `AIS: ${aisVerifies}`],
  ]);
}

function certificateStatement(ais: Ais): string[] {
  const tls = ais.tls;
  if (!tls) return [];
  const hosts = [...ais.addressing.publicSans.ipAddresses, ...ais.addressing.publicSans.dnsNames];
  if (!tls.certificate) {
    return [`HTTPS with your Secret ${code(tls.secretName ?? '')}: its certificate must name every address above${hosts.length ? ` (${hosts.map(code).join(', ')})` : ''}, `
      + 'the gateway address and the pod DNS names, for whoever verifies it.', ''];
  }
  if (!certificateVerified(tls)) return ['HTTPS: nobody verifies the certificate (`tls.skipVerify: true`, `tls.clientsVerify: false`).', ''];
  if (ais instanceof AisOperatorCluster) {
    return ['HTTPS: the operator puts the node addresses, the LoadBalancer IPs, the hostname map\'s values and the service and pod names into the certificate.', ''];
  }
  return ['HTTPS: the certificate names every address above, the gateway and the pod DNS names.', ''];
}

/** "Admin access": where the `ais` CLI runs and with which endpoint, as commands that run as shown. */
export function adminAccessSection(ais: Ais, manifests: readonly Manifest[]): string {
  const { ports } = ais;
  const gateway = gatewayHost(ais, manifests);
  // the load balancer's address when the config fixes none (assigned then export: a failing kubectl is not masked)
  const commands = gateway
    ? [`export AIS_ENDPOINT=${scheme(ais)}://${gateway}:${ports.proxy}`]
    : [`AIS_ENDPOINT="${scheme(ais)}://$(kubectl -n ${ais.namespace} get svc ${ais.name}-proxy-lb -o jsonpath='{.status.loadBalancer.ingress[0].ip}'):${ports.proxy}"`,
      'export AIS_ENDPOINT'];
  const notes: string[] = [];
  const tls = ais.tls;
  if (tls) {
    const ca = scrapeCa(tls, ais.name);
    if (ca && 'secret' in ca) {
      commands.push(`kubectl -n ${ais.namespace} get secret ${ca.secret.name} -o jsonpath='{.data.ca\\.crt}' | base64 -d > ${ais.name}-ca.crt`);
    } else if (ca && 'configMap' in ca) {
      commands.push(`kubectl -n ${ais.namespace} get configmap ${ca.configMap.name} -o jsonpath='{.data.${ca.configMap.key.replaceAll('.', '\\.')}}' > ${ais.name}-ca.crt`);
    } else {
      notes.push(`Save the CA of your issuer as ${code(`${ais.name}-ca.crt`)} (the CSI driver leaves no Secret to read it from).`);
    }
    commands.push(`export AIS_CLIENT_CA="$PWD/${ais.name}-ca.crt"`);
    const clientAuth = tls.clientAuth ?? TlsClientAuth.NONE;
    if (clientAuth === TlsClientAuth.REQUIRE_ANY || clientAuth === TlsClientAuth.REQUIRE_AND_VERIFY) {
      notes.push(`AIS demands a client certificate: also ${code('export AIS_CRT=<cert.pem> AIS_CRT_KEY=<key.pem>')} with one from a CA AIS trusts.`);
    }
  }
  commands.push('ais show cluster');
  const reach = ais.addressing.nodes.some((n) => n.proxy && isRuntime(n.proxy) && n.proxy.runtime === 'pod IP')
    ? `from a machine inside the pod network (the proxies advertise pod IPs: ${code('ais.operator.proxyHostPort: false')})`
    : `from a machine that reaches the gateway and every proxy's and target's public address in the table above (ports ${ports.proxy} and ${ports.target}), `
      + 'e.g. an admin workstation on the client network';
  return [
    `## Admin access (${code('ais')} CLI)`,
    '',
    `Run ${code('ais')} ${reach}. The CLI re-targets itself at the primary proxy's public address after its first call (aistore cmd/cli/cli/smap.go `
      + `${code('getClusterMap')}), so the gateway alone is not enough. Every ${code('ais')} command in the runbooks runs there, with:`,
    '',
    '```console',
    ...commands,
    '```',
    ...(notes.length ? ['', ...notes] : []),
  ].join('\n');
}

/** The Role rules ETL would need (aistore v1.4.9 ext/etl via cmn/k8s/client.go): pods, their logs, services. */
export const ETL_ROLE_RULES: ReadonlyArray<readonly [string, readonly string[]]> = [
  ['pods', ['create', 'get', 'list', 'watch', 'delete']],
  ['pods/log', ['get']],
  ['services', ['create', 'get', 'list', 'delete']],
];

/** "Not included": ETL in standalone mode. */
export function notIncludedSection(ais: Ais): string | undefined {
  if (!(ais instanceof AisCluster)) return undefined;
  const rules = ETL_ROLE_RULES.map(([resource, verbs]) => `${code(resource)}: ${verbs.join(', ')}`).join('; ');
  return [
    '## Not included',
    '',
    `- **ETL.** Standalone mode runs no ETL: the AIS pods' Role grants ${code('pods get')} only (what aisnode and ais-init call at start), so `
      + `${code('ais etl init')} is accepted by aisnode and then fails with 403 when it creates the transformer pod. ETL would need, in namespace `
      + `${code(ais.namespace)}: ${rules} (aistore v1.4.9 ext/etl), a path from the transformer pods to the targets, and images you vet; AIS 5.0 `
      + 'leaves ETL out of its default images. Use operator mode, whose operator grants what ETL calls.',
  ].join('\n');
}

/** Host checklist items of the addressing: free host ports, node IPs, interfaces. */
export function networkHostItems(ais: Ais): string[] {
  const { ports, addressing } = ais;
  const items: string[] = [];
  const proxyHostPort = !addressing.nodes.some((n) => n.proxy && isRuntime(n.proxy) && n.proxy.runtime === 'pod IP');
  if (proxyHostPort) items.push(`port ${ports.proxy} free on every proxy node (hostPort) and reachable by the ${code('ais')} CLI and the other proxies`);
  if (addressing.targetNetwork === AisTargetNetwork.HOST) {
    items.push(`ports ${ports.target}, ${ports.intraControl} and ${ports.intraData} free on every target node (host network), and ${code('kubelet --node-ip')} `
      + 'on the network AIS nodes should use between them');
  }
  if (addressing.hostnameMap) items.push('every address in the public lists configured on its node and reachable by clients (one routing table entry per client network)');
  return items;
}

/** What must hold in the cluster before the first sync beyond objects (feature gates, kubelet flags). */
export function networkPrerequisiteNotes(ais: Ais): string[] {
  const notes: string[] = [];
  if (ais instanceof AisOperatorCluster) {
    notes.push(`the AIS operator ${code(ais.operatorVersionFloor)} or later: its AIStore CRD has every field this AIStore uses`);
    if (ais.kubernetesFeatureGates.podHostIPs && ais.kubernetesVersion === '1.28') {
      notes.push(`API servers with ${code('--feature-gates=PodHostIPs=true')} (the operator sets ${code('HOST_IPS')} from ${code('status.hostIPs')})`);
    }
  }
  if (ais.addressing.targetNetwork === AisTargetNetwork.HOST) {
    notes.push(`${code('kubelet --node-ip')} on every target node set to its address on the network intra-cluster traffic should use`);
  }
  return notes;
}
