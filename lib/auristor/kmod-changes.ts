import type { Manifest } from '../generator/synthesize';
import { kmodImageRepository } from './kernel-image';
import { COMPONENT_LABEL } from '../ais/labels';
import { AuristorComponent, GROUP_LABEL, KERNEL_VERSION_LABEL } from './names';

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
}

function describeId(manifest: Manifest): string {
  const ns = manifest.metadata.namespace;
  return `${manifest.kind} ${ns ? `${ns}/` : ''}${manifest.metadata.name}`;
}

function selectorText(selector: Record<string, string> | undefined): string {
  return Object.entries(selector ?? {})
    .filter(([key]) => key !== KERNEL_VERSION_LABEL)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([key, value]) => `${key}=${value}`)
    .join(',');
}

/** Reads a kmod object; undefined for anything else. */
function kmodObject(manifest: Manifest): KmodObject | undefined {
  if (!KMOD_KINDS.has(manifest.kind) || manifest.metadata?.labels?.[COMPONENT_LABEL] !== AuristorComponent.KMOD) return undefined;
  const group = manifest.metadata.labels?.[GROUP_LABEL] ?? manifest.metadata.namespace ?? manifest.metadata.name;
  const images = new Map<string, string>();
  let selector: Record<string, string> | undefined;
  if (manifest.kind === 'DaemonSet') {
    const pod = manifest.spec?.template?.spec ?? {};
    selector = pod.nodeSelector;
    images.set(pod.nodeSelector?.[KERNEL_VERSION_LABEL] ?? '*', pod.containers?.[0]?.image ?? '');
  } else if (manifest.kind === 'Module') {
    const container = manifest.spec?.moduleLoader?.container ?? {};
    selector = manifest.spec?.selector;
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
  return { id: describeId(manifest), group, images, selector: selectorText(selector) };
}

function kernelText(kernel: string): string {
  return kernel === '*' ? 'every kernel' : `kernel ${kernel}`;
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
 * `Prune=false`), a kmod object's node selector changing, a node moving to another group. Each warning
 * ends with the rule: drain pods using AuriStorFS volumes first (`lsmod | grep yfs`).
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
      const onDelete = old.id.startsWith('DaemonSet ') ? ' (updateStrategy OnDelete: the new module loads when you delete each node\'s kmod pod)' : '';
      for (const [kernel, image] of old.images) {
        const newImage = now.images.get(kernel);
        if (newImage === undefined) {
          warn(`AuriStorFS group ${old.group}: ${old.id} no longer loads yfs for ${kernelText(kernel)}; nodes running it lose the module`);
        } else if (newImage !== image) {
          warn(`AuriStorFS group ${old.group}: ${old.id} replaces the kmod for ${kernelText(kernel)}, ${image} -> ${newImage}${onDelete}`);
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
