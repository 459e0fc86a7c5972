import { formatPrerequisites } from '../k8s/prerequisite';
import { AisCluster } from '../ais/cluster';
import { AisOperatorCluster } from '../ais/operator/cluster';
import { MountpathStorage } from '../ais/storage/mountpath';
import { CertificateDelivery } from '../ais/security/tls';
import { KmodDelivery } from '../auristor/kmod/delivery';
import { deliveredKmodImage } from '../auristor/kmod/kernel-image';
import { GROUP_LABEL, KERNEL_VERSION_LABEL } from '../auristor/names';
import { auristorClientNodeAffinity } from '../auristor/client-nodes';
import { FAILOVER_TOLERATION_SECONDS, KMM_LIFECYCLE_TOLERATIONS } from '../auristor/defaults';
import { AuristorToleration, k8sToleration } from '../auristor/tolerations';
import {
  AuristorGroupFacts, auristorGroupFacts, groupUpgradeProcedure, nodeMaintenanceProcedure, pinnedNodeRecovery, procedureRunbook, sroDeadNodeRecovery,
} from '../review/auristor-runbooks';
import { runbookMarkdown } from '../review/rules/runbook';
import * as YAML from 'yaml';
import type { Manifest } from '../k8s/manifest';
import { PlanSubjects, subjectPrerequisites } from './subjects';
import { code, formatBytes, table } from './markdown';
import { monitoringSection } from './monitoring';
import { quantityValue } from '../k8s/quantity';
import { topologyDiagram } from './topology';
import { addressesSection, adminAccessSection, networkHostItems, networkPrerequisiteNotes, notIncludedSection } from './networks';

/** Sysctls the AIS host playbooks set on every node (ais-k8s playbooks/host-config, required set). */
/** Unsafe sysctls the AIS pods set, which every AIS node's kubelet must allow (`--allowed-unsafe-sysctls`). */
export const KUBELET_ALLOWED_UNSAFE_SYSCTLS: readonly string[] = ['net.core.somaxconn'];

export const AIS_HOST_SYSCTLS: ReadonlyArray<[string, string]> = [
  ['net.core.somaxconn', '65535'],
  ['net.ipv4.tcp_tw_reuse', '1'],
  ['net.ipv4.ip_local_port_range', '2048 65535'],
  ['net.ipv4.tcp_max_tw_buckets', '1440000'],
];

/** The PLAN.md header: which release, where, from which config (as PLAN.md names it, relative to itself). */
export interface PlanHeader {
  readonly release: string;
  readonly namespace: string;
  readonly source: string;
  /**
   * The folder (relative to PLAN.md) holding the promtool tests of the alert rules, when written.
   * @default - none written
   */
  readonly ruleTests?: string;
}

type Ais = AisCluster | AisOperatorCluster;
const labelOf = (label: { key: string; value: string }) => `${label.key}=${label.value}`;
/** The standalone cluster, or undefined in operator mode (where the operator decides what these fields would). */
const standalone = (ais: Ais | undefined) => (ais instanceof AisCluster ? ais : undefined);

/** The AIStore spec an operator-run cluster emitted. */
const aistoreSpec = (ais: AisOperatorCluster, manifests: readonly Manifest[]) =>
  manifests.find((m) => m.kind === 'AIStore' && m.metadata.name === ais.name)?.spec ?? {};

/** The host directory under which the AIS pods keep their state, or undefined when they keep it elsewhere (operator emptyDir or PVC). */
function stateHostPrefix(ais: Ais, manifests: readonly Manifest[]): string | undefined {
  if (ais instanceof AisCluster) return ais.statePath;
  const spec = aistoreSpec(ais, manifests);
  return spec.stateStorage ? spec.stateStorage.hostPath?.prefix : spec.hostpathPrefix;
}

/** Where the AIS pods keep their state: a host directory per pod, or what the AIStore asks the operator for. */
function stateStorage(ais: Ais, manifests: readonly Manifest[]): string {
  const prefix = stateHostPrefix(ais, manifests);
  // the proxy ID is per node, so is its state (both modes); each target pod keeps a sub-directory
  if (prefix !== undefined) return `${code(`${prefix}/${ais.namespace}/${ais.name}/proxy`)} (per node), ${code(`${prefix}/${ais.namespace}/${ais.name}/target/<pod>`)}`;
  const state = aistoreSpec(ais as AisOperatorCluster, manifests).stateStorage ?? {};
  return state.pvc ? `a PVC of StorageClass ${code(state.pvc.storageClass)} per pod` : 'emptyDir: lost with the pod (test clusters only)';
}

function overview(header: PlanHeader, { ais, auristor }: PlanSubjects, manifests: readonly Manifest[]): string {
  const rows: string[][] = [['release', code(header.release)], ['namespace', code(header.namespace)], ['config', code(header.source)]];
  if (ais) {
    const certificate = ais.tls?.certificate;
    rows.push(
      ['AIS mode', ais instanceof AisOperatorCluster ? 'operator (an `AIStore` resource for the AIS operator)' : 'standalone (StatefulSets we emit)'],
      ['images', `${code(ais.images.aisnode)}, ${code(ais.images.init)}`],
      ['state path', stateStorage(ais, manifests)],
      ['HTTPS', !ais.tls ? 'off' : !certificate ? `existing secret ${code(ais.tls.secretName ?? '')}`
        : `cert-manager ${certificate.delivery === CertificateDelivery.CSI ? 'CSI driver' : 'Certificate'}, issuer ${certificate.issuer?.name ?? 'self-signed CA (bootstrap chain)'}`],
    );
  }
  if (auristor) rows.push(['AuriStorFS delivery', code(auristor.cluster.delivery)], ['AuriStorFS groups', String(auristor.groups.length)]);
  return `## Overview\n\n${table(['', ''], rows)}`;
}

function nodes({ ais, auristor }: PlanSubjects, manifests: readonly Manifest[]): string | undefined {
  const groups = auristor?.groups ?? [];
  const names = [...new Set([...(ais?.proxyNodes ?? []), ...(ais?.targetNodes ?? []), ...groups.flatMap((g) => g.nodes)])];
  if (names.length === 0) return undefined;
  const primary = standalone(ais)?.initialPrimaryNode;
  const rows = names.map((node) => {
    const labels: string[] = [];
    const isTarget = ais?.targetNodes.includes(node) ?? false;
    const isProxy = ais?.proxyNodes.includes(node) ?? false;
    if (ais && isTarget) labels.push(labelOf(ais.labelScheme.target));
    if (ais && isProxy) labels.push(labelOf(ais.labelScheme.proxy));
    if (ais && node === primary) labels.push(labelOf(ais.labelScheme.initialPrimary));
    const group = groups.find((g) => g.nodes.includes(node));
    if (group) labels.push(`${GROUP_LABEL}=${group.name}`);
    const versionLabel = Object.entries(manifests.find((m) => m.kind === 'Node' && m.metadata.name === node)?.metadata.labels ?? {})
      .find(([key]) => key.startsWith('kmm.node.kubernetes.io/version-module.'));
    if (versionLabel) labels.push(`${versionLabel[0]}=${versionLabel[1]}`);
    return [code(node), isProxy ? 'yes' : '', isTarget ? 'yes' : '', node === primary ? 'yes' : '', group?.name ?? '', labels.map(code).join('<br>')];
  });
  const note = primary
    ? `\n\nThe initial-primary label only steers where the first primary starts (a preferred node affinity): once AIS is up you may remove it, `
      + `change ${code('initialPrimary')} or lose that node; no pod requires it, so nothing stays Pending.`
    : '';
  return `## Nodes and labels\n\n${table(['node', 'proxy', 'target', 'initial primary', 'AuriStorFS group', 'labels'], rows)}${note}`;
}

function storage(ais: Ais | undefined): string | undefined {
  if (!ais) return undefined;
  const mountpaths = ais.mountpaths;
  const perNode = rawCapacityPerNode(ais);
  const lines = [
    '## Storage',
    '',
    `${mountpaths.length} mountpaths on each of the ${ais.targetNodes.length} target nodes, as ${ais.storage === MountpathStorage.LOCAL_PV ? 'local PersistentVolumes' : 'hostPath volumes'}; each must be its own filesystem (XFS) on its own device.`,
    '',
    table(['mountpath', 'disk label', 'size'], mountpaths.map((m) => [code(m.path), m.label ?? '', m.size ?? 'not given'])),
    '',
    perNode !== undefined
      ? `Raw capacity: ${formatBytes(perNode)} per node, ${formatBytes(perNode * ais.targetNodes.length)} in all (before AIS mirroring or erasure coding).`
      : 'Raw capacity: give every mountpath a `size` to have it computed.',
  ];
  return lines.join('\n');
}

/** Raw capacity of one target node in bytes (the sum of its mountpaths' sizes), or undefined when a size is not given. */
export function rawCapacityPerNode(ais: Pick<Ais, 'mountpaths'>): number | undefined {
  const sizes = ais.mountpaths.map((m) => (m.size ? quantityValue(m.size) : undefined));
  return sizes.every((s): s is number => s !== undefined) ? sizes.reduce((a, b) => a + b, 0) : undefined;
}

function network(ais: Ais | undefined, manifests: readonly Manifest[]): string | undefined {
  if (!ais) return undefined;
  const gateway = ais.gatewayOptions;
  const loadBalancers = manifests.filter((m) => m.kind === 'Service' && m.spec?.type === 'LoadBalancer');
  const ipOf = (svc: Manifest) => svc.metadata.annotations?.['metallb.io/loadBalancerIPs'] ?? svc.spec?.loadBalancerIP ?? 'allocated by the load balancer';
  const needed = ais.externalLoadBalancers ? ais.targetNodes.length + 1 : 1;
  const lines = [
    '## Network',
    '',
    `External IPs needed: ${needed}${ais.externalLoadBalancers ? ` (${ais.targetNodes.length} targets with their own LoadBalancer + 1 gateway)` : ' (the gateway)'}.`
      + (gateway.addressPool ? ` Address pool: ${code(gateway.addressPool)}${ais.metallbAssignsAddresses ? ' (MetalLB layer 2)' : ''}.` : ''),
    '',
    table(['LoadBalancer', 'external IP', 'port'], loadBalancers.map((svc) => [code(svc.metadata.name), code(ipOf(svc)), String(svc.spec.ports?.[0]?.port ?? '')])),
    '',
    `Cluster DNS domain: ${code(ais.clusterDomain)}. The AIS config names pods as ${code(`<pod>.<service>.${ais.namespace}.svc.${ais.clusterDomain}`)}`
      + ` (${code('primary_url')}, intra-cluster hostnames); if the cluster's kubelets use another domain (${code('kubelet --cluster-domain')},`
      + ` e.g. ${code('aiscluster.local')} in the AIS production guide), set ${code('ais.clusterDomain')} to it before the first sync.`,
    '',
    addressesSection(ais, manifests),
    table(['port', 'purpose', 'open on'], [
      [String(ais.ports.proxy), 'gateway (clients, S3 and native API); each proxy\'s public address (the CLI, the other proxies)',
        `the gateway LoadBalancer IP; ${ais.addressing.proxy.hostnameField ? `hostPort on every proxy node (${ais.proxyNodes.length} nodes)` : 'each proxy pod IP'}`],
      [String(ais.ports.target), 'target public port (clients are redirected here)', ais.externalLoadBalancers ? 'each target LoadBalancer IP' : `hostPort on every target node (${ais.targetNodes.length} nodes)`],
      [String(ais.ports.intraControl), 'intra-cluster control', ais.addressing.targetNetwork === 'hostNetwork' ? 'between AIS pods and the target nodes only' : 'between AIS pods only'],
      [String(ais.ports.intraData), 'intra-cluster data', ais.addressing.targetNetwork === 'hostNetwork' ? 'between AIS pods and the target nodes only' : 'between AIS pods only'],
    ]),
  ];
  return lines.join('\n');
}

function prerequisites(subjects: PlanSubjects): string {
  const text = formatPrerequisites(subjectPrerequisites(subjects));
  const items = text.split('\n').filter((line) => line.startsWith('  ')).map((line) => `- ${line.trim()}`);
  const notes = subjects.ais ? networkPrerequisiteNotes(subjects.ais).map((note) => `- ${note}`) : [];
  const lines = ['## Before the first sync', ''];
  if (items.length === 0) lines.push('Nothing to create: the output references no object it does not create.');
  else lines.push('Create these first (only their names are in Git):', '', ...items);
  if (notes.length) lines.push('', 'And make sure of:', '', ...notes);
  return lines.join('\n');
}

function auristorSection(auristor: PlanSubjects['auristor'], manifests: readonly Manifest[]): string | undefined {
  if (!auristor) return undefined;
  const { cluster, groups } = auristor;
  const rows = groups.flatMap((group) => group.kernels.map((kernel) => [
    group.name, code(group.namespace), code(kernel),
    code(deliveredKmodImage(cluster.delivery, group.registry, group.kmodVersion, kernel, cluster.kmmRegistry)), code(group.csiVersion),
  ]));
  const facts = auristorGroupFacts(manifests);
  return [
    '## AuriStorFS client',
    '',
    table(['group', 'namespace', 'kernel', 'kmod image', 'CSI'], rows),
    '',
    'Upgrade order: one group at a time, in this order: ' + groups.map((g) => code(g.name)).join(' → ') + '.',
    ...pinnedNodes(facts),
    '',
    tolerationsSection(auristor),
    '',
    placementSection(auristor),
    '',
    procedures(cluster.delivery, facts, cluster.sroVersion),
  ].join('\n');
}

/** kmm: the nodes kept at another version than the Module's, and what they must not go through. */
function pinnedNodes(facts: readonly AuristorGroupFacts[]): string[] {
  const rows = facts.flatMap((group) => group.nodes.filter((node) => group.kmm?.nodeVersions[node] !== undefined && group.kmm.nodeVersions[node] !== group.kmm.version)
    .map((node) => [code(node), group.name, code(group.kmm!.nodeVersions[node]), code(group.kmm!.version ?? ''), 'no kernel or OS update until unpinned']));
  if (rows.length === 0) return [];
  return [
    '',
    '### Pinned nodes',
    '',
    'These nodes keep the kmod version they run (KMM ordered upgrade) and the image of that version, not the one in the table above. '
      + 'A pinned node that boots another kernel gets no `yfs`: KMM keeps its old configuration, whose image has no module for the new kernel '
      + '(see "Recovery: a pinned node on a new kernel" below).',
    '',
    table(['node', 'group', 'pinned version', 'Module version', ''], rows),
  ];
}

const tolerationText = (t: { key?: string; operator?: string; value?: string; effect?: string; tolerationSeconds?: number }) =>
  code(`${t.key || '*'}${t.operator === 'Exists' ? '' : `=${t.value ?? ''}`}:${t.effect ?? '*'}${t.tolerationSeconds !== undefined ? ` for ${t.tolerationSeconds} s` : ''}`);

/** Which taints each AuriStorFS pod tolerates. */
function tolerationsSection(auristor: NonNullable<PlanSubjects['auristor']>): string {
  const { cluster, resources } = auristor;
  const lines = ['### Tolerations', ''];
  if (cluster.delivery === KmodDelivery.SRO) {
    lines.push('SRO serves no node with a NoSchedule or NoExecute taint, whatever its pods tolerate: every node of every group must be untainted '
      + '(a cordoned node included, until it is uncordoned).');
    return lines.join('\n');
  }
  const configured = (list: readonly AuristorToleration[]) => (list.length ? list.map((t) => tolerationText(k8sToleration(t))).join(', ') : 'none configured');
  const rows = resources.map((group) => [
    group.group.name,
    cluster.delivery === KmodDelivery.KMM
      ? `Module: ${[...KMM_LIFECYCLE_TOLERATIONS.map(tolerationText), ...group.tolerations.map((t) => tolerationText(k8sToleration(t)))].join(', ')}`
      : `kmod DaemonSets: ${configured(group.tolerations)}`,
    `CSI node plugin: ${configured(group.tolerations)}`,
  ]);
  lines.push(table(['group', 'kmod', 'CSI node'], rows), '',
    `${cluster.delivery === KmodDelivery.KMM ? 'The CSI node plugin (a DaemonSet pod) also tolerates' : 'The kmod and CSI node pods (DaemonSet pods) also tolerate'} `
      + 'what the DaemonSet controller adds: the cordon, not-ready and unreachable, disk, memory and PID pressure.',
    `CSI controller and volume manager: ${configured(cluster.controllerTolerations)}; not-ready and unreachable for ${FAILOVER_TOLERATION_SECONDS} s `
      + '(then they are evicted and start on another group node).');
  return lines.join('\n');
}

/** The node affinity (and tolerations) a workload using AuriStorFS volumes needs. */
function placementSection(auristor: NonNullable<PlanSubjects['auristor']>): string {
  const { cluster, resources } = auristor;
  const tolerations = cluster.delivery === KmodDelivery.SRO ? [] : cluster.controllerTolerations.map(k8sToleration);
  const pod: Record<string, unknown> = { affinity: auristorClientNodeAffinity(cluster.clientNodes) };
  if (tolerations.length > 0) pod.tolerations = tolerations;
  return [
    '### Where pods using AuriStorFS run',
    '',
    `Only on the client nodes (${resources.map((r) => code(r.group.name)).join(', ')}): elsewhere the CSI driver is not registered and the pod waits in ContainerCreating. `
      + 'StorageClasses restrict the first pod of each claim (`allowedTopologies`) and static PersistentVolumes every pod (`nodeAffinity`); '
      + 'give inline volumes and later users of a dynamically provisioned claim this in their pod spec (library: `auristorClientNodeAffinity`):',
    '',
    '```yaml',
    YAML.stringify(pod).trimEnd(),
    '```',
    '',
    'A group node on a kernel that is not listed has no kmod: its CSI node pod waits in `Init`, and pods placed there wait in ContainerCreating.',
  ].join('\n');
}

/** The procedures of this delivery, with the groups' names: upgrade, maintenance, recovery. */
function procedures(delivery: KmodDelivery, facts: readonly AuristorGroupFacts[], sroVersion?: string): string {
  const lines = ['### Procedures', '', `How the kmod changes on a node (${code(delivery)} delivery), with this output's names; the change review prints the same runbooks with the names of each change.`];
  const section = (markdown: string) => lines.push('', markdown.replace(/^### /, '#### '));
  for (const group of facts) {
    // kmm with pinned nodes: the upgrade under way goes on with them; otherwise it starts by pinning every node
    const pinnedNodes = group.nodes.filter((n) => group.kmm !== undefined && group.kmm.nodeVersions[n] !== group.kmm.version);
    const nodes = pinnedNodes.length > 0 ? pinnedNodes : group.nodes;
    const whole = groupUpgradeProcedure({ ...group, nodes }, undefined, { pinFirst: pinnedNodes.length === 0 });
    // the steps before the second node's first one: the others repeat them (each node's steps start with its drain)
    const others = nodes.slice(1);
    const cut = whole.steps.findIndex((step) => 'node' in step && others.includes(step.node));
    const upgrade = { ...whole, steps: cut < 0 ? whole.steps : whole.steps.slice(0, cut) };
    section(runbookMarkdown(procedureRunbook(upgrade)) + (others.length ? `\n\nThen the same for ${others.map(code).join(', ')}, one at a time.` : ''));
  }
  const sample = facts[0];
  if (sample) section(runbookMarkdown(procedureRunbook(nodeMaintenanceProcedure(sample))));
  if (delivery === KmodDelivery.KMM) {
    const pinned = facts.flatMap((g) => g.nodes.filter((n) => g.kmm?.nodeVersions[n] !== g.kmm?.version).map((n) => [g, n] as const));
    const [group, node] = pinned[0] ?? [facts.find((g) => g.nodes.length > 0), facts.find((g) => g.nodes.length > 0)?.nodes[0]];
    if (group && node) {
      section(runbookMarkdown({ ...procedureRunbook(pinnedNodeRecovery(group, node)), title: `Recovery: a pinned node on a new kernel (${node})` }));
    }
  }
  if (delivery === KmodDelivery.SRO && facts.length === 1) section(runbookMarkdown(procedureRunbook(sroDeadNodeRecovery(facts[0]))));
  if (delivery === KmodDelivery.SRO) {
    lines.push('', `SRO release: ${sroVersion ? code(sroVersion) : 'not given (one group)'}. Commit a new ${code('kmodVersion')} alone, do the nodes, then commit `
      + `${code('csiVersion')}: SRO applies the chart's CSI state only after every driver-container pod runs the new template.`);
  }
  return lines.join('\n');
}

function maintenance(ais: Ais | undefined): string | undefined {
  if (!ais) return undefined;
  const budget = ais.targetDisruptionBudget;
  const ns = ais.namespace;
  return [
    '## Node maintenance',
    '',
    budget.enabled
      ? `PodDisruptionBudget ${code(`${ais.name}-target`)}: at most ${code(String(budget.maxUnavailable))} target(s) evicted at a time`
        + (budget.maxUnavailable === 0 ? ' (0: every drain of a target node waits until you raise it).' : '.')
      : 'No PodDisruptionBudget for the targets: nothing stops two drains from taking two targets down.',
    '',
    'To take a target node down (kernel update, disk swap), one node at a time:',
    '',
    `1. put its target in AIS maintenance: ${code('ais cluster add-remove-nodes start-maintenance <target-id>')} (the id from ${code('ais show cluster target')});`
      + ` AIS starts a global rebalance that moves its data to the other targets: wait for it (${code('ais show job rebalance')})`
      + ` before going on (${code('--no-rebalance')} only where the AIS node-lifecycle guide says it is safe, e.g. a rolling reboot with no writes meanwhile);`,
    `2. drain the node: ${code('kubectl drain <node> --ignore-daemonsets --delete-emptydir-data')}; the target pod stays Pending while the node is cordoned;`,
    `3. do the work, then ${code('kubectl uncordon <node>')} and wait for ${code(`kubectl -n ${ns} get pods -o wide`)} to show the target Running on it;`,
    `4. take it out of maintenance: ${code('ais cluster add-remove-nodes stop-maintenance <target-id>')} (another rebalance brings data back),`
      + ` and wait for ${code('ais show cluster')} to be healthy before the next node.`,
    '',
    'Proxy nodes drain without preparation while another proxy runs (AIS elects a new primary if needed).',
  ].join('\n');
}

function hostChecklist({ ais, auristor }: PlanSubjects, manifests: readonly Manifest[]): string {
  const items: string[] = [];
  const own = standalone(ais);
  if (ais) {
    if (own && own.somaxconn !== false) {
      items.push(`kubelet on every AIS node allows the pod sysctl: ${code(`--allowed-unsafe-sysctls=${KUBELET_ALLOWED_UNSAFE_SYSCTLS.join(',')}`)}`
        + ` (else kubelet rejects the AIS pods with ${code('SysctlForbidden')}; or set ${code('ais.somaxconn: false')})`);
    }
    items.push(`sysctls on every AIS node (/etc/sysctl.d): ${AIS_HOST_SYSCTLS.map(([k, v]) => code(`${k}=${v}`)).join(', ')}`);
    items.push('MTU 9000 on the storage network; the CNI MTU 20 bytes less (e.g. Calico 8980)');
    items.push(`one XFS filesystem per mountpath on every target node, each on its own device (distinct fsid), mounted at ${ais.mountpaths.map((m) => code(m.path)).join(', ')}`
      + ` (e.g. ${code('noatime,nodiratime,logbufs=8,logbsize=256k,largeio,inode64,swalloc,allocsize=131072k')})`);
    if (own && own.diskMarker !== false) {
      items.push(`after mounting each mountpath: ${ais.mountpaths.map((m) => code(`mkdir ${m.path}/${own.diskMarker}`)).join(', ')}`
        + ' (on the mounted filesystem only: a target does not start while a marker is missing, so it never writes to an unmounted mount point)');
    }
    const statePrefix = stateHostPrefix(ais, manifests);
    if (statePrefix) items.push(`writable state directory ${code(statePrefix)} on every AIS node`);
    items.push('NTP on every node (AIS compares timestamps across nodes)');
    if (!ais.externalLoadBalancers) items.push(`port ${ais.ports.target} free on every target node (hostPort) and reachable by clients`);
    items.push(...networkHostItems(ais));
    items.push(ais.preflight
      ? `${code(`kubectl -n ${ais.namespace} get ds ${ais.name}-preflight`)} shows every target node Ready (the preflight DaemonSet checked its mountpaths; ${code('kubectl logs')} says why not)`
      : `optional: ${code('ais.preflight: true')} adds a DaemonSet that checks every mountpath on every target node before AIS writes there`);
  }
  const delivery = auristor?.cluster.delivery;
  if (delivery !== undefined && delivery !== KmodDelivery.KMM) {
    items.push(`Node Feature Discovery labels every AuriStorFS node with ${code(KERNEL_VERSION_LABEL)}; every kernel running in a group is listed in its ${code('kernels')}`);
  }
  if (delivery === KmodDelivery.STATIC) {
    items.push('the container runtime on every AuriStorFS node runs systemd containers (CRI-O; the kmod image runs /sbin/init)');
  }
  if (delivery === KmodDelivery.KMM) {
    items.push(`the AuriStorFS cache manager and its client configuration on every AuriStorFS node (KMM only loads ${code('yfs')}), started after `
      + `${code('yfs')} is loaded (e.g. a unit ordered after the module is present); a KMM-layout image per listed kernel in ${code(auristor?.cluster.kmmRegistry ?? '')}`);
    // kubernetes-sigs/kernel-module-management v2.6.0 internal/pod/imagepuller.go CreatePullPod: no tolerations, no node selector
    items.push(`at least one untainted, schedulable node that can pull every image of ${code(auristor?.cluster.kmmRegistry ?? '')}: KMM checks each image `
      + 'with a pod that has no tolerations and no node selector, and loads nothing until that pod ran');
  }
  if (auristor?.cluster.keytabHostPath) {
    items.push(`the directory ${code(auristor.cluster.keytabHostPath)} with the node's keytabs on every AuriStorFS node (a hostPath of type Directory: `
      + 'the kmod pods wait in ContainerCreating until it exists)');
  }
  return ['## Host preparation checklist', '', ...items.map((item) => `- [ ] ${item}`)].join('\n');
}

/**
 * The plan report (PLAN.md, written beside the output, never inside it): the AIS planning
 * worksheet filled in from what was built (the constructs' resolved fields and the emitted
 * objects), what must exist before the first sync, the AuriStorFS groups, a Mermaid topology
 * diagram and the host preparation checklist. Deterministic.
 */
export function planReport(header: PlanHeader, subjects: PlanSubjects, manifests: readonly Manifest[]): string {
  const sections = [
    `# Plan: ${header.release}`,
    `Generated by cdk8s-storage from ${code(header.source)}; regenerated on every synth, do not edit.`,
    overview(header, subjects, manifests),
    nodes(subjects, manifests),
    storage(subjects.ais),
    network(subjects.ais, manifests),
    subjects.ais && adminAccessSection(subjects.ais, manifests),
    prerequisites(subjects),
    monitoringSection(manifests, subjects.ais?.monitoring, header.ruleTests, subjects.ais?.images.aisnode),
    auristorSection(subjects.auristor, manifests),
    `## Topology\n\n${topologyDiagram(header.release, subjects, manifests)}`,
    hostChecklist(subjects, manifests),
    maintenance(subjects.ais),
    subjects.ais && notIncludedSection(subjects.ais),
  ];
  return `${sections.filter((s): s is string => s !== undefined).join('\n\n')}\n`;
}
