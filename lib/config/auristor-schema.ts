import * as z from 'zod';
import {
  DEFAULT_AURISTOR_REGISTRY, DEFAULT_CACHE_HOST_PATH, DEFAULT_CLIENT_CONFIG_MAP, DEFAULT_CSI_NAMESPACE, DEFAULT_KMOD_GRACE_PERIOD_SECONDS,
  DEFAULT_KUBELET_DIR, DEFAULT_SIDECAR_REGISTRY, DEFAULT_SRO_CHART_VERSION, DEFAULT_SRO_NAMESPACE, DEFAULT_SRO_SERVICE_ACCOUNTS, SRO_VERSIONS,
} from '../auristor/defaults';
import { MAX_LABEL_LENGTH } from '../k8s/names';
import { absolutePath, dnsLabel, dnsSubdomain, fail, labelKey, labelValue, nodeName } from './primitives';

type Context = z.core.$RefinementCtx<any>;

/**
 * A release string. YAML reads an unquoted 2021.05 as a number: say so and how to quote it,
 * rather than a bare type error.
 */
function versionString(example: string, pattern: RegExp, what: string) {
  return z.preprocess((value, ctx) => {
    if (typeof value !== 'number') return value;
    fail(ctx, [], `YAML reads ${value} as a number; quote the version ("${example}")`);
    return String(value);
  }, z.string().regex(pattern, `${what}, e.g. ${example}`));
}

/** An AuriStorFS kmod release; it becomes part of an image repository name. */
const kmodVersion = versionString('2021.05-20', /^[a-z0-9]+(?:[._-][a-z0-9]+)*$/, 'lowercase letters and digits separated by . _ or -');
/** An AuriStorFS CSI release; it is an image tag. */
const csiVersion = versionString('2022.09-1', /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/, 'an image tag');

/** An image registry with an optional path: `host[:port][/path]`. */
const registry = z.string().regex(
  /^[a-z0-9]+(?:[._-][a-z0-9]+)*(?::[0-9]+)?(?:\/[a-z0-9]+(?:[._-][a-z0-9]+)*)*$/,
  'an image registry with optional path, such as ghcr.io/auristor',
);

/** A kernel as `uname -r` prints it (the AuriStorFS rulebook checks it is a label value that fits AuriStor's image tag rule). */
const kernel = z.string().meta({ maxLength: MAX_LABEL_LENGTH });

/**
 * A taint the AuriStorFS pods tolerate, in Kubernetes' shape. The AuriStorFS rulebook checks the fields as the API
 * server does and refuses `tolerationSeconds` (parsed only to say why).
 */
const toleration = z.strictObject({
  key: z.string().optional().describe('taint key; empty or absent: every key (operator Exists)'),
  operator: z.enum(['Equal', 'Exists']).optional().describe('Equal [default]: the taint has this value; Exists: any value'),
  value: z.string().optional().describe('taint value (operator Equal)'),
  effect: z.enum(['NoSchedule', 'PreferNoSchedule', 'NoExecute']).optional().describe('taint effect; absent: every effect'),
  tolerationSeconds: z.number().optional().describe('not accepted: an evicted kmod pod unloads yfs under pods that may still use it'),
}).describe('a taint the AuriStorFS pods tolerate (kmm and static)');

const tolerations = z.array(toleration);

/** The SRO release; YAML reads an unquoted 4.10 as the number 4.1: say so and how to quote it. */
const sroVersion = z.preprocess((value, ctx) => {
  if (typeof value !== 'number') return value;
  const quoted = value === 4.1 ? '4.10' : String(value);
  fail(ctx, [], `YAML reads ${value} as a number; quote the SRO release ("${quoted}")`);
  return quoted;
}, z.enum(SRO_VERSIONS, { error: `the SRO release: ${SRO_VERSIONS.map((v) => `"${v}"`).join(', ')} ("4.11" for 4.11 and later)` }));

const groupSchema = z.strictObject({
  // the limits of the names derived from it (default namespace auristorfs-<name>...) are prop checks (lib/auristor/client-checks.ts)
  name: dnsLabel
    .describe('group name: value of the node label auristor.com/auristorfs-group; default namespace auristorfs-<name>'),
  namespace: dnsLabel.optional().describe("namespace of the group's objects; with SRO also the SpecialResource and chart name"),
  nodes: z.array(nodeName).meta({ minItems: 1 }).optional()
    .describe('nodes of the group: they get the label auristor.com/auristorfs-group=<name>'),
  nodeSelector: z.record(labelKey, labelValue).optional().describe("or: labels that already select the group's nodes"),
  kmodVersion: kmodVersion.describe('AuriStorFS kmod release (image auristor-kmod-<kmodVersion>)'),
  csiVersion: csiVersion.describe('AuriStorFS CSI driver release (image tag of auristorfs-csi)'),
  registry: registry.optional().describe("registry of this group's images; default the section's registry"),
  kernels: z.array(kernel).meta({ minItems: 1 }).describe("kernels (uname -r) running on the group's nodes"),
  pinnedNodes: z.record(nodeName, kmodVersion).optional()
    .describe('kmm: nodes that keep the kmod version they run (node: that version) during an ordered upgrade of the group'),
  kmmRevision: z.number().int('a whole number').min(0, 'a whole number ≥ 0').default(0)
    .describe('kmm, groups given by nodes: revision of the Module at the same kmodVersion (version <kmodVersion>-r<N>), to reload nodes one by one after a pull policy or registry change'),
  tolerations: tolerations.optional().describe("kmm/static: taints this group's pods tolerate, instead of the section's tolerations"),
}).superRefine((group, ctx) => {
  // the props default a group without either to the group label, which nothing would put on a node: the config asks for one
  if (group.nodes === undefined && group.nodeSelector === undefined) fail(ctx, [], 'give the group\'s nodes (nodes: [...]) or a nodeSelector');
}).describe('a node group: its nodes, kernels and AuriStorFS releases; each group is upgraded on its own');

/** What an AuriStorFS volume object mounts: one volume of one cell, or the AuriStorFS root. */
const mountFields = {
  mountType: z.enum(['volume', 'root']).default('volume').describe('volume: one volume of one cell; root: the AuriStorFS root (/afs)'),
  cell: z.string().regex(/^[A-Za-z0-9]([-A-Za-z0-9.]*[A-Za-z0-9])?$/, 'a cell name such as auristor.com').optional()
    .describe('cell name, e.g. auristor.com (mountType volume)'),
  volume: z.string().regex(/^[A-Za-z0-9._-]+$/, 'a volume name such as k8s.demo').optional()
    .describe('volume name, e.g. k8s.demo (mountType volume)'),
};

function checkMount(mount: { mountType: 'volume' | 'root'; cell?: string; volume?: string }, ctx: Context): void {
  if (mount.mountType === 'volume') {
    if (mount.cell === undefined) fail(ctx, ['cell'], 'mountType volume mounts one volume of one cell: give the cell');
    if (mount.volume === undefined) fail(ctx, ['volume'], 'mountType volume mounts one volume of one cell: give the volume');
  } else {
    for (const key of ['cell', 'volume'] as const) {
      if (mount[key] !== undefined) fail(ctx, [key], `mountType root mounts the whole AuriStorFS root: remove ${key}`);
    }
  }
}

const storageClassSchema = z.strictObject({
  name: dnsSubdomain.describe('name of the StorageClass'),
  ...mountFields,
  reclaimPolicy: z.enum(['Delete', 'Retain']).default('Delete').describe('what happens to a provisioned PersistentVolume when its claim is deleted'),
}).superRefine(checkMount).describe('a StorageClass for dynamically provisioned AuriStorFS volumes');

const persistentVolumeSchema = z.strictObject({
  name: dnsSubdomain.describe('name of the PersistentVolume'),
  ...mountFields,
  volumeHandle: z.string().min(1).optional().describe('CSI volume handle; default the PV name'),
  storageClassName: z.union([z.literal(''), dnsSubdomain]).default('').describe('class claims must request to bind it; default "" (no class)'),
  claim: z.strictObject({
    namespace: dnsLabel.describe('namespace of the claim'),
    name: dnsSubdomain.describe('name of the claim'),
  }).optional().describe('reserve the volume for this claim'),
  readOnly: z.boolean().default(false).describe('mount the volume read-only'),
}).superRefine(checkMount).describe('a statically provisioned AuriStorFS PersistentVolume');

/**
 * The `auristor:` section of the cluster config: the AuriStorFS client (kernel module + CSI driver)
 * per node group. Field reference and the choice of delivery: docs/auristor.md.
 */
export const auristorSchema = z.strictObject({
  delivery: z.enum(['sro', 'kmm', 'static'], { error: 'how the kernel module reaches the nodes: sro, kmm or static' })
    .describe('how the kernel module reaches the nodes: sro (SpecialResource), kmm (KMM Module), static (DaemonSets)'),
  registry: registry.default(DEFAULT_AURISTOR_REGISTRY).describe("registry of AuriStor's kmod and CSI images (groups may override)"),
  sidecarRegistry: registry.default(DEFAULT_SIDECAR_REGISTRY).describe('registry of the sig-storage CSI sidecars'),
  imagePullPolicy: z.enum(['Always', 'IfNotPresent', 'Never']).default('IfNotPresent').describe('pull policy of the AuriStorFS containers'),
  imagePullSecret: dnsSubdomain.optional().describe('name of an image pull Secret present in every AuriStorFS namespace'),
  cacheManager: z.enum(['auristor', 'kafs']).default('auristor').describe('cache manager the CSI driver mounts through'),
  openshift: z.boolean().default(false).describe('kmm/static: grant our ServiceAccounts the OpenShift privileged SCC'),
  kubeletDir: absolutePath.default(DEFAULT_KUBELET_DIR).describe("kmm/static: the kubelet's root directory on the nodes (--root-dir)"),
  tolerations: tolerations.default([]).describe('kmm/static: taints the AuriStorFS pods of every group tolerate (KMM Module, kmod and CSI pods); groups may replace them'),
  clientConfig: z.strictObject({
    configMap: dnsSubdomain.default(DEFAULT_CLIENT_CONFIG_MAP).describe('ConfigMap with yfs-client.conf, mounted at /etc/yfs'),
    cellServDb: dnsSubdomain.optional().describe('ConfigMap with cellservdb.conf, mounted at /usr/share/yfs'),
    keytabSecret: dnsSubdomain.optional().describe('Secret with the keytabs, mounted at /etc/yfs-keytabs'),
    keytabHostPath: absolutePath.optional().describe('or: host directory with per-node keytabs'),
    cacheHostPath: absolutePath.default(DEFAULT_CACHE_HOST_PATH).describe('host directory of the disk cache'),
  }).prefault({}).describe('names of the ConfigMaps/Secrets and host paths the cache manager reads (never their contents)'),
  csi: z.strictObject({
    controllerVersion: csiVersion.optional()
      .describe("kmm/static: CSI release of the one cluster-wide controller and volume manager; default the groups' common csiVersion"),
    namespace: dnsLabel.default(DEFAULT_CSI_NAMESPACE).describe('kmm/static: namespace of the cluster-wide controller and volume manager'),
    logLevel: z.enum(['DEBUG', 'INFO', 'WARNING', 'ERROR', 'FATAL']).default('INFO').describe('log level of the CSI driver'),
    seLinuxMountOptions: z.string().min(1).optional()
      .describe('mount options on SELinux nodes (OpenShift), e.g. "-o context=system_u:object_r:container_file_t:s0"'),
    volumeNamePrefix: dnsSubdomain.max(63, 'at most 63 characters').optional().describe('prefix of dynamically provisioned PV names'),
    afsRootDir: absolutePath.optional().describe('host directory where /afs is mounted, given to the CSI pods at /root/afs'),
    debug: z.boolean().default(false).describe('log every mount, exec and CSI request'),
    ephemeralVolumeProfile: z.enum(['restricted', 'baseline', 'privileged']).optional()
      .describe('OpenShift: label security.openshift.io/csi-ephemeral-volume-profile of the CSIDriver (inline volumes in non-privileged namespaces)'),
  }).prefault({}).describe('the AuriStorFS CSI driver'),
  sro: z.strictObject({
    version: sroVersion.optional().describe('the SRO release: "4.9", "4.10" or "4.11" (4.11 and later); required with two or more groups, which need 4.11'),
    chartVersion: z.string().regex(/^\d+\.\d+\.\d+$/, 'a chart version such as 0.0.6').default(DEFAULT_SRO_CHART_VERSION)
      .describe("version of AuriStor's chart in the chart ConfigMaps"),
    operatorNamespace: dnsLabel.default(DEFAULT_SRO_NAMESPACE).describe('namespace the Special Resource Operator runs in'),
    serviceAccounts: z.array(dnsSubdomain).meta({ minItems: 1 }).default([...DEFAULT_SRO_SERVICE_ACCOUNTS])
      .describe('ServiceAccounts SRO runs as (special-resource-controller-manager from 4.10, default in 4.9); they get the extra CSI permissions'),
  }).prefault({}).describe('delivery sro: the Special Resource Operator'),
  static: z.strictObject({
    terminationGracePeriodSeconds: z.number().int().min(1).default(DEFAULT_KMOD_GRACE_PERIOD_SECONDS)
      .describe('grace period of the kmod pods: time to stop the cache manager and unload yfs'),
  }).prefault({}).describe('delivery static: the kmod DaemonSets'),
  kmm: z.strictObject({
    kmmLayoutImages: z.boolean().default(false)
      .describe('required true for delivery kmm: the registry holds KMM-layout images (yfs.ko under /opt/lib/modules/<kernel>/)'),
    registry: registry.optional().describe('registry of your KMM-layout images (AuriStor publishes none); required with delivery kmm'),
  }).prefault({}).describe('delivery kmm: the Kernel Module Management operator'),
  groups: z.array(groupSchema).meta({ minItems: 1 }).describe('node groups, each upgraded on its own'),
  storageClasses: z.array(storageClassSchema).default([]).describe('StorageClasses for dynamically provisioned AuriStorFS volumes'),
  persistentVolumes: z.array(persistentVolumeSchema).default([]).describe('statically provisioned AuriStorFS PersistentVolumes'),
}).describe('AuriStorFS clients (kernel module + CSI driver) per node group; see docs/auristor.md');

export type AuristorConfig = z.output<typeof auristorSchema>;
export type AuristorConfigInput = z.input<typeof auristorSchema>;
