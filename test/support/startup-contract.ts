/**
 * The startup contract of a standalone AIS cluster: what the API server, the kubelet, ais-init and
 * aisnode check before an AIS pod is admitted, starts and joins. Each rule names the upstream
 * source it encodes (NVIDIA/aistore at tag v1.4.9 = images aisnode/ais-init v4.9, NVIDIA/ais-k8s
 * operator, kubernetes/kubernetes at v1.28); facts only. A rule returns the violations it finds in
 * one synthesized output (empty: the rule holds).
 */
import { createHash } from 'node:crypto';
import type { AisClusterProps } from '../../lib/ais/cluster';
import type { AisOperatorClusterProps } from '../../lib/ais/operator/cluster';
import type { ClusterConfig } from '../../lib/config/schema';
import type { Manifest } from '../../lib/k8s/manifest';

type Obj = Record<string, any>;

/**
 * What the cluster was asked to be, read from the input (a config file or construct props), never
 * from the output under test: the rules hold the output against it.
 */
export interface ContractIntent {
  readonly name: string;
  readonly namespace: string;
  /** the Kubernetes minor version the output is applied to, e.g. '1.28' */
  readonly kubernetesVersion: string;
  readonly clusterDomain: string;
  readonly intraControlPort: number;
  readonly targetNodes: readonly string[];
  readonly initialPrimaryLabelKey: string;
  readonly diskMarker: string | false;
  readonly mountpaths: readonly string[];
  /**
   * HTTPS: whether cert-manager issues the certificate (we then know its names), whether AIS skips verifying
   * its peers (`net.http.skip_verify`) and whether clients and the CLI verify (unset: assumed so)
   */
  readonly tls?: { readonly issued: boolean; readonly skipVerify: boolean; readonly clientsVerify?: boolean };
  readonly targetMaxUnavailable: number | string;
  readonly proxyNodes: readonly string[];
  /** each node's Kubernetes IP (what `status.hostIP` will be at run time), as given */
  readonly nodeIPs: Readonly<Record<string, string>>;
  /** whether the targets were asked to run on the host network */
  readonly hostNetworkTargets: boolean;
  /** the PodHostIPs feature gate is on although the version is 1.28 */
  readonly podHostIPsGate: boolean;
}

/** One synthesized standalone output, with what it was asked to be and (YAML path) its PLAN.md. */
export interface ContractInput {
  readonly intent: ContractIntent;
  readonly manifests: readonly Manifest[];
  /** PLAN.md; the library path writes none, and the rules that read it skip that part */
  readonly plan?: string;
}

/** The intent of a standalone cluster config (YAML path; zod has applied the defaults). */
export function intentFromConfig(config: ClusterConfig): ContractIntent {
  const ais = config.ais!;
  return {
    name: config.name, namespace: config.namespace, kubernetesVersion: config.kubernetesVersion, clusterDomain: ais.clusterDomain,
    intraControlPort: ais.ports.intraControl, targetNodes: ais.targets.nodes, initialPrimaryLabelKey: ais.nodeLabels.initialPrimary.key,
    diskMarker: ais.targets.diskMarker, mountpaths: ais.targets.mountpaths.map((m) => (typeof m === 'string' ? m : m.path)),
    tls: ais.tls && { issued: !!(ais.tls.certManager || ais.tls.csi), skipVerify: ais.tls.skipVerify, clientsVerify: ais.tls.clientsVerify },
    targetMaxUnavailable: ais.targetDisruptionBudget.maxUnavailable,
    proxyNodes: ais.proxies.nodes,
    nodeIPs: Object.fromEntries(Object.entries(ais.network.nodes).flatMap(([node, a]) => {
      const ip = typeof a === 'string' ? a : a.ip;
      return ip ? [[node, ip]] : [];
    })),
    hostNetworkTargets: ais.network.targets === 'hostNetwork',
    podHostIPsGate: config.kubernetesFeatureGates?.PodHostIPs === true,
  };
}

/**
 * The intent of `AisCluster` props (library path), with the defaults the props document (restated
 * here on purpose: the test holds the construct to its documentation).
 */
export function intentFromProps(props: AisClusterProps): ContractIntent {
  return {
    name: props.name, namespace: props.namespace ?? 'ais', kubernetesVersion: props.kubernetesVersion ?? '1.28',
    clusterDomain: props.clusterDomain ?? 'cluster.local', intraControlPort: props.ports?.intraControl ?? 51082,
    targetNodes: props.targetNodes, initialPrimaryLabelKey: props.nodeLabels?.initialPrimary?.key ?? 'nvidia.com/ais-initial-primary-proxy',
    diskMarker: props.diskMarker ?? '.ais-disk', mountpaths: props.mountpaths.map((m) => m.path),
    tls: props.tls && { issued: !!props.tls.certificate, skipVerify: props.tls.skipVerify ?? false, clientsVerify: props.tls.clientsVerify },
    targetMaxUnavailable: props.targetDisruptionBudget?.maxUnavailable ?? 1,
    proxyNodes: props.proxyNodes,
    nodeIPs: Object.fromEntries(Object.entries(props.network?.nodes ?? {}).flatMap(([node, a]) => (a.ip ? [[node, a.ip]] : []))),
    hostNetworkTargets: props.network?.targetNetwork === 'hostNetwork',
    podHostIPsGate: props.kubernetesFeatureGates?.podHostIPs === true,
  };
}

/**
 * Fields a container env may read through the downward API, per Kubernetes minor version
 * (kubernetes v1.28 pkg/apis/core/validation/validation.go validEnvDownwardAPIFieldPathExpressions,
 * validateEnvVarValueFrom; status.hostIPs only with the PodHostIPs feature gate: alpha and off in
 * 1.28, beta and on from 1.29, pkg/features/kube_features.go). Restated from upstream, not read from lib/.
 */
function downwardApiFields(version: string, podHostIPsGate = false): Set<string> {
  const fields = ['metadata.name', 'metadata.namespace', 'metadata.uid', 'spec.nodeName', 'spec.serviceAccountName',
    'status.hostIP', 'status.podIP', 'status.podIPs'];
  return new Set(Number(version.split('.')[1]) >= 29 || podHostIPsGate ? [...fields, 'status.hostIPs'] : fields);
}

export interface ContractRule {
  readonly id: string;
  /** the upstream file and function the rule encodes */
  readonly source: string;
  readonly check: (input: ContractInput) => string[];
}

/** An AIS workload: a StatefulSet whose pod runs aisnode. */
interface AisPod {
  readonly set: Manifest;
  readonly role: 'proxy' | 'target';
  readonly spec: Obj;
  readonly labels: Record<string, string>;
  readonly aisnode: Obj;
  readonly init: Obj;
}

const find = (manifests: readonly Manifest[], kind: string, name: string, namespace?: string) =>
  manifests.find((m) => m.kind === kind && m.metadata.name === name && (namespace === undefined || m.metadata.namespace === namespace));

export function aisPods(manifests: readonly Manifest[]): AisPod[] {
  return manifests.filter((m) => m.kind === 'StatefulSet').flatMap((set): AisPod[] => {
    const spec = set.spec.template.spec;
    const aisnode = spec.containers.find((c: Obj) => c.command?.[0] === 'aisnode');
    if (!aisnode) return [];
    const role = aisnode.args.find((a: string) => a.startsWith('-role='))?.slice('-role='.length);
    return [{ set, role, spec, labels: set.spec.template.metadata?.labels ?? {}, aisnode, init: spec.initContainers?.[0] ?? {} }];
  });
}

const envOf = (container: Obj, name: string) => (container.env ?? []).find((e: Obj) => e.name === name);
const where = (pod: AisPod) => `StatefulSet ${pod.set.metadata.name}`;
const matches = (selector: Record<string, string> | undefined, labels: Record<string, string>) =>
  selector !== undefined && Object.entries(selector).every(([k, v]) => labels[k] === v);
/** `primary_url` etc. come from the cluster config override the init container copies into ais.json. */
function clusterConfigOf(input: ContractInput): Obj {
  const cm = find(input.manifests, 'ConfigMap', `${input.intent.name}-global-cm`, input.intent.namespace);
  return JSON.parse(cm?.data?.['ais.json'] ?? '{}');
}
function workloadsWithPods(manifests: readonly Manifest[]): Array<{ workload: Manifest; spec: Obj }> {
  return manifests.filter((m) => ['StatefulSet', 'DaemonSet', 'Deployment', 'Job'].includes(m.kind))
    .map((workload) => ({ workload, spec: workload.spec.template.spec }));
}

/** Whether the pods of a workload get a token: the pod's field wins over its ServiceAccount's (default true). */
function tokenMounted(pod: AisPod, manifests: readonly Manifest[], namespace: string): boolean {
  if (pod.spec.automountServiceAccountToken !== undefined) return pod.spec.automountServiceAccountToken;
  const sa = find(manifests, 'ServiceAccount', pod.spec.serviceAccountName ?? 'default', namespace);
  return sa?.automountServiceAccountToken ?? true;
}

/** `resource:verb` pairs a ServiceAccount is granted through Roles bound to it in its namespace. */
function grants(manifests: readonly Manifest[], namespace: string, account: string): Set<string> {
  const result = new Set<string>();
  for (const binding of manifests.filter((m) => m.kind === 'RoleBinding' && m.metadata.namespace === namespace)) {
    const bound = (binding.subjects ?? []).some((s: Obj) => s.kind === 'ServiceAccount' && s.name === account && (s.namespace ?? namespace) === namespace);
    if (!bound || binding.roleRef.kind !== 'Role') continue;
    const role = find(manifests, 'Role', binding.roleRef.name, namespace);
    for (const rule of role?.rules ?? []) {
      if (!(rule.apiGroups ?? []).some((g: string) => g === '' || g === '*')) continue;
      for (const resource of rule.resources ?? []) for (const verb of rule.verbs ?? []) result.add(`${resource}:${verb}`);
    }
  }
  return result;
}

/** Sysctls kubelet allows without `--allowed-unsafe-sysctls` (kubernetes pkg/kubelet/sysctl/safe_sysctls.go at v1.28). */
const SAFE_SYSCTLS_1_28 = new Set(['kernel.shm_rmid_forced', 'net.ipv4.ip_local_port_range', 'net.ipv4.tcp_syncookies',
  'net.ipv4.ping_group_range', 'net.ipv4.ip_unprivileged_port_start', 'net.ipv4.ip_local_reserved_ports']);

/** What ais-init reads from its flags: the inputs must be mounted, the outputs where aisnode reads them. */
const flagValue = (args: readonly string[], flag: string) => args.find((a) => a.startsWith(`-${flag}=`))?.slice(flag.length + 2);

/** The local config template of a pod's role (the ConfigMap key ais-init reads with -local_config_template). */
function localTemplateOf(input: ContractInput, pod: AisPod): Obj | undefined {
  const template = flagValue(pod.init.args ?? [], 'local_config_template') ?? '';
  const mount = (pod.init.volumeMounts ?? []).find((m: Obj) => template.startsWith(`${m.mountPath}/`));
  const volume = mount && (pod.spec.volumes ?? []).find((v: Obj) => v.name === mount.name);
  const cm = volume?.configMap && find(input.manifests, 'ConfigMap', volume.configMap.name, input.intent.namespace);
  const text = cm?.data?.[template.slice(mount.mountPath.length + 1)];
  return text ? JSON.parse(text) : undefined;
}

/** The hostname map a pod's ais-init reads (`-hostname_map_file`, a key of a mounted ConfigMap), or why it cannot read one. */
function hostnameMapOf(input: ContractInput, pod: AisPod): { map?: Record<string, string>; problem?: string } {
  const file = flagValue(pod.init.args ?? [], 'hostname_map_file');
  if (file === undefined) return {};
  const mount = (pod.init.volumeMounts ?? []).find((m: Obj) => file.startsWith(`${m.mountPath}/`));
  const volume = mount && (pod.spec.volumes ?? []).find((v: Obj) => v.name === mount.name);
  const cm = volume?.configMap && find(input.manifests, 'ConfigMap', volume.configMap.name, input.intent.namespace);
  const text = cm?.data?.[file.slice(mount.mountPath.length + 1)];
  if (text === undefined) return { problem: `-hostname_map_file=${file} is no key of a mounted ConfigMap (ais-init exits reading it)` };
  return { map: JSON.parse(text) };
}

/**
 * The public hostname ais-init writes for a pod on `node` before the hostname map (aistore v1.4.9 cmd/aisinit/main.go main, restated):
 * AIS_PUBLIC_DNS_MODE (default IP) Pod → the pod DNS name; IP or Node → AIS_PUBLIC_HOSTNAME (its downward-API field at run time:
 * `status.hostIP` is the node IP the intent gives, `spec.nodeName` the node); a target with HOST_NETWORK=true in IP mode → none.
 * '' = none (aisnode takes a local IP, the pod IP); undefined = known only at run time.
 */
function publicHostnameOf(input: ContractInput, pod: AisPod, node: string): string | undefined {
  const mode = envOf(pod.init, 'AIS_PUBLIC_DNS_MODE')?.value ?? 'IP';
  if (mode === 'Pod') return `${pod.set.metadata.name}-0.${pod.set.spec.serviceName}.${input.intent.namespace}.svc.${input.intent.clusterDomain}`;
  if (pod.role === 'target' && envOf(pod.init, 'HOST_NETWORK')?.value === 'true' && mode === 'IP') return '';
  const env = envOf(pod.init, 'AIS_PUBLIC_HOSTNAME');
  if (!env) return '';
  const field = env.valueFrom?.fieldRef?.fieldPath;
  if (field === 'status.hostIP') return input.intent.nodeIPs[node];
  if (field === 'spec.nodeName') return node;
  return env.value ?? '';
}

/**
 * What a pod on `node` advertises: its own LoadBalancer's IP (ENABLE_EXTERNAL_ACCESS, ais-init fetchExternalIP: the Service named
 * like the pod; every ordinal's, since any may run there), else its public hostname replaced by the hostname map's entry, split at ','
 * (ais/utils.go multihome). [] = the pod IP; undefined = known only at run time.
 */
function advertisedHosts(input: ContractInput, pod: AisPod, node: string): string[] | undefined {
  if (pod.role === 'target' && envOf(pod.init, 'ENABLE_EXTERNAL_ACCESS')?.value === 'true') {
    const ips = Array.from({ length: pod.set.spec.replicas ?? 1 }, (_, i) => {
      const service = find(input.manifests, 'Service', `${pod.set.metadata.name}-${i}`, input.intent.namespace);
      return service?.metadata.annotations?.['metallb.io/loadBalancerIPs'] ?? service?.spec?.loadBalancerIP;
    });
    return ips.every((ip): ip is string => ip !== undefined) ? ips : undefined;
  }
  const hostname = publicHostnameOf(input, pod, node);
  if (hostname === undefined) return undefined;
  const mapped = hostnameMapOf(input, pod).map?.[hostname];
  const value = mapped !== undefined && mapped.trim() !== '' ? mapped : hostname;
  return value === '' ? [] : value.split(',').map((h) => h.trim());
}

/** The names of the certificate we have cert-manager issue: the Certificate's, or the CSI driver's volume attributes (any pod's). */
function certificateNames(input: ContractInput): { ips: Set<string>; dns: string[] } | undefined {
  const cert = find(input.manifests, 'Certificate', `${input.intent.name}-tls-cert`, input.intent.namespace);
  if (cert) return { ips: new Set(cert.spec.ipAddresses ?? []), dns: cert.spec.dnsNames ?? [] };
  const csi = aisPods(input.manifests).flatMap((p) => p.spec.volumes ?? []).find((v: Obj) => v.csi?.driver === 'csi.cert-manager.io')?.csi.volumeAttributes;
  if (!csi) return undefined;
  const list = (key: string) => String(csi[key] ?? '').split(',').filter((s) => s && !s.includes('${'));
  return { ips: new Set(list('csi.cert-manager.io/ip-sans')), dns: list('csi.cert-manager.io/dns-names') };
}

const IPV4 = /^\d{1,3}(\.\d{1,3}){3}$/;

/** Go crypto/x509 VerifyHostname, restated: an IP literal matches IP SANs only; a DNS name matches exactly or by a leftmost `*.` of one label. */
function sanCovers(sans: { ips: Set<string>; dns: string[] }, host: string): boolean {
  if (IPV4.test(host)) return sans.ips.has(host);
  const name = host.toLowerCase();
  return sans.dns.some((san) => {
    const pattern = san.toLowerCase();
    if (!pattern.startsWith('*.')) return pattern === name;
    const dot = name.indexOf('.');
    return dot > 0 && name.slice(dot + 1) === pattern.slice(2);
  });
}

export const STARTUP_CONTRACT: readonly ContractRule[] = [
  {
    id: 'service-account-token',
    source: 'aistore v1.4.9 cmn/k8s/k8s.go Init (called from ais/daemon.go): without an in-cluster token (client-go rest.InClusterConfig) '
      + 'aisnode runs as "non-Kubernetes deployment", then ais/htrun.go initPhase1 validates the public hostname (node IP) against '
      + 'the pod\'s own addresses (ais/utils.go _selectHost) and exits',
    check: ({ intent, manifests }) => aisPods(manifests)
      .filter((pod) => !tokenMounted(pod, manifests, intent.namespace))
      .map((pod) => `${where(pod)}: no service account token (automountServiceAccountToken false)`),
  },
  {
    id: 'rbac-exactly-what-ais-calls',
    source: 'aistore v1.4.9 cmn/k8s/k8s.go Init: GET its own Pod (exits on error); cmd/aisinit/main.go fetchExternalIP: GET the Service '
      + 'named like the pod when ENABLE_EXTERNAL_ACCESS; the operator grants a superset for ETL (ais-k8s operator/internal/resources/aistore/cmn/rbac.go)',
    check: ({ intent, manifests }) => aisPods(manifests).flatMap((pod) => {
      const account = pod.spec.serviceAccountName ?? 'default';
      const needed = new Set(['pods:get']);
      if (envOf(pod.init, 'ENABLE_EXTERNAL_ACCESS')?.value === 'true' && pod.role === 'target') needed.add('services:get');
      const granted = grants(manifests, intent.namespace, account);
      const missing = [...needed].filter((p) => !granted.has(p) && !granted.has(`${p.split(':')[0]}:*`) && !granted.has(`*:${p.split(':')[1]}`));
      const extra = [...granted].filter((p) => ![...needed].some((n) => n === p) && !(pod.role === 'proxy' && p === 'services:get'));
      return [
        ...missing.map((p) => `${where(pod)}: ServiceAccount ${account} may not ${p.replace(':', ' ')} (aisnode/ais-init need it)`),
        ...extra.map((p) => `${where(pod)}: ServiceAccount ${account} is granted ${p} that no AIS container calls`),
      ];
    }),
  },
  {
    id: 'identity-env',
    source: 'aistore v1.4.9 api/env/ais.go (MY_POD, MY_NODE, K8S_NS, MY_SERVICE); cmd/aisinit/main.go getRequiredEnv exits without '
      + 'K8S_NS, MY_SERVICE, MY_POD; cmn/k8s/k8s.go Init reads MY_POD (and MY_NODE before the pod is scheduled), cmn/k8s/client.go _namespace K8S_NS',
    check: ({ manifests }) => aisPods(manifests).flatMap((pod) => {
      const want: Array<[Obj, string, string, string]> = [
        [pod.aisnode, 'aisnode', 'MY_POD', 'metadata.name'], [pod.aisnode, 'aisnode', 'MY_NODE', 'spec.nodeName'],
        [pod.aisnode, 'aisnode', 'K8S_NS', 'metadata.namespace'],
        [pod.init, 'ais-init', 'MY_POD', 'metadata.name'], [pod.init, 'ais-init', 'K8S_NS', 'metadata.namespace'],
      ];
      const problems = want.filter(([c, , name, path]) => envOf(c, name)?.valueFrom?.fieldRef?.fieldPath !== path)
        .map(([, who, name, path]) => `${where(pod)}: ${who} lacks ${name} from ${path}`);
      if (envOf(pod.init, 'MY_SERVICE')?.value !== pod.set.spec.serviceName) {
        problems.push(`${where(pod)}: ais-init MY_SERVICE is not the governing service ${pod.set.spec.serviceName}`);
      }
      return problems;
    }),
  },
  {
    id: 'downward-api-fields-of-the-target-version',
    source: 'kubernetes v1.28 pkg/apis/core/validation/validation.go validateEnvVarValueFrom / validEnvDownwardAPIFieldPathExpressions; '
      + 'status.hostIPs only with feature gate PodHostIPs (pkg/features/kube_features.go: alpha, off, in 1.28; beta, on, from 1.29)',
    check: ({ intent, manifests }) => {
      const allowed = downwardApiFields(intent.kubernetesVersion, intent.podHostIPsGate);
      return workloadsWithPods(manifests).flatMap(({ workload, spec }) =>
        [...(spec.initContainers ?? []), ...(spec.containers ?? [])].flatMap((c: Obj) => (c.env ?? []).flatMap((e: Obj) => {
          const path = e.valueFrom?.fieldRef?.fieldPath;
          if (path === undefined || allowed.has(path) || /^metadata\.(labels|annotations)\['[^']+'\]$/.test(path)) return [];
          return [`${workload.kind} ${workload.metadata.name}, container ${c.name}: env ${e.name} from ${path}, which a ${intent.kubernetesVersion} API server rejects`];
        })));
    },
  },
  {
    id: 'unsafe-sysctls-allowed-in-plan',
    source: 'kubernetes v1.28 pkg/kubelet/sysctl/safe_sysctls.go (safe set) and pkg/kubelet/sysctl/allowlist.go: any other pod sysctl '
      + 'is rejected by kubelet admission with reason SysctlForbidden unless the kubelet runs with --allowed-unsafe-sysctls',
    check: ({ manifests, plan }) => {
      if (plan === undefined) return [];
      const allowList = /--allowed-unsafe-sysctls=([^`\s]+)/.exec(plan)?.[1].split(',') ?? [];
      return workloadsWithPods(manifests).flatMap(({ workload, spec }) => (spec.securityContext?.sysctls ?? [])
        .filter((s: Obj) => !SAFE_SYSCTLS_1_28.has(s.name) && !allowList.includes(s.name))
        .map((s: Obj) => `${workload.kind} ${workload.metadata.name}: unsafe sysctl ${s.name} not in the PLAN.md kubelet allow-list`));
    },
  },
  {
    id: 'primary-url-names-a-pod-of-a-headless-service',
    source: 'aistore v1.4.9 ais/earlystart.go determineRole (initial deployment: the proxy whose URL equals config proxy.primary_url '
      + 'bootstraps), cmd/aisinit/main.go (intra hostname <pod>.<MY_SERVICE>.<K8S_NS>.svc.<AIS_K8S_CLUSTER_DOMAIN>); pod DNS records come '
      + 'from a headless Service that governs the StatefulSet and publishes not-ready pods (ais-k8s operator proxy/services.go)',
    check: (input) => {
      const { intent, manifests } = input;
      const url = clusterConfigOf(input).proxy?.primary_url;
      if (typeof url !== 'string') return ['the cluster config has no proxy.primary_url'];
      const parsed = new URL(url);
      const problems: string[] = [];
      const useHttps = clusterConfigOf(input).net?.http?.use_https === true;
      if (parsed.protocol !== (useHttps ? 'https:' : 'http:')) problems.push(`primary_url ${url}: scheme does not match net.http.use_https`);
      if (Number(parsed.port) !== intent.intraControlPort) problems.push(`primary_url ${url}: port is not the intra-control port ${intent.intraControlPort}`);
      const [podName, service, namespace, svc, ...domain] = parsed.hostname.split('.');
      if (namespace !== intent.namespace || svc !== 'svc' || domain.join('.') !== intent.clusterDomain) {
        problems.push(`primary_url ${url}: not <pod>.<service>.${intent.namespace}.svc.${intent.clusterDomain}`);
      }
      const pod = aisPods(manifests).find((p) => p.role === 'proxy' && podName.startsWith(`${p.set.metadata.name}-`)
        && Number(podName.slice(p.set.metadata.name.length + 1)) < p.set.spec.replicas);
      if (!pod) return [...problems, `primary_url ${url}: no proxy StatefulSet has a pod ${podName}`];
      if (pod.set.spec.serviceName !== service) problems.push(`primary_url ${url}: ${where(pod)} is governed by ${pod.set.spec.serviceName}, not ${service}`);
      const headless = find(manifests, 'Service', service, intent.namespace);
      if (!headless || headless.spec.clusterIP !== 'None') problems.push(`primary_url ${url}: Service ${service} is missing or not headless`);
      else {
        if (!matches(headless.spec.selector, pod.labels)) problems.push(`primary_url ${url}: Service ${service} does not select ${podName}`);
        if (headless.spec.publishNotReadyAddresses !== true) problems.push(`Service ${service}: not-ready pods unresolvable, the cluster cannot bootstrap`);
      }
      return problems;
    },
  },
  {
    id: 'ports-args-probes-as-aisnode-reads-them',
    source: 'aistore v1.4.9 ais/daemon.go initDaemon flags (-role, -config, -local_config, -ntargets); cmd/aisinit/main.go flags; '
      + 'cmn/config.go LocalConfig host_net.port (the listening public port); api/apc/urlpaths.go URLPathHealth /v1/health',
    check: (input) => aisPods(input.manifests).flatMap((pod) => {
      const problems: string[] = [];
      const mounts = (c: Obj) => (c.volumeMounts ?? []) as Obj[];
      const volume = (name: string) => (pod.spec.volumes ?? []).find((v: Obj) => v.name === name);
      const initArgs: string[] = pod.init.args ?? [];
      const args: string[] = pod.aisnode.args ?? [];
      if (flagValue(args, 'role') !== flagValue(initArgs, 'role')) problems.push(`${where(pod)}: aisnode and ais-init roles differ`);
      if (flagValue(args, 'config') !== flagValue(initArgs, 'output_cluster_config')) problems.push(`${where(pod)}: aisnode -config is not what ais-init writes`);
      if (flagValue(args, 'local_config') !== flagValue(initArgs, 'output_local_config')) problems.push(`${where(pod)}: aisnode -local_config is not what ais-init writes`);
      // the local config template ais-init reads: a key of a mounted ConfigMap
      const template = flagValue(initArgs, 'local_config_template') ?? '';
      const mount = mounts(pod.init).find((m) => template.startsWith(`${m.mountPath}/`));
      const cm = mount && volume(mount.name)?.configMap && find(input.manifests, 'ConfigMap', volume(mount.name).configMap.name, input.intent.namespace);
      const key = template.slice((mount?.mountPath.length ?? 0) + 1);
      if (!cm?.data?.[key]) return [...problems, `${where(pod)}: ais-init template ${template} is no key of a mounted ConfigMap`];
      const port = Number(JSON.parse(cm.data[key]).host_net?.port);
      const containerPort = pod.aisnode.ports?.[0]?.containerPort;
      if (containerPort !== port) problems.push(`${where(pod)}: containerPort ${containerPort} is not host_net.port ${port}`);
      for (const [kind, probe] of Object.entries<Obj>({ liveness: pod.aisnode.livenessProbe, readiness: pod.aisnode.readinessProbe, startup: pod.aisnode.startupProbe })) {
        const probePort = probe?.httpGet?.port ?? probe?.tcpSocket?.port;
        if (probePort !== port) problems.push(`${where(pod)}: ${kind} probe port ${probePort} is not ${port}`);
        if (probe?.httpGet && !String(probe.httpGet.path).startsWith('/v1/health')) problems.push(`${where(pod)}: ${kind} probe path ${probe.httpGet.path}`);
        const https = clusterConfigOf(input).net?.http?.use_https === true;
        if (probe?.httpGet && probe.httpGet.scheme !== (https ? 'HTTPS' : 'HTTP')) problems.push(`${where(pod)}: ${kind} probe scheme ${probe.httpGet.scheme} with use_https ${https}`);
      }
      if (pod.role === 'proxy' && flagValue(args, 'ntargets') !== String(input.intent.targetNodes.length)) {
        problems.push(`${where(pod)}: -ntargets is not the number of targets`);
      }
      return problems;
    }),
  },
  {
    id: 'pod-security-admission',
    source: 'kubernetes v1.28 staging/src/k8s.io/pod-security-admission/policy: check_hostPathVolumes.go, check_hostPorts.go, '
      + 'check_sysctls.go and check_privileged.go fail the baseline level; only a namespace labelled pod-security.kubernetes.io/enforce=privileged admits such pods',
    check: ({ intent, manifests }) => {
      const ns = find(manifests, 'Namespace', intent.namespace);
      const needy = aisPods(manifests).filter((pod) => (pod.spec.volumes ?? []).some((v: Obj) => v.hostPath)
        || [...pod.spec.containers, ...(pod.spec.initContainers ?? [])].some((c: Obj) => c.securityContext?.privileged || (c.ports ?? []).some((p: Obj) => p.hostPort))
        || (pod.spec.securityContext?.sysctls ?? []).some((s: Obj) => !SAFE_SYSCTLS_1_28.has(s.name)));
      if (needy.length === 0) return [];
      if (!ns) return [`namespace ${intent.namespace} is not emitted: nothing says it admits privileged pods`];
      return ns.metadata.labels?.['pod-security.kubernetes.io/enforce'] === 'privileged' ? []
        : needy.map((pod) => `${where(pod)} needs the privileged Pod Security level; Namespace ${intent.namespace} does not enforce it`);
    },
  },
  {
    id: 'metallb-reads-its-annotations',
    source: 'MetalLB < 0.14.9 reads only metallb.universe.tf/{address-pool,loadBalancerIPs}; 0.14.9 added the metallb.io/ prefix '
      + '(release notes 0.14.9); with autoAssign false a Service without a pool annotation MetalLB reads gets no IP',
    check: ({ manifests, plan }) => {
      const problems = manifests.filter((m) => m.kind === 'Service' && m.spec?.type === 'LoadBalancer').flatMap((svc) =>
        Object.entries<string>(svc.metadata.annotations ?? {}).filter(([k]) => k.startsWith('metallb.io/'))
          .filter(([k, v]) => svc.metadata.annotations![k.replace('metallb.io/', 'metallb.universe.tf/')] !== v)
          .map(([k]) => `Service ${svc.metadata.name}: ${k} without its metallb.universe.tf twin`));
      const usesMetallb = manifests.some((m) => m.apiVersion === 'metallb.io/v1beta1')
        || manifests.some((m) => Object.keys(m.metadata.annotations ?? {}).some((k) => k.startsWith('metallb.')));
      if (usesMetallb && plan !== undefined && !/ipaddresspools\.metallb\.io: MetalLB \d+\.\d+ to \d+\.\d+/.test(plan)) problems.push('PLAN.md does not list MetalLB with its version range before the first sync');
      return problems;
    },
  },
  {
    id: 'nothing-pinned-to-the-initial-primary-label',
    source: 'kubernetes scheduler NodeAffinity plugin: a required nodeSelector/nodeAffinity term on a label that is removed leaves a '
      + 'recreated pod Pending; the AIS worksheet lets the initial-primary label go after bootstrap (ais-k8s operator: one proxy StatefulSet, no such label)',
    check: ({ intent, manifests }) => {
      const key = intent.initialPrimaryLabelKey;
      return aisPods(manifests).filter((pod) => pod.spec.nodeSelector?.[key] !== undefined
        || (pod.spec.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms ?? [])
          .some((t: Obj) => (t.matchExpressions ?? []).some((e: Obj) => e.key === key)))
        .map((pod) => `${where(pod)}: required placement on ${key}`);
    },
  },
  {
    id: 'no-writes-to-an-unmounted-disk',
    source: 'kubernetes v1.28 pkg/volume/hostpath/host_path.go checkType: type Directory only requires an existing directory, which an '
      + 'empty mount point is; a hostPath on a directory that exists only on the mounted filesystem fails the check and the pod does not start',
    check: ({ intent, manifests }) => {
      const marker = intent.diskMarker;
      if (marker === false) return [];
      const mountpaths = intent.mountpaths;
      return aisPods(manifests).filter((pod) => pod.role === 'target').flatMap((pod) => mountpaths.flatMap((path) => {
        const check = (pod.spec.volumes ?? []).find((v: Obj) => v.hostPath?.path === `${path}/${marker}` && v.hostPath.type === 'Directory');
        const used = check && [...pod.spec.containers, ...(pod.spec.initContainers ?? [])].some((c: Obj) => (c.volumeMounts ?? []).some((m: Obj) => m.name === check.name));
        return used ? [] : [`${where(pod)}: nothing checks that ${path} is mounted (no mounted Directory hostPath ${path}/${marker})`];
      }));
    },
  },
  {
    id: 'config-change-rolls-pods',
    source: 'aistore v1.4.9 cmn/config.go LoadConfig: the local config is read at every start (the cluster config only at the first), '
      + 'and cmd/aisinit/main.go applies the hostname map at every start; '
      + 'ais-k8s operator cmn/config.go HashRestartConfigs + restart-hash annotation: a pod-template change is what restarts pods',
    check: ({ intent, manifests }) => aisPods(manifests).flatMap((pod) => {
      const template = find(manifests, 'ConfigMap', `${intent.name}-${pod.role}`, intent.namespace)?.data?.['ais_local.json'] ?? '';
      // the hostname map is read at every start too (-hostname_map_file)
      const map = flagValue(pod.init.args ?? [], 'hostname_map_file') !== undefined
        ? find(manifests, 'ConfigMap', `${intent.name}-global-cm`, intent.namespace)?.data?.['hostname_map.json'] ?? '' : '';
      const expected = createHash('sha256').update(template).update(map).digest('hex').slice(0, 16);
      const actual = pod.set.spec.template.metadata?.annotations?.['cdk8s-storage.io/restart-hash'];
      return actual === expected ? [] : [`${where(pod)}: restart-hash ${actual} does not follow its local config template (${expected})`];
    }),
  },
  {
    id: 'proxies-advertise-a-node-address',
    source: 'aistore v1.4.9 ais/htrun.go initPhase1 (without a hostname the public address is the pod IP), cmd/aisinit/main.go main '
      + '(AIS_PUBLIC_HOSTNAME, AIS_PUBLIC_DNS_MODE, -hostname_map_file), cmd/cli/cli/smap.go getClusterMap (the CLI re-targets at the '
      + 'primary\'s public URL), ais/prxrev.go forwardCP; the AIS Helm chart and operator: proxySpec.hostPort + AIS_PUBLIC_HOSTNAME ← status.hostIP '
      + '(ais-k8s v3.4.0 proxy/statefulset.go NewInitContainerEnv)',
    check: (input) => aisPods(input.manifests).filter((pod) => pod.role === 'proxy').flatMap((pod) => {
      const problems: string[] = [];
      const port = Number(localTemplateOf(input, pod)?.host_net?.port);
      const http = (pod.aisnode.ports ?? []).find((p: Obj) => p.containerPort === port);
      if (!pod.spec.hostNetwork && http?.hostPort !== port) problems.push(`${where(pod)}: no hostPort ${port} (clients outside the pod network cannot reach the proxy's public address)`);
      for (const node of input.intent.proxyNodes) {
        const hosts = advertisedHosts(input, pod, node);
        if (hosts !== undefined && hosts.length === 0) problems.push(`${where(pod)} on ${node}: advertises its pod IP (no AIS_PUBLIC_HOSTNAME, no hostname map entry)`);
      }
      return problems;
    }),
  },
  {
    id: 'every-verified-dial-is-named',
    source: 'Go crypto/x509 Certificate.VerifyHostname (an IP matches IP SANs only; "*." matches exactly one leftmost label); who dials '
      + 'with verification (aistore v1.4.9 cmn/client.go NewTLS: InsecureSkipVerify = net.http.skip_verify): non-primary proxies to the '
      + 'primary\'s public URL (ais/prxrev.go forwardCP), a primary restarted without state (ais/earlystart.go tryConfirmPrimaryViaConfig: '
      + 'discovery_url, then the primary\'s PubURL), joins and keepalive retries (ais/htrun.go join, slowKalive, reqHealth: primary_url and '
      + 'every public URL), peers on the intra networks (pod DNS names); the CLI (cmd/cli/cli/init.go, verifies unless AIS_SKIP_VERIFY_CRT): '
      + 'the gateway, then the primary\'s public URL (cmd/cli/cli/smap.go getClusterMap); clients redirected to each target',
    check: (input) => {
      const { intent, manifests } = input;
      const cluster = clusterConfigOf(input);
      const http = cluster.net?.http ?? {};
      const sans = certificateNames(input);
      if (!intent.tls?.issued || http.use_https !== true || !sans) return [];
      const aisVerifies = http.skip_verify !== true;
      const clientsVerify = intent.tls.clientsVerify !== false;
      const dials: Array<[string, string | undefined]> = [];
      const pods = aisPods(manifests);
      const hostsOf = (role: 'proxy' | 'target') => pods.filter((p) => p.role === role).flatMap((pod) =>
        (role === 'proxy' ? intent.proxyNodes : intent.targetNodes).flatMap((node) => {
          const hosts = advertisedHosts(input, pod, node);
          // the pod IP: nobody can name it in a certificate issued before the pod exists
          return hosts === undefined ? [`(unknown address of ${node})`] : hosts.length === 0 ? [`(pod IP on ${node})`] : hosts;
        }));
      const proxyHosts = [...new Set(hostsOf('proxy'))];
      const targetHosts = [...new Set(hostsOf('target'))];
      if (aisVerifies) {
        for (const host of proxyHosts) dials.push(['non-primary proxies (forwardCP) and a primary restarted without state', host]);
        for (const host of targetHosts) dials.push(['peers\' health and keepalive retries', host]);
        for (const url of [cluster.proxy?.primary_url, cluster.proxy?.discovery_url]) if (url) dials.push(['joins and restarts (primary_url, discovery_url)', new URL(url).hostname]);
        for (const pod of pods) {
          for (let i = 0; i < (pod.set.spec.replicas ?? 1); i++) {
            dials.push(['peers on the intra-cluster networks', `${pod.set.metadata.name}-${i}.${pod.set.spec.serviceName}.${intent.namespace}.svc.${intent.clusterDomain}`]);
          }
        }
      }
      if (clientsVerify) {
        const gateway = manifests.find((m) => m.kind === 'Service' && m.spec?.type === 'LoadBalancer' && m.metadata.name === `${intent.name}-proxy-lb`);
        const gatewayIP = gateway?.metadata.annotations?.['metallb.io/loadBalancerIPs'] ?? gateway?.spec?.loadBalancerIP;
        if (gatewayIP) dials.push(['the ais CLI and clients (the gateway)', gatewayIP]);
        for (const host of proxyHosts) dials.push(['the ais CLI after its first call', host]);
        for (const host of targetHosts) dials.push(['clients redirected to targets', host]);
      }
      const seen = new Set<string>();
      return dials.filter(([who, host]) => {
        const key = `${who}\0${host}`;
        if (seen.has(key) || (host !== undefined && sanCovers(sans, host))) return false;
        seen.add(key);
        return true;
      }).map(([who, host]) => `${who} → ${host}: not in the certificate`);
    },
  },
  {
    id: 'proxy-state-per-node',
    source: 'aistore v1.4.9 ais/proxy.go initPID: on Kubernetes the proxy ID is cos.HashK8sProxyID(node name), one per node whatever the pod; '
      + 'ais-k8s v3.4.0 cmn/volumes.go getHostMountSubPath: a $(MY_POD) sub-path for targets only',
    check: ({ manifests }) => {
      const proxies = aisPods(manifests).filter((pod) => pod.role === 'proxy');
      const problems: string[] = [];
      const paths = new Set<string>();
      for (const pod of proxies) {
        const mount = (pod.aisnode.volumeMounts ?? []).find((m: Obj) => m.mountPath === '/etc/ais');
        const volume = (pod.spec.volumes ?? []).find((v: Obj) => v.name === mount?.name);
        if (mount?.subPath !== undefined || mount?.subPathExpr !== undefined) problems.push(`${where(pod)}: proxy state in a per-pod sub-path ${mount.subPath ?? mount.subPathExpr}`);
        if (volume?.hostPath) paths.add(volume.hostPath.path);
      }
      if (paths.size > 1) problems.push(`the proxy StatefulSets keep state in different host directories (${[...paths].join(', ')})`);
      return problems;
    },
  },
  {
    id: 'host-network-pods',
    source: 'kubernetes v1.28 pkg/kubelet/sysctl/allowlist.go validateSysctl (a net.* sysctl is refused with host networking, SysctlForbidden); '
      + 'pkg/apis/core/v1/defaults.go and the scheduler\'s NodePorts plugin (host-network ports conflict as hostPorts: each must be declared); '
      + 'DNS of host-network pods only with dnsPolicy ClusterFirstWithHostNet; aistore v1.4.9 cmd/aisinit/main.go (HOST_NETWORK + IP mode clears the '
      + 'public hostname: aisnode then takes any local IP)',
    check: (input) => aisPods(input.manifests).filter((pod) => pod.spec.hostNetwork).flatMap((pod) => {
      const problems: string[] = [];
      if (pod.spec.dnsPolicy !== 'ClusterFirstWithHostNet') problems.push(`${where(pod)}: host network without dnsPolicy ClusterFirstWithHostNet (the pod DNS names in the AIS config do not resolve)`);
      for (const sysctl of pod.spec.securityContext?.sysctls ?? []) {
        if (String(sysctl.name).startsWith('net.')) problems.push(`${where(pod)}: sysctl ${sysctl.name} with host network (kubelet: SysctlForbidden)`);
      }
      const template = localTemplateOf(input, pod)?.host_net ?? {};
      for (const port of [template.port, template.port_intra_control, template.port_intra_data].map(Number)) {
        const declared = (pod.aisnode.ports ?? []).find((p: Obj) => p.containerPort === port);
        if (declared?.hostPort !== port) problems.push(`${where(pod)}: port ${port} not declared with hostPort ${port} (two pods on one node would both bind it)`);
      }
      if (envOf(pod.init, 'HOST_NETWORK')?.value === 'true' && (envOf(pod.init, 'AIS_PUBLIC_DNS_MODE')?.value ?? 'IP') === 'IP') {
        problems.push(`${where(pod)}: HOST_NETWORK=true in IP mode: ais-init clears the public hostname and aisnode picks any local IP`);
      }
      return problems;
    }),
  },
  {
    id: 'public-multihome-as-aisnode-parses',
    source: 'aistore v1.4.9 cmd/aisinit/main.go getMappedHostname (the map\'s entry for the public hostname replaces it; the key is what '
      + 'AIS_PUBLIC_HOSTNAME gives, the node name with AIS_PUBLIC_DNS_MODE=Node), ais/utils.go multihome (exits on an empty or duplicated entry), '
      + 'core/meta/smap.go isDupNet (two nodes with one address)',
    check: (input) => {
      const problems: string[] = [];
      const owner = new Map<string, string>();
      for (const pod of aisPods(input.manifests)) {
        const { map, problem } = hostnameMapOf(input, pod);
        if (problem) {
          problems.push(`${where(pod)}: ${problem}`);
          continue;
        }
        if (!map) continue;
        const nodes = pod.role === 'proxy' ? input.intent.proxyNodes : input.intent.targetNodes;
        for (const node of nodes) {
          const key = publicHostnameOf(input, pod, node);
          const value = key === undefined ? undefined : map[key];
          if (value === undefined) {
            problems.push(`${where(pod)} on ${node}: the hostname map has no entry for ${key ?? 'its (unknown) public hostname'}`);
            continue;
          }
          const entries = value.split(',');
          if (entries.some((e) => e.trim() === '' || /\s/.test(e))) problems.push(`${where(pod)} on ${node}: hostname map entry "${value}" has an empty or spaced address`);
          if (new Set(entries).size !== entries.length) problems.push(`${where(pod)} on ${node}: hostname map entry "${value}" lists an address twice`);
          for (const entry of entries) {
            const who = `${pod.role} ${node}`;
            if (owner.has(`${pod.role}:${entry}`) && owner.get(`${pod.role}:${entry}`) !== who) problems.push(`${where(pod)} on ${node}: ${entry} is also advertised by ${owner.get(`${pod.role}:${entry}`)}`);
            owner.set(`${pod.role}:${entry}`, who);
          }
        }
      }
      return [...new Set(problems)];
    },
  },
  {
    id: 'listeners-separated',
    source: 'aistore v1.4.9 ais/htrun.go mustDiffer (public and intra listeners on one IP and port are refused); v1.5.0 cmn/config.go '
      + 'LocalNetConfig.Validate / validatePubIntra (public and intra endpoints must differ)',
    check: (input) => aisPods(input.manifests).flatMap((pod) => {
      const net = localTemplateOf(input, pod)?.host_net ?? {};
      const ports = [net.port, net.port_intra_control, net.port_intra_data].map(String);
      return new Set(ports).size === 3 ? [] : [`${where(pod)}: public and intra-cluster ports overlap (${ports.join(', ')})`];
    }),
  },
  {
    id: 'network-policy-admits-every-intra-peer',
    source: 'kubernetes v1.28 NetworkPolicy semantics (pkg/apis/networking/types.go): a podSelector peer matches pods by label; traffic of a '
      + 'host-network pod carries its node\'s IP and matches only an ipBlock; a policy selecting pods refuses every ingress no rule admits',
    check: ({ intent, manifests }) => {
      const policy = manifests.find((m) => m.kind === 'NetworkPolicy' && m.metadata.name === `${intent.name}-ais-ingress`);
      if (!policy) return [];
      const hostTargets = aisPods(manifests).some((pod) => pod.role === 'target' && pod.spec.hostNetwork);
      if (!hostTargets) return [];
      const intraRule = (policy.spec.ingress ?? []).find((rule: Obj) => (rule.from ?? []).some((peer: Obj) => peer.podSelector));
      const blocks = new Set((intraRule?.from ?? []).flatMap((peer: Obj) => (peer.ipBlock ? [peer.ipBlock.cidr] : [])));
      return intent.targetNodes.filter((node) => !intent.nodeIPs[node] || !blocks.has(`${intent.nodeIPs[node]}/32`))
        .map((node) => `NetworkPolicy ${policy.metadata.name}: the host-network target on ${node} (${intent.nodeIPs[node] ?? 'IP unknown'}) cannot reach the intra-cluster ports`);
    },
  },
  {
    id: 'multus-attachments-exist',
    source: 'multus-cni v4.3.0 pkg/k8sclient/k8sclient.go GetNetworkDelegates (each name in k8s.v1.cni.cncf.io/networks must be a '
      + 'NetworkAttachmentDefinition in the pod\'s namespace, else the pod sandbox fails); kubelet runs no CNI for host-network pods',
    check: ({ intent, manifests, plan }) => aisPods(manifests).flatMap((pod) => {
      const names = String(pod.set.spec.template.metadata?.annotations?.['k8s.v1.cni.cncf.io/networks'] ?? '').split(',').filter((n) => n);
      if (names.length && pod.spec.hostNetwork) return [`${where(pod)}: Multus attachments on a host-network pod (no CNI runs for it)`];
      return names.filter((name) => !find(manifests, 'NetworkAttachmentDefinition', name, intent.namespace)
        && (plan === undefined ? false : !plan.includes(`NetworkAttachmentDefinition ${intent.namespace}/${name}`)))
        .map((name) => `${where(pod)}: attachment ${name} is neither emitted nor a PLAN.md prerequisite`);
    }),
  },
  {
    id: 'drains-can-proceed',
    source: 'kubernetes v1.28 pkg/registry/core/pod/storage/eviction.go: an eviction that would exceed the PodDisruptionBudget is refused '
      + '(429), so maxUnavailable 0 makes kubectl drain of every target node retry forever; the operator emits no budget by default',
    check: ({ intent, manifests }) => manifests
      .filter((m) => m.kind === 'PodDisruptionBudget' && (m.spec.maxUnavailable === 0 || m.spec.maxUnavailable === '0%'))
      .filter(() => intent.targetMaxUnavailable !== 0)
      .map((m) => `PodDisruptionBudget ${m.metadata.name}: maxUnavailable 0 blocks every drain`),
  },
];

/** Quantity → bytes (binary and decimal suffixes; enough for PV sizes), independent of lib/k8s/quantity.ts. */
function bytesOf(quantity: string | number | undefined): number | undefined {
  if (quantity === undefined) return undefined;
  const match = /^(\d+(?:\.\d+)?)(Ki|Mi|Gi|Ti|Pi|Ei|k|M|G|T|P|E)?$/.exec(String(quantity));
  if (!match) return undefined;
  const power: Record<string, number> = { Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40, Pi: 2 ** 50, Ei: 2 ** 60,
    k: 1e3, M: 1e6, G: 1e9, T: 1e12, P: 1e15, E: 1e18 };
  return Number(match[1]) * (match[2] ? power[match[2]] : 1);
}

/** Node names a PersistentVolume's required node affinity allows (`kubernetes.io/hostname In [...]` terms). */
function pvNodes(pv: Manifest): string[] {
  return (pv.spec.nodeAffinity?.required?.nodeSelectorTerms ?? []).flatMap((t: Obj) => (t.matchExpressions ?? [])
    .filter((e: Obj) => e.key === 'kubernetes.io/hostname' && e.operator === 'In').flatMap((e: Obj) => e.values));
}

/** What an operator-run cluster was asked to be (read from the config or the props, never from lib/). */
export interface OperatorContractIntent {
  readonly kubernetesVersion: string;
  readonly podHostIPsGate: boolean;
  /** each node's Kubernetes IP, as given */
  readonly nodeIPs: Readonly<Record<string, string>>;
  readonly proxyNodes: readonly string[];
  readonly targetNodes: readonly string[];
  /** HTTPS: whether anybody verifies (AIS: not skipVerify; clients: clientsVerify not false) */
  readonly tls?: { readonly skipVerify: boolean; readonly clientsVerify?: boolean };
  /** the declared operator version */
  readonly operatorVersion?: string;
  /** `ais.operator.proxyHostPort: false` (an existing AIStore) */
  readonly proxyHostPortOff: boolean;
}

/** One synthesized operator-mode output: the rules read the AIStore and what we emit beside it. */
export interface OperatorContractInput {
  readonly manifests: readonly Manifest[];
  readonly intent: OperatorContractIntent;
}

/** The intent of an operator-mode config. */
export function operatorIntentFromConfig(config: ClusterConfig): OperatorContractIntent {
  const ais = config.ais!;
  return {
    kubernetesVersion: config.kubernetesVersion, podHostIPsGate: config.kubernetesFeatureGates?.PodHostIPs === true,
    nodeIPs: Object.fromEntries(Object.entries(ais.network.nodes).flatMap(([node, a]) => {
      const ip = typeof a === 'string' ? a : a.ip;
      return ip ? [[node, ip]] : [];
    })),
    proxyNodes: ais.proxies.nodes, targetNodes: ais.targets.nodes,
    tls: ais.tls && { skipVerify: ais.tls.skipVerify, clientsVerify: ais.tls.clientsVerify },
    operatorVersion: config.operator?.version, proxyHostPortOff: ais.operator?.proxyHostPort === false,
  };
}

/** The intent of `AisOperatorCluster` props, with the documented defaults restated. */
export function operatorIntentFromProps(props: AisOperatorClusterProps): OperatorContractIntent {
  return {
    kubernetesVersion: props.kubernetesVersion ?? '1.28', podHostIPsGate: props.kubernetesFeatureGates?.podHostIPs === true,
    nodeIPs: Object.fromEntries(Object.entries(props.network?.nodes ?? {}).flatMap(([node, a]) => (a.ip ? [[node, a.ip]] : []))),
    proxyNodes: props.proxyNodes, targetNodes: props.targetNodes,
    tls: props.tls && { skipVerify: props.tls.skipVerify ?? false, clientsVerify: props.tls.clientsVerify },
    operatorVersion: props.operatorSettings?.operatorVersion, proxyHostPortOff: props.proxyHostPort === false,
  };
}

/**
 * The first ais-k8s tag whose AIStore CRD (operator/config/base/crd/ais.nvidia.com_aistores.yaml) has each spec path newer than
 * v2.8.0 that an AIStore may carry: read tag by tag, restated here (not read from lib/). The longest matching prefix applies.
 */
const CRD_FIELD_SINCE: ReadonlyArray<readonly [string, string]> = [
  ['auth.tls', 'v2.9.0'], ['publicNetDNSMode', 'v2.10.0'], ['adminClient', 'v2.11.0'], ['targetSpec.pdb', 'v2.12.0'], ['tls', 'v2.14.0'],
  ['stateStorage', 'v3.0.0'], ['proxySpec.aisContainerSecurityContext', 'v3.0.0'], ['targetSpec.aisContainerSecurityContext', 'v3.0.0'],
  ['proxySpec.externalAccess', 'v3.1.0'], ['targetSpec.externalAccess', 'v3.1.0'], ['stateStorage.emptyDir', 'v3.2.0'],
  ['operatorSkipVerifyCrt', 'v3.2.0'], ['targetSpec.scaleDownMode', 'v3.2.0'], ['auth.profileRef', 'v3.3.0'],
];

const versionKey = (v: string) => v.replace(/^v/, '').split('.').map(Number).reduce((n, part) => n * 1000 + part, 0);

/** Every leaf path of a JSON value, dotted (array items take their parent's path). */
function leafPaths(value: unknown, prefix = ''): string[] {
  if (Array.isArray(value)) return value.flatMap((item) => leafPaths(item, prefix));
  if (value && typeof value === 'object' && Object.keys(value).length > 0) {
    return Object.entries(value as Obj).flatMap(([key, child]) => leafPaths(child, prefix ? `${prefix}.${key}` : key));
  }
  return [prefix];
}

/**
 * The contract of an operator-run cluster: what the AIS operator (NVIDIA/ais-k8s, release v3.4.0)
 * builds from the AIStore we emit, and what Kubernetes v1.28 then needs of the objects we emit beside it
 * (Nodes, PersistentVolumes, the Namespace) for its pods to be admitted, scheduled and bound.
 */
export const OPERATOR_CONTRACT: ReadonlyArray<{ id: string; source: string; check: (input: OperatorContractInput) => string[] }> = [
  {
    id: 'operator-proxies-on-hostPort',
    source: 'ais-k8s v3.4.0 operator/internal/resources/aistore/proxy/statefulset.go NewInitContainerEnv: AIS_PUBLIC_HOSTNAME (status.hostIP, '
      + 'or spec.nodeName in Node mode) only with proxySpec.hostPort; without it the proxy advertises its pod IP, which the ais CLI outside the '
      + 'pod network cannot reach (aistore cmd/cli/cli/smap.go getClusterMap) and no certificate names (ais/prxrev.go forwardCP)',
    check: ({ manifests, intent }) => manifests.filter((m) => m.kind === 'AIStore').flatMap((cr) => {
      if (intent.proxyHostPortOff) return [];
      const proxy = cr.spec.proxySpec ?? {};
      return proxy.hostPort !== undefined && proxy.hostPort === proxy.portPublic ? []
        : [`AIStore ${cr.metadata.name}: proxySpec.hostPort ${proxy.hostPort ?? 'unset'} is not the public port ${proxy.portPublic}`];
    }),
  },
  {
    id: 'operator-csi-sans',
    source: 'ais-k8s v3.4.0 operator/internal/resources/aistore/cmn/volumes.go getTLSCSIVolumeSource (buildCertificateSANs(ais, nil): no node '
      + 'hosts), cmn/certificate.go buildCertificateSANs (hostnameMap values are SANs); in IP mode proxies and targets advertise the node IP',
    check: ({ manifests, intent }) => manifests.filter((m) => m.kind === 'AIStore' && m.spec.tls?.certificate?.mode === 'csi').flatMap((cr) => {
      const tls = intent.tls;
      if (!tls || (tls.skipVerify && tls.clientsVerify === false)) return [];
      const mode = cr.spec.publicNetDNSMode ?? 'IP';
      if (mode === 'Pod') return [];
      const values = new Set(Object.values<string>(cr.spec.hostnameMap ?? {}).flatMap((v) => v.split(',')));
      const nodes = [...new Set([...intent.proxyNodes, ...intent.targetNodes])];
      const hosts = nodes.map((node) => (mode === 'Node' ? node : intent.nodeIPs[node]));
      const mapped = Object.keys(cr.spec.hostnameMap ?? {});
      return nodes.filter((_node, i) => {
        const key = hosts[i];
        if (key === undefined) return true;
        // the public address is the map's entry for the key when there is one, else the key itself
        return mapped.includes(key) ? false : !values.has(key);
      }).map((node) => `AIStore ${cr.metadata.name}: the CSI certificates do not name the public address of ${node} (${hosts[nodes.indexOf(node)] ?? 'IP unknown'})`);
    }),
  },
  {
    id: 'operator-version-floor',
    source: 'ais-k8s operator/config/base/crd/ais.nvidia.com_aistores.yaml at each tag (a field missing from the CRD is pruned, then the '
      + 'v2.19.0 webhook refuses the AIStore: validateStateStorage errUndefinedStateStorage)',
    check: ({ manifests, intent }) => {
      const version = intent.operatorVersion;
      if (!version) return [];
      return manifests.filter((m) => m.kind === 'AIStore').flatMap((cr) => leafPaths(cr.spec).flatMap((path) => {
        const row = CRD_FIELD_SINCE.filter(([prefix]) => path === prefix || path.startsWith(`${prefix}.`)).sort((a, b) => b[0].length - a[0].length)[0];
        return row && versionKey(row[1]) > versionKey(version) ? [`AIStore ${cr.metadata.name}: spec.${path} needs operator ${row[1]}, the declared one is ${version}`] : [];
      }));
    },
  },
  {
    id: 'operator-target-lbs-cannot-take-gateway-ip',
    source: 'metallb v0.14.9 controller/service.go allocateIPs (a Service with an address-pool annotation and no loadBalancerIPs gets any '
      + 'free address of the pool), internal/allocator/allocator.go Assign (an address held is refused to the next Service); ais-k8s v3.4.0 '
      + 'target/services.go NewTargetLoadBalancerSVC (one annotation map for every target LoadBalancer: no per-target IP)',
    check: ({ manifests }) => manifests.filter((m) => m.kind === 'AIStore' && m.spec.targetSpec?.externalAccess).flatMap((cr) => {
      const gatewayIP = cr.spec.proxySpec?.externalAccess?.annotations?.['metallb.io/loadBalancerIPs'];
      const pool = cr.spec.targetSpec.externalAccess.annotations?.['metallb.io/address-pool'];
      const ranges = manifests.find((m) => m.kind === 'IPAddressPool' && m.metadata.name === pool)?.spec.addresses ?? [];
      if (!gatewayIP || !pool) return [];
      const value = (ip: string) => ip.split('.').reduce((n, part) => n * 256 + Number(part), 0);
      const inRange = (range: string) => {
        const [a, b] = range.includes('-') ? range.split('-') : [range.split('/')[0], undefined];
        if (b !== undefined) return value(gatewayIP) >= value(a) && value(gatewayIP) <= value(b);
        const bits = Number(range.split('/')[1] ?? 32);
        const size = 2 ** (32 - bits);
        return Math.floor(value(gatewayIP) / size) === Math.floor(value(a) / size);
      };
      return ranges.some(inRange) ? [`AIStore ${cr.metadata.name}: the target LoadBalancers draw from pool ${pool}, which holds the gateway IP ${gatewayIP}`] : [];
    }),
  },
  {
    id: 'operator-host-network-deterministic-public',
    source: 'ais-k8s v3.4.0 target/statefulset.go NewInitContainerEnv (HOST_NETWORK=true with targetSpec.hostNetwork); aistore v1.4.9 '
      + 'cmd/aisinit/main.go (HOST_NETWORK in IP mode clears the public hostname: aisnode takes whichever local IP it finds first)',
    check: ({ manifests }) => manifests.filter((m) => m.kind === 'AIStore' && m.spec.targetSpec?.hostNetwork === true)
      .filter((cr) => (cr.spec.publicNetDNSMode ?? 'IP') === 'IP')
      .map((cr) => `AIStore ${cr.metadata.name}: host-network targets in IP mode advertise an unpredictable local IP`),
  },
  {
    id: 'operator-pods-pass-the-api-server',
    source: 'ais-k8s v2.10.0 operator/pkg/resources/cmn/env.go CommonInitEnv (and v3.4.0 internal/resources/aistore/cmn/env.go): HOST_IPS from '
      + 'status.hostIPs on both roles\' init containers; kubernetes v1.28 pkg/apis/core/validation/validation.go validateEnvVarValueFrom '
      + '(status.hostIPs only with the PodHostIPs feature gate, off in 1.28)',
    check: ({ manifests, intent }) => {
      if (Number(intent.kubernetesVersion.split('.')[1]) >= 29 || intent.podHostIPsGate) return [];
      return manifests.filter((m) => m.kind === 'AIStore').map((cr) => `AIStore ${cr.metadata.name}: its pods set HOST_IPS from status.hostIPs, which a ${intent.kubernetesVersion} API server rejects`);
    },
  },
  {
    id: 'operator-pods-find-labelled-nodes',
    source: 'ais-k8s v3.4.0 operator/internal/resources/aistore/proxy/statefulset.go and target/statefulset.go (pod nodeSelector = '
      + 'spec.<role>Spec.nodeSelector), cmn/res.go CreateAISAffinity (required pod anti-affinity on kubernetes.io/hostname: one pod per node), '
      + 'api/aistore/v1beta1/aistore_types.go GetProxySize/GetTargetSize (<role>Spec.size, else spec.size)',
    check: ({ manifests }) => {
      const nodes = manifests.filter((m) => m.kind === 'Node');
      return manifests.filter((m) => m.kind === 'AIStore').flatMap((cr) => (['proxy', 'target'] as const).flatMap((role) => {
        const spec = cr.spec[`${role}Spec`] ?? {};
        const size = spec.size ?? cr.spec.size;
        const selector: Record<string, string> = spec.nodeSelector ?? {};
        // no emitted Node carries the selector's keys: the nodes are labelled another way (the generated script)
        if (!nodes.some((n) => Object.keys(selector).some((key) => n.metadata.labels?.[key] !== undefined))) return [];
        const labelled = nodes.filter((n) => matches(selector, n.metadata.labels ?? {})).length;
        return labelled >= size ? [] : [`AIStore ${cr.metadata.name}: ${size} ${role} pods, one per node, but ${labelled} Node(s) carry ${JSON.stringify(selector)}`];
      }));
    },
  },
  {
    id: 'operator-claims-bind-local-volumes',
    source: 'ais-k8s v3.4.0 api/aistore/v1beta1/aistore_types.go Mount.BuildPVC (storageClassName, selector, ReadWriteOnce, '
      + 'GetPVCResources: requests.storage = size) and target/volumes.go newTargetPVCs (one claim per non-hostPath mount and pod); '
      + 'kubernetes v1.28 pkg/controller/volume/persistentvolume/index.go findMatchingVolume and pkg/volume/util/util.go '
      + 'CheckNodeAffinity: a claim binds a PV of its class whose labels match its selector, with enough capacity and the '
      + 'access mode, on the node the pod is scheduled to (WaitForFirstConsumer, pkg/scheduler/framework/plugins/volumebinding)',
    check: ({ manifests }) => {
      const pvs = manifests.filter((m) => m.kind === 'PersistentVolume');
      const nodes = manifests.filter((m) => m.kind === 'Node');
      return manifests.filter((m) => m.kind === 'AIStore').flatMap((cr) => {
        const targetSpec = cr.spec.targetSpec ?? {};
        const targetNodes = nodes.filter((n) => matches(targetSpec.nodeSelector ?? {}, n.metadata.labels ?? {})).map((n) => n.metadata.name);
        return (targetSpec.mounts ?? []).filter((mount: Obj) => mount.useHostPath !== true).flatMap((mount: Obj) => {
          const problems: string[] = [];
          const storageClass = manifests.find((m) => m.kind === 'StorageClass' && m.metadata.name === mount.storageClass);
          if (storageClass && storageClass.volumeBindingMode !== 'WaitForFirstConsumer') {
            problems.push(`StorageClass ${mount.storageClass}: binds before scheduling, so a target may get a PV of another node`);
          }
          const request = bytesOf(mount.size) ?? 0;
          const fits = (pv: Manifest, node: string) => pv.spec.storageClassName === mount.storageClass
            && matches(mount.selector?.matchLabels ?? {}, pv.metadata.labels ?? {})
            && (pv.spec.accessModes ?? []).includes('ReadWriteOnce')
            && (bytesOf(pv.spec.capacity?.storage) ?? 0) >= request
            && pvNodes(pv).includes(node);
          for (const node of targetNodes) {
            if (!pvs.some((pv) => fits(pv, node))) problems.push(`AIStore ${cr.metadata.name}: the claim for ${mount.path} on ${node} matches no PersistentVolume`);
          }
          return problems;
        });
      });
    },
  },
  {
    id: 'operator-namespace-admits-its-pods',
    source: 'ais-k8s v3.4.0 operator/internal/resources/aistore/target/volumes.go appendHostPathDataVolumes and target/statefulset.go '
      + '(hostPath data volumes, hostPort), cmn/volumes.go (hostPath state); kubernetes v1.28 staging/src/k8s.io/pod-security-admission/policy '
      + 'check_hostPathVolumes.go, check_hostPorts.go, check_privileged.go: only an enforce=privileged namespace admits them',
    check: ({ manifests }) => manifests.filter((m) => m.kind === 'AIStore').flatMap((cr) => {
      const targetSpec = cr.spec.targetSpec ?? {};
      const needsPrivileged = cr.spec.stateStorage?.hostPath !== undefined || cr.spec.hostpathPrefix !== undefined
        || (targetSpec.mounts ?? []).some((m: Obj) => m.useHostPath === true) || targetSpec.hostPort !== undefined
        || [cr.spec.proxySpec, targetSpec].some((s: Obj | undefined) => s?.aisContainerSecurityContext?.privileged === true);
      if (!needsPrivileged) return [];
      const ns = find(manifests, 'Namespace', cr.metadata.namespace ?? '');
      return ns?.metadata.labels?.['pod-security.kubernetes.io/enforce'] === 'privileged' ? []
        : [`AIStore ${cr.metadata.name}: its pods need the privileged Pod Security level; Namespace ${cr.metadata.namespace} ${ns ? 'does not enforce it' : 'is not emitted'}`];
    }),
  },
];
