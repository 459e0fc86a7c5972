import { z } from 'zod';
import { DEFAULT_CSI_NAMESPACE, groupConflicts } from '../auristor/client-options';
import { DEFAULT_SIDECAR_REGISTRY } from '../auristor/csi-images';
import { KmodDelivery } from '../auristor/delivery';
import { DEFAULT_AURISTOR_REGISTRY, resolveNodeGroup } from '../auristor/group';
import { kmodImageTag } from '../auristor/kernel-image';
import { DEFAULT_SRO_CHART_VERSION, MAX_SPECIAL_RESOURCE_NAME } from '../auristor/special-resource';
import { DEFAULT_SRO_NAMESPACE } from '../auristor/sro-permissions';
import { absolutePath, dnsLabel, dnsSubdomain, labelKey, labelValue, nodeName } from './primitives';

type Context = z.core.$RefinementCtx<any>;

/** Reports a problem worded as a whole sentence (the loader prints it as is, at the path's position). */
function fail(ctx: Context, path: PropertyKey[], message: string): void {
  ctx.addIssue({ code: 'custom', path, message, params: { sentence: true }, input: undefined });
}

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

/** A kernel as `uname -r` prints it; it must fit AuriStor's image tag rule. */
const kernel = z.string().max(63, 'at most 63 characters (it is a node label value)').superRefine((value, ctx) => {
  try {
    kmodImageTag(value);
  } catch (error) {
    fail(ctx, [], (error as Error).message);
  }
});

/** Reports the later occurrences of repeated items as issues at `[field, index, ...key]`. */
function uniqueItems(items: readonly string[], field: string, what: string, ctx: Context, key: string[] = []): void {
  items.forEach((item, index) => {
    if (items.indexOf(item) !== index) fail(ctx, [field, index, ...key], `${what} ${item} is listed twice`);
  });
}

const groupSchema = z.strictObject({
  /** group name: value of the node label auristor.com/auristorfs-group; default namespace auristorfs-<name> */
  name: dnsLabel.max(52, 'at most 52 characters (the namespace auristorfs-<name> must fit in 63)'),
  /** namespace of the group's objects; with SRO also the SpecialResource and chart name */
  namespace: dnsLabel.optional(),
  /** nodes of the group: they get the label auristor.com/auristorfs-group=<name> */
  nodes: z.array(nodeName).min(1, 'at least one node').optional(),
  /** or: labels that already select the group's nodes */
  nodeSelector: z.record(labelKey, labelValue).optional(),
  /** AuriStorFS kmod release (image auristor-kmod-<kmodVersion>) */
  kmodVersion,
  /** AuriStorFS CSI driver release (image tag of auristorfs-csi) */
  csiVersion,
  /** registry of this group's images; default the section's registry */
  registry: registry.optional(),
  /** kernels (uname -r) running on the group's nodes */
  kernels: z.array(kernel).min(1, 'at least one kernel (uname -r of the group\'s nodes)'),
}).superRefine((group, ctx) => {
  if (group.nodes !== undefined && group.nodeSelector !== undefined) {
    fail(ctx, ['nodeSelector'], 'give the group\'s nodes or a nodeSelector, not both');
  } else if (group.nodes === undefined && group.nodeSelector === undefined) {
    fail(ctx, [], 'give the group\'s nodes (nodes: [...]) or a nodeSelector');
  } else if (group.nodeSelector !== undefined && Object.keys(group.nodeSelector).length === 0) {
    fail(ctx, ['nodeSelector'], 'an empty nodeSelector would select every node');
  }
  uniqueItems(group.nodes ?? [], 'nodes', 'node', ctx);
  uniqueItems(group.kernels, 'kernels', 'kernel', ctx);
});

/** What an AuriStorFS volume object mounts: one volume of one cell, or the AuriStorFS root. */
const mountFields = {
  /** volume: one volume of one cell; root: the AuriStorFS root (/afs) */
  mountType: z.enum(['volume', 'root']).default('volume'),
  /** cell name, e.g. auristor.com (mountType volume) */
  cell: z.string().regex(/^[A-Za-z0-9]([-A-Za-z0-9.]*[A-Za-z0-9])?$/, 'a cell name such as auristor.com').optional(),
  /** volume name, e.g. k8s.demo (mountType volume) */
  volume: z.string().regex(/^[A-Za-z0-9._-]+$/, 'a volume name such as k8s.demo').optional(),
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
  name: dnsSubdomain,
  ...mountFields,
  /** what happens to a provisioned PersistentVolume when its claim is deleted */
  reclaimPolicy: z.enum(['Delete', 'Retain']).default('Delete'),
}).superRefine(checkMount);

const persistentVolumeSchema = z.strictObject({
  name: dnsSubdomain,
  ...mountFields,
  /** CSI volume handle; default the PV name */
  volumeHandle: z.string().min(1).optional(),
  /** class claims must request to bind it; default "" (no class) */
  storageClassName: z.union([z.literal(''), dnsSubdomain]).default(''),
  /** reserve the volume for this claim */
  claim: z.strictObject({ namespace: dnsLabel, name: dnsSubdomain }).optional(),
  readOnly: z.boolean().default(false),
}).superRefine(checkMount);

/**
 * The `auristor:` section of the cluster config: the AuriStorFS client (kernel module + CSI driver)
 * per node group. Field reference and the choice of delivery: docs/auristor.md.
 */
export const auristorSchema = z.strictObject({
  /** how the kernel module reaches the nodes: sro (SpecialResource), kmm (KMM Module), static (DaemonSets) */
  delivery: z.enum(['sro', 'kmm', 'static'], { error: 'how the kernel module reaches the nodes: sro, kmm or static' }),
  /** registry of AuriStor's kmod and CSI images (groups may override) */
  registry: registry.default(DEFAULT_AURISTOR_REGISTRY),
  /** registry of the sig-storage CSI sidecars */
  sidecarRegistry: registry.default(DEFAULT_SIDECAR_REGISTRY),
  imagePullPolicy: z.enum(['Always', 'IfNotPresent', 'Never']).default('IfNotPresent'),
  /** name of an image pull Secret present in every AuriStorFS namespace */
  imagePullSecret: dnsSubdomain.optional(),
  /** cache manager the CSI driver mounts through */
  cacheManager: z.enum(['auristor', 'kafs']).default('auristor'),
  /** kmm/static: grant our ServiceAccounts the OpenShift privileged SCC */
  openshift: z.boolean().default(false),
  /** names of the ConfigMaps/Secrets and host paths the cache manager reads (never their contents) */
  clientConfig: z.strictObject({
    /** ConfigMap with yfs-client.conf, mounted at /etc/yfs */
    configMap: dnsSubdomain.default('etc-yfs'),
    /** ConfigMap with cellservdb.conf, mounted at /usr/share/yfs */
    cellServDb: dnsSubdomain.optional(),
    /** Secret with the keytabs, mounted at /etc/yfs-keytabs */
    keytabSecret: dnsSubdomain.optional(),
    /** or: host directory with per-node keytabs */
    keytabHostPath: absolutePath.optional(),
    /** host directory of the disk cache */
    cacheHostPath: absolutePath.default('/var/cache/yfs'),
  }).superRefine((config, ctx) => {
    if (config.keytabSecret !== undefined && config.keytabHostPath !== undefined) {
      fail(ctx, ['keytabHostPath'], 'keytabs come from keytabSecret or keytabHostPath, not both');
    }
  }).prefault({}),
  csi: z.strictObject({
    /** kmm/static: CSI release of the one cluster-wide controller and volume manager; default the groups' common csiVersion */
    controllerVersion: csiVersion.optional(),
    /** kmm/static: namespace of the cluster-wide controller and volume manager */
    namespace: dnsLabel.default(DEFAULT_CSI_NAMESPACE),
    logLevel: z.enum(['DEBUG', 'INFO', 'WARNING', 'ERROR', 'FATAL']).default('INFO'),
    /** mount options on SELinux nodes (OpenShift), e.g. "-o context=system_u:object_r:container_file_t:s0" */
    seLinuxMountOptions: z.string().min(1).optional(),
    /** prefix of dynamically provisioned PV names */
    volumeNamePrefix: dnsSubdomain.max(63, 'at most 63 characters').optional(),
    /** host directory where /afs is mounted, given to the CSI pods at /root/afs */
    afsRootDir: absolutePath.optional(),
    /** log every mount, exec and CSI request */
    debug: z.boolean().default(false),
  }).prefault({}),
  sro: z.strictObject({
    /** version of AuriStor's chart in the chart ConfigMaps */
    chartVersion: z.string().regex(/^\d+\.\d+\.\d+$/, 'a chart version such as 0.0.6').default(DEFAULT_SRO_CHART_VERSION),
    /** namespace the Special Resource Operator runs in */
    operatorNamespace: dnsLabel.default(DEFAULT_SRO_NAMESPACE),
  }).prefault({}),
  kmm: z.strictObject({
    /** required true for delivery kmm: the registry holds KMM-layout images (yfs.ko under /opt/lib/modules/<kernel>/) */
    kmmLayoutImages: z.boolean().default(false),
    /** registry of the KMM-layout images; default each group's registry */
    registry: registry.optional(),
  }).prefault({}),
  /** node groups, each upgraded on its own */
  groups: z.array(groupSchema).min(1, 'at least one node group'),
  /** StorageClasses for dynamically provisioned AuriStorFS volumes */
  storageClasses: z.array(storageClassSchema).default([]),
  /** statically provisioned AuriStorFS PersistentVolumes */
  persistentVolumes: z.array(persistentVolumeSchema).default([]),
}).superRefine((section, ctx) => {
  const delivery = section.delivery as KmodDelivery;
  for (const conflict of groupConflicts(section.groups, delivery, section.csi.namespace)) {
    fail(ctx, ['groups', conflict.index, conflict.field, ...(conflict.item !== undefined ? [conflict.item] : [])], conflict.message);
  }
  if (delivery === KmodDelivery.SRO) {
    section.groups.forEach((group, index) => {
      const name = resolveNodeGroup(group).namespace;
      if (name.length > MAX_SPECIAL_RESOURCE_NAME) {
        fail(ctx, ['groups', index, group.namespace !== undefined ? 'namespace' : 'name'],
          `with delivery sro the namespace ${name} is also the SpecialResource name, at most ${MAX_SPECIAL_RESOURCE_NAME} characters `
            + '(SRO makes the label value <name>-driver-container-<16 hex digits> from it)');
      }
    });
  } else {
    const differing = section.groups.findIndex((group) => group.csiVersion !== section.groups[0].csiVersion);
    if (differing > 0 && section.csi.controllerVersion === undefined) {
      fail(ctx, ['groups', differing, 'csiVersion'],
        `groups run different CSI versions (${section.groups.map((g) => `${g.name}: ${g.csiVersion}`).join(', ')}): `
          + `with delivery ${delivery} one CSI controller serves all groups; set csi.controllerVersion`);
    }
  }
  if (delivery === KmodDelivery.KMM && !section.kmm.kmmLayoutImages) {
    fail(ctx, ['delivery'],
      'delivery kmm makes KMM run "modprobe -d /opt yfs" from each image, so every image must hold yfs.ko under '
        + '/opt/lib/modules/<kernel>/; AuriStor\'s SRO driver-container images do not, and KMM does not run the AuriStorFS '
        + 'cache manager (docs/auristor.md). Set kmm.kmmLayoutImages: true once your registry holds such images');
  }
  uniqueItems(section.storageClasses.map((sc) => sc.name), 'storageClasses', 'StorageClass', ctx, ['name']);
  uniqueItems(section.persistentVolumes.map((pv) => pv.name), 'persistentVolumes', 'PersistentVolume', ctx, ['name']);
});

export type AuristorConfig = z.output<typeof auristorSchema>;
export type AuristorConfigInput = z.input<typeof auristorSchema>;
