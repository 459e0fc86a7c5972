/**
 * The startup contract of a standalone AIS cluster: what the API server, the kubelet, ais-init and
 * aisnode check before an AIS pod is admitted, starts and joins. Each rule names the upstream
 * source it encodes (NVIDIA/aistore at tag v1.4.9 = images aisnode/ais-init v4.9, NVIDIA/ais-k8s
 * operator, kubernetes/kubernetes at v1.28); facts only. A rule returns the violations it finds in
 * one synthesized output (empty: the rule holds).
 */
import { createHash } from 'node:crypto';
import type { ClusterConfig } from '../../lib/config/schema';
import type { Manifest } from '../../lib/k8s/manifest';
import { checkKubernetesVersion, downwardApiEnvFields } from '../../lib/k8s/version';

type Obj = Record<string, any>;

/** One synthesized standalone output, with the config it came from and its PLAN.md. */
export interface ContractInput {
  readonly config: ClusterConfig;
  readonly manifests: readonly Manifest[];
  readonly plan: string;
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
  const cm = find(input.manifests, 'ConfigMap', `${input.config.name}-global-cm`, input.config.namespace);
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
    check: ({ config, manifests }) => aisPods(manifests)
      .filter((pod) => !tokenMounted(pod, manifests, config.namespace))
      .map((pod) => `${where(pod)}: no service account token (automountServiceAccountToken false)`),
  },
  {
    id: 'rbac-exactly-what-ais-calls',
    source: 'aistore v1.4.9 cmn/k8s/k8s.go Init: GET its own Pod (exits on error); cmd/aisinit/main.go fetchExternalIP: GET the Service '
      + 'named like the pod when ENABLE_EXTERNAL_ACCESS; the operator grants a superset for ETL (ais-k8s operator/internal/resources/aistore/cmn/rbac.go)',
    check: ({ config, manifests }) => aisPods(manifests).flatMap((pod) => {
      const account = pod.spec.serviceAccountName ?? 'default';
      const needed = new Set(['pods:get']);
      if (envOf(pod.init, 'ENABLE_EXTERNAL_ACCESS')?.value === 'true' && pod.role === 'target') needed.add('services:get');
      const granted = grants(manifests, config.namespace, account);
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
    check: ({ config, manifests }) => {
      const allowed = downwardApiEnvFields(checkKubernetesVersion(config.kubernetesVersion));
      return workloadsWithPods(manifests).flatMap(({ workload, spec }) =>
        [...(spec.initContainers ?? []), ...(spec.containers ?? [])].flatMap((c: Obj) => (c.env ?? []).flatMap((e: Obj) => {
          const path = e.valueFrom?.fieldRef?.fieldPath;
          if (path === undefined || allowed.has(path) || /^metadata\.(labels|annotations)\['[^']+'\]$/.test(path)) return [];
          return [`${workload.kind} ${workload.metadata.name}, container ${c.name}: env ${e.name} from ${path}, which a ${config.kubernetesVersion} API server rejects`];
        })));
    },
  },
  {
    id: 'unsafe-sysctls-allowed-in-plan',
    source: 'kubernetes v1.28 pkg/kubelet/sysctl/safe_sysctls.go (safe set) and pkg/kubelet/sysctl/allowlist.go: any other pod sysctl '
      + 'is rejected by kubelet admission with reason SysctlForbidden unless the kubelet runs with --allowed-unsafe-sysctls',
    check: ({ manifests, plan }) => {
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
      const { config, manifests } = input;
      const ais = config.ais!;
      const url = clusterConfigOf(input).proxy?.primary_url;
      if (typeof url !== 'string') return ['the cluster config has no proxy.primary_url'];
      const parsed = new URL(url);
      const problems: string[] = [];
      const useHttps = clusterConfigOf(input).net?.http?.use_https === true;
      if (parsed.protocol !== (useHttps ? 'https:' : 'http:')) problems.push(`primary_url ${url}: scheme does not match net.http.use_https`);
      if (Number(parsed.port) !== ais.ports.intraControl) problems.push(`primary_url ${url}: port is not the intra-control port ${ais.ports.intraControl}`);
      const [podName, service, namespace, svc, ...domain] = parsed.hostname.split('.');
      if (namespace !== config.namespace || svc !== 'svc' || domain.join('.') !== ais.clusterDomain) {
        problems.push(`primary_url ${url}: not <pod>.<service>.${config.namespace}.svc.${ais.clusterDomain}`);
      }
      const pod = aisPods(manifests).find((p) => p.role === 'proxy' && podName.startsWith(`${p.set.metadata.name}-`)
        && Number(podName.slice(p.set.metadata.name.length + 1)) < p.set.spec.replicas);
      if (!pod) return [...problems, `primary_url ${url}: no proxy StatefulSet has a pod ${podName}`];
      if (pod.set.spec.serviceName !== service) problems.push(`primary_url ${url}: ${where(pod)} is governed by ${pod.set.spec.serviceName}, not ${service}`);
      const headless = find(manifests, 'Service', service, config.namespace);
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
      const cm = mount && volume(mount.name)?.configMap && find(input.manifests, 'ConfigMap', volume(mount.name).configMap.name, input.config.namespace);
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
      if (pod.role === 'proxy' && flagValue(args, 'ntargets') !== String(input.config.ais!.targets.nodes.length)) {
        problems.push(`${where(pod)}: -ntargets is not the number of targets`);
      }
      return problems;
    }),
  },
  {
    id: 'pod-security-admission',
    source: 'kubernetes v1.28 staging/src/k8s.io/pod-security-admission/policy: check_hostPathVolumes.go, check_hostPorts.go, '
      + 'check_sysctls.go and check_privileged.go fail the baseline level; only a namespace labelled pod-security.kubernetes.io/enforce=privileged admits such pods',
    check: ({ config, manifests }) => {
      const ns = find(manifests, 'Namespace', config.namespace);
      const needy = aisPods(manifests).filter((pod) => (pod.spec.volumes ?? []).some((v: Obj) => v.hostPath)
        || [...pod.spec.containers, ...(pod.spec.initContainers ?? [])].some((c: Obj) => c.securityContext?.privileged || (c.ports ?? []).some((p: Obj) => p.hostPort))
        || (pod.spec.securityContext?.sysctls ?? []).some((s: Obj) => !SAFE_SYSCTLS_1_28.has(s.name)));
      if (needy.length === 0) return [];
      if (!ns) return [`namespace ${config.namespace} is not emitted: nothing says it admits privileged pods`];
      return ns.metadata.labels?.['pod-security.kubernetes.io/enforce'] === 'privileged' ? []
        : needy.map((pod) => `${where(pod)} needs the privileged Pod Security level; Namespace ${config.namespace} does not enforce it`);
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
      if (usesMetallb && !/ipaddresspools\.metallb\.io: MetalLB \d+\.\d+ to \d+\.\d+/.test(plan)) problems.push('PLAN.md does not list MetalLB with its version range before the first sync');
      return problems;
    },
  },
  {
    id: 'nothing-pinned-to-the-initial-primary-label',
    source: 'kubernetes scheduler NodeAffinity plugin: a required nodeSelector/nodeAffinity term on a label that is removed leaves a '
      + 'recreated pod Pending; the AIS worksheet lets the initial-primary label go after bootstrap (ais-k8s operator: one proxy StatefulSet, no such label)',
    check: ({ config, manifests }) => {
      const key = config.ais!.nodeLabels.initialPrimary.key;
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
    check: ({ config, manifests }) => {
      const marker = config.ais!.targets.diskMarker;
      if (marker === false) return [];
      const mountpaths = config.ais!.targets.mountpaths.map((m) => (typeof m === 'string' ? m : m.path));
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
    check: ({ config, manifests }) => aisPods(manifests).flatMap((pod) => {
      const template = find(manifests, 'ConfigMap', `${config.name}-${pod.role}`, config.namespace)?.data?.['ais_local.json'] ?? '';
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
    check: ({ config, manifests }) => {
      const tls = config.ais!.tls;
      if (!tls || tls.clientsVerify !== true || !(tls.certManager || tls.csi)) return [];
      const cert = manifests.find((m) => m.kind === 'Certificate' && m.metadata.name === `${config.name}-tls-cert`);
      const csi = aisPods(manifests).find((p) => p.role === 'target')?.spec.volumes.find((v: Obj) => v.csi?.driver === 'csi.cert-manager.io')?.csi.volumeAttributes;
      const sans = new Set<string>([...(cert?.spec.ipAddresses ?? []), ...(cert?.spec.dnsNames ?? []),
        ...String(csi?.['csi.cert-manager.io/ip-sans'] ?? '').split(','), ...String(csi?.['csi.cert-manager.io/dns-names'] ?? '').split(',')]);
      return aisPods(manifests).filter((p) => p.role === 'target').flatMap((pod) => {
        const field = envOf(pod.init, 'AIS_PUBLIC_HOSTNAME')?.valueFrom?.fieldRef?.fieldPath;
        const advertised = envOf(pod.init, 'ENABLE_EXTERNAL_ACCESS')?.value === 'true'
          ? Array.from({ length: pod.set.spec.replicas }, (_, i) => find(manifests, 'Service', `${pod.set.metadata.name}-${i}`)?.metadata.annotations?.['metallb.io/loadBalancerIPs'])
          : config.ais!.targets.nodes.map((node) => (field === 'spec.nodeName' ? node : tls.nodeIPs[node]));
        return advertised.filter((a) => !a || !sans.has(a)).map((a) => `${where(pod)}: advertised address ${a ?? '(unknown IP)'} is not in the certificate`);
      });
    },
  },
  {
    id: 'drains-can-proceed',
    source: 'kubernetes v1.28 pkg/registry/core/pod/storage/eviction.go: an eviction that would exceed the PodDisruptionBudget is refused '
      + '(429), so maxUnavailable 0 makes kubectl drain of every target node retry forever; the operator emits no budget by default',
    check: ({ config, manifests }) => manifests
      .filter((m) => m.kind === 'PodDisruptionBudget' && (m.spec.maxUnavailable === 0 || m.spec.maxUnavailable === '0%'))
      .filter(() => config.ais!.targetDisruptionBudget.maxUnavailable !== 0)
      .map((m) => `PodDisruptionBudget ${m.metadata.name}: maxUnavailable 0 blocks every drain`),
  },
];
