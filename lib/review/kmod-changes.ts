import type { Manifest } from '../k8s/manifest';
import { kmodImageRepository } from '../auristor/kmod/kernel-image';
import { COMPONENT_LABEL } from '../k8s/app-labels';
import { AuristorComponent, GROUP_LABEL, KERNEL_VERSION_LABEL } from '../auristor/names';
import { compareNames } from '../k8s/name-order';

/** The rule every kmod warning ends with. */
export const DRAIN_RULE = 'drain pods using AuriStorFS volumes first (`lsmod | grep yfs`)';

/** Kinds whose objects load the kernel module. */
const KMOD_KINDS = new Set(['DaemonSet', 'SpecialResource', 'Module']);

/** What one kmod object loads: image per kernel key, and on which nodes. */
interface KmodObject {
  readonly id: string;
  readonly group: string;
  /** kernel (or KMM regexp, or `*` for SRO, which finds kernels itself) → image (SRO: image repository) */
  readonly images: Map<string, string>;
  /** node selector, kernel label excluded */
  readonly selector: string;
  /** KMM Module: `moduleLoader.container.version` (ordered upgrade), if set */
  readonly version?: string;
}

/** Prefix of KMM's ordered-upgrade node label (`kmmModuleVersionLabel` without namespace and name). */
const KMM_VERSION_LABEL_PREFIX = 'kmm.node.kubernetes.io/version-module.';

/**
 * Why an image change of one kind of kmod object does not reach the nodes by itself, or reaches all at once:
 * appended to the warning.
 */
const IMAGE_CHANGE_NOTE: Record<string, string> = {
  DaemonSet: ' (updateStrategy OnDelete: the new module loads when you delete each node\'s kmod pod)',
  // openshift/special-resource-operator release-4.9/4.10: pkg/cache/cache.go Nodes skips tainted nodes,
  // AuriStor's chart/templates/1000-driver-container.yaml sets updateStrategy OnDelete
  SpecialResource: ' (SRO re-renders the kmod DaemonSets only for kernels of nodes without NoSchedule/NoExecute taints, '
    + 'and they are OnDelete: sync while the group\'s nodes are schedulable, then drain one node at a time and delete its '
    + 'driver-container pod; docs/auristor.md, "Phased upgrade")',
  // kubernetes-sigs/kernel-module-management v2.6.0 internal/controllers/module_reconciler.go prepareNodeSchedulingData
  Module: ' (the Module has no new version for KMM\'s ordered upgrade: KMM unloads and reloads yfs on every node of the group '
    + 'at once)',
};

function describeId(manifest: Manifest): string {
  const ns = manifest.metadata.namespace;
  return `${manifest.kind} ${ns ? `${ns}/` : ''}${manifest.metadata.name}`;
}

function selectorText(selector: Record<string, string> | undefined): string {
  return Object.entries(selector ?? {})
    .filter(([key]) => key !== KERNEL_VERSION_LABEL)
    .sort(([a], [b]) => compareNames(a, b))
    .map(([key, value]) => `${key}=${value}`)
    .join(',');
}

/** Reads a kmod object; undefined for anything else. */
function kmodObject(manifest: Manifest): KmodObject | undefined {
  if (!KMOD_KINDS.has(manifest.kind) || manifest.metadata?.labels?.[COMPONENT_LABEL] !== AuristorComponent.KMOD) return undefined;
  const group = manifest.metadata.labels?.[GROUP_LABEL] ?? manifest.metadata.namespace ?? manifest.metadata.name;
  const images = new Map<string, string>();
  let selector: Record<string, string> | undefined;
  let version: string | undefined;
  if (manifest.kind === 'DaemonSet') {
    const pod = manifest.spec?.template?.spec ?? {};
    selector = pod.nodeSelector;
    images.set(pod.nodeSelector?.[KERNEL_VERSION_LABEL] ?? '*', pod.containers?.[0]?.image ?? '');
  } else if (manifest.kind === 'Module') {
    const container = manifest.spec?.moduleLoader?.container ?? {};
    selector = manifest.spec?.selector;
    version = container.version;
    for (const mapping of container.kernelMappings ?? []) {
      const key = mapping.literal ?? `regexp ${mapping.regexp}`;
      images.set(key, mapping.containerImage ?? container.containerImage ?? '');
    }
  } else {
    const set = manifest.spec?.set ?? {};
    const image = set.kmodDriverContainer?.image ?? {};
    selector = set.nodeSelector;
    images.set('*', kmodImageRepository(image.auristorRegistry, image.auristorKmodVersion));
  }
  return { id: describeId(manifest), group, images, selector: selectorText(selector), version };
}

function kernelText(kernel: string): string {
  return kernel === '*' ? 'every kernel' : `kernel ${kernel}`;
}

/** KMM ordered-upgrade labels of each label-only Node object: node → label key → version. */
function nodeVersionLabels(manifests: readonly Manifest[]): Map<string, Map<string, string>> {
  const nodes = new Map<string, Map<string, string>>();
  for (const manifest of manifests) {
    if (manifest.kind !== 'Node') continue;
    const labels = Object.entries(manifest.metadata?.labels ?? {}).filter(([key]) => key.startsWith(KMM_VERSION_LABEL_PREFIX));
    if (labels.length > 0) nodes.set(manifest.metadata.name, new Map(labels as Array<[string, string]>));
  }
  return nodes;
}

/** Group label of each label-only Node object. */
function nodeGroups(manifests: readonly Manifest[]): Map<string, string> {
  const groups = new Map<string, string>();
  for (const manifest of manifests) {
    const group = manifest.kind === 'Node' ? manifest.metadata?.labels?.[GROUP_LABEL] : undefined;
    if (group !== undefined) groups.set(manifest.metadata.name, group);
  }
  return groups;
}

/**
 * Human warnings for changes that replace or remove a node group's AuriStorFS kernel module, comparing
 * the previously committed objects with the new ones: a kmod image changing (kmod version, registry),
 * a kernel no longer served, a kmod object or a whole group removed (Argo CD does not prune them:
 * `Prune=false`), a kmod object's node selector changing, a node moving to another group, a node's KMM
 * ordered-upgrade label changing (KMM reloads the module there). Image changes say how the new module reaches the
 * nodes: static DaemonSets and SRO's are OnDelete (SRO re-renders only for untainted nodes), a KMM Module without a
 * new `version` reloads every node at once, one with a new `version` only the nodes whose label moves to it. Each
 * warning ends with the rule: drain pods using AuriStorFS volumes first (`lsmod | grep yfs`).
 *
 * Kmod objects are the DaemonSets, SpecialResources and KMM Modules labelled
 * `app.kubernetes.io/component: kmod`; their group is the `auristor.com/auristorfs-group` label.
 * Adding a group, a kernel or a node gives no warning. Warnings come in a stable order.
 */
export function describeKmodChanges(previous: readonly Manifest[], next: readonly Manifest[]): string[] {
  const warnings: string[] = [];
  const warn = (text: string) => warnings.push(`${text}: ${DRAIN_RULE}`);
  const before = previous.map(kmodObject).filter((k): k is KmodObject => k !== undefined);
  const after = new Map(next.map(kmodObject).filter((k): k is KmodObject => k !== undefined).map((k) => [k.id, k]));
  const groupsAfter = new Set([...after.values()].map((k) => k.group));

  const removedGroups = new Map<string, string[]>();
  for (const old of before) {
    const now = after.get(old.id);
    if (!groupsAfter.has(old.group)) {
      removedGroups.set(old.group, [...(removedGroups.get(old.group) ?? []), old.id]);
    } else if (!now) {
      warn(`AuriStorFS group ${old.group}: ${old.id} is no longer generated; Argo CD leaves it running (Prune=false) `
        + 'until you delete it, which unloads yfs on its nodes');
    } else {
      const kind = old.id.split(' ')[0];
      const ordered = now.version !== undefined && now.version !== old.version;
      if ((old.version === undefined) !== (now.version === undefined)) {
        // kubernetes-sigs/kernel-module-management v2.6.0 internal/webhook/module.go ValidateUpdate
        warn(`AuriStorFS group ${old.group}: ${old.id} ${now.version === undefined ? 'drops' : 'gains'} the ordered-upgrade version; `
          + 'KMM\'s webhook refuses adding or removing version on an existing Module, so the sync fails until you delete the '
          + 'Module, which unloads yfs on every node of the group');
      }
      for (const [kernel, image] of old.images) {
        const newImage = now.images.get(kernel);
        if (newImage === undefined) {
          warn(`AuriStorFS group ${old.group}: ${old.id} no longer loads yfs for ${kernelText(kernel)}; nodes running it lose the module`);
        } else if (newImage !== image && ordered) {
          warn(`AuriStorFS group ${old.group}: ${old.id} maps ${kernelText(kernel)} to ${newImage} (was ${image}) at version ${now.version}; `
            + 'KMM reloads yfs only on nodes whose version label changes to it');
        } else if (newImage !== image) {
          warn(`AuriStorFS group ${old.group}: ${old.id} replaces the kmod for ${kernelText(kernel)}, ${image} -> ${newImage}${IMAGE_CHANGE_NOTE[kind] ?? ''}`);
        }
      }
      if (now.selector !== old.selector) {
        warn(`AuriStorFS group ${old.group}: ${old.id} changes its node selector from "${old.selector}" to "${now.selector}"; `
          + 'nodes leaving the selection lose the module');
      }
    }
  }
  const kinds = (objects: Iterable<KmodObject>, group: string) =>
    [...new Set([...objects].filter((k) => k.group === group).map((k) => k.id.split(' ')[0]))].sort().join('+');
  for (const group of [...new Set(before.map((k) => k.group))].filter((g) => groupsAfter.has(g))) {
    const from = kinds(before, group);
    const to = kinds(after.values(), group);
    if (from !== to) {
      warn(`AuriStorFS group ${group} changes kmod delivery from ${from} to ${to}: until the old objects are deleted both load yfs on the same nodes`);
    }
  }
  for (const [group, ids] of removedGroups) {
    warn(`AuriStorFS group ${group} is removed: ${ids.join(', ')} no longer generated; Argo CD leaves them running (Prune=false) `
      + 'until you delete them, which unloads yfs on the group\'s nodes');
  }

  const oldNodes = nodeGroups(previous);
  const newNodes = nodeGroups(next);
  const oldVersions = nodeVersionLabels(previous);
  const newVersions = nodeVersionLabels(next);
  const moduleVersions = new Map([...after.values()].filter((k) => k.version !== undefined).map((k) => [k.group, k.version!]));
  for (const [node, labels] of oldVersions) {
    for (const [key, version] of labels) {
      const now = newVersions.get(node)?.get(key);
      const group = newNodes.get(node) ?? oldNodes.get(node) ?? '?';
      if (now === undefined) {
        // a node leaving its group is reported below
        if (!newNodes.has(node)) continue;
        warn(`node ${node} loses its KMM version label ${key}; its label stays (Prune=false), and removing it by hand makes KMM unload yfs there`);
      } else if (now !== version) {
        const loads = now === moduleVersions.get(group) ? `loads ${now}` : `loads nothing (the group's Module is at version ${moduleVersions.get(group) ?? 'none'})`;
        warn(`node ${node}: KMM unloads yfs ${version} and ${loads} (label ${key}: ${version} -> ${now})`);
      }
    }
  }

  for (const [node, group] of oldNodes) {
    const now = newNodes.get(node);
    if (now === undefined) {
      warn(`node ${node} is no longer listed in AuriStorFS group ${group}; its label stays (Prune=false), and removing it by hand `
        + 'unloads the group\'s kmod there');
    } else if (now !== group) {
      warn(`node ${node} moves from AuriStorFS group ${group} to ${now}: its kmod is replaced by the other group's`);
    }
  }
  return warnings;
}
