/**
 * The startup contract of a standalone AIS cluster: what the API server, the kubelet, ais-init and
 * aisnode check before an AIS pod is admitted, starts and joins. Each rule names the upstream
 * source it encodes (NVIDIA/aistore at tag v1.4.9 = images aisnode/ais-init v4.9, NVIDIA/ais-k8s
 * operator, kubernetes/kubernetes at v1.28); facts only. A rule returns the violations it finds in
 * one synthesized output (empty: the rule holds).
 */
import { createHash } from 'node:crypto';
import type { AisClusterProps } from '../../lib/ais/cluster';
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
  /** HTTPS: whether clients verify, whether cert-manager issues the certificate, and the target node IPs given */
  readonly tls?: { readonly clientsVerify: boolean; readonly issued: boolean; readonly nodeIPs: Readonly<Record<string, string>> };
  readonly targetMaxUnavailable: number | string;
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
    tls: ais.tls && { clientsVerify: ais.tls.clientsVerify === true, issued: !!(ais.tls.certManager || ais.tls.csi), nodeIPs: ais.tls.nodeIPs ?? {} },
    targetMaxUnavailable: ais.targetDisruptionBudget.maxUnavailable,
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
    tls: props.tls && { clientsVerify: props.tls.clientsVerify === true, issued: !!props.tls.certificate, nodeIPs: props.tls.nodeIPs ?? {} },
    targetMaxUnavailable: props.targetDisruptionBudget?.maxUnavailable ?? 1,
  };
}

/**
 * Fields a container env may read through the downward API, per Kubernetes minor version
 * (kubernetes v1.28 pkg/apis/core/validation/validation.go validEnvDownwardAPIFieldPathExpressions,
 * validateEnvVarValueFrom; status.hostIPs only with the PodHostIPs feature gate: alpha and off in
 * 1.28, beta and on from 1.29, pkg/features/kube_features.go). Restated from upstream, not read from lib/.
 */
function downwardApiFields(version: string): Set<string> {
  const fields = ['metadata.name', 'metadata.namespace', 'metadata.uid', 'spec.nodeName', 'spec.serviceAccountName',
    'status.hostIP', 'status.podIP', 'status.podIPs'];
  return new Set(Number(version.split('.')[1]) >= 29 ? [...fields, 'status.hostIPs'] : fields);
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
      const allowed = downwardApiFields(intent.kubernetesVersion);
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
    source: 'aistore v1.4.9 cmn/config.go LoadConfig: the local config is read at every start (the cluster config only at the first); '
      + 'ais-k8s operator cmn/config.go HashRestartConfigs + restart-hash annotation: a pod-template change is what restarts pods',
    check: ({ intent, manifests }) => aisPods(manifests).flatMap((pod) => {
      const template = find(manifests, 'ConfigMap', `${intent.name}-${pod.role}`, intent.namespace)?.data?.['ais_local.json'] ?? '';
      const expected = createHash('sha256').update(template).digest('hex').slice(0, 16);
      const actual = pod.set.spec.template.metadata?.annotations?.['cdk8s-storage.io/restart-hash'];
      return actual === expected ? [] : [`${where(pod)}: restart-hash ${actual} does not follow its local config template (${expected})`];
    }),
  },
  {
    id: 'https-certificate-names-what-targets-advertise',
    source: 'aistore v1.4.9 cmd/aisinit/main.go: a target\'s public hostname is AIS_PUBLIC_HOSTNAME (node IP or, with AIS_PUBLIC_DNS_MODE=Node, '
      + 'node name) or its LoadBalancer IP (fetchExternalIP); clients are redirected to https://<that>:<target port>; Go crypto/tls verifies '
      + 'the name against the certificate SANs (the operator adds every node\'s public host, ais-k8s cmn/certificate.go)',
    check: ({ intent, manifests }) => {
      const tls = intent.tls;
      if (!tls || !tls.clientsVerify || !tls.issued) return [];
      const cert = manifests.find((m) => m.kind === 'Certificate' && m.metadata.name === `${intent.name}-tls-cert`);
      const csi = aisPods(manifests).find((p) => p.role === 'target')?.spec.volumes.find((v: Obj) => v.csi?.driver === 'csi.cert-manager.io')?.csi.volumeAttributes;
      const sans = new Set<string>([...(cert?.spec.ipAddresses ?? []), ...(cert?.spec.dnsNames ?? []),
        ...String(csi?.['csi.cert-manager.io/ip-sans'] ?? '').split(','), ...String(csi?.['csi.cert-manager.io/dns-names'] ?? '').split(',')]);
      return aisPods(manifests).filter((p) => p.role === 'target').flatMap((pod) => {
        const field = envOf(pod.init, 'AIS_PUBLIC_HOSTNAME')?.valueFrom?.fieldRef?.fieldPath;
        const advertised = envOf(pod.init, 'ENABLE_EXTERNAL_ACCESS')?.value === 'true'
          ? Array.from({ length: pod.set.spec.replicas }, (_, i) => find(manifests, 'Service', `${pod.set.metadata.name}-${i}`)?.metadata.annotations?.['metallb.io/loadBalancerIPs'])
          : intent.targetNodes.map((node) => (field === 'spec.nodeName' ? node : tls.nodeIPs[node]));
        return advertised.filter((a) => !a || !sans.has(a)).map((a) => `${where(pod)}: advertised address ${a ?? '(unknown IP)'} is not in the certificate`);
      });
    },
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

/** One synthesized operator-mode output: the rules read the AIStore and what we emit beside it. */
export interface OperatorContractInput {
  readonly manifests: readonly Manifest[];
}

/**
 * The contract of an operator-run cluster: what the AIS operator (NVIDIA/ais-k8s, release v3.4.0)
 * builds from the AIStore we emit, and what Kubernetes v1.28 then needs of the objects we emit beside it
 * (Nodes, PersistentVolumes, the Namespace) for its pods to be admitted, scheduled and bound.
 */
export const OPERATOR_CONTRACT: ReadonlyArray<{ id: string; source: string; check: (input: OperatorContractInput) => string[] }> = [
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
