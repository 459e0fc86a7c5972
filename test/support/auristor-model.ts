/**
 * A model of what runs on AuriStorFS client nodes, driven by our emitted objects: nodes (labels, taints, kernel,
 * boot id), the `yfs` module and who uses it (pods with AuriStorFS mounts, the cache manager), KMM (v2.6.0),
 * DaemonSets (Kubernetes 1.28), the CSI node plugin's registration, workload pods and Argo CD's server-side apply of
 * label-only Nodes. Each transition follows an upstream function (cited beside it). It runs the typed AuriStorFS
 * procedures (lib/review/auristor-runbooks.ts) step by step and records what goes wrong:
 *
 * - `crashes`: something tries to unload `yfs` while it is in use (mounts or the cache manager): `modprobe -r` and
 *   `rmmod` refuse, KMM retries, a kmod pod dies with the module loaded without its cache manager;
 * - `stuck`: a pod cannot unmount because the node's CSI plugin is not registered (a drain that never ends);
 * - `early`: a CSI node plugin registered while `yfs` is not loaded (mounts fail until it is);
 * - `failed`: a procedure's check or wait that would not pass.
 *
 * SRO is not modelled (its procedures are checked against the docs); KMM's image checks always succeed.
 */
import { toleratesTaint } from '../../lib/k8s/tolerations';
import type { AuristorProcedure, AuristorStep } from '../../lib/review/auristor-runbooks';
import { reviewChanges } from '../../lib/review/change-review';
import type { Manifest } from './schema';

export interface Taint { readonly key: string; readonly value?: string; readonly effect: 'NoSchedule' | 'NoExecute' | 'PreferNoSchedule' }

const KERNEL_LABEL = 'feature.node.kubernetes.io/kernel-version.full';
const CORDON: Taint = { key: 'node.kubernetes.io/unschedulable', effect: 'NoSchedule' };

/** What a KMM worker loads (`module_reconciler.go` enableModuleOnNode: ModuleConfig). */
interface ModuleConfig { readonly kernel: string; readonly image: string; readonly pullPolicy?: string; readonly modprobe?: unknown }

interface NmcEntry {
  spec?: { config: ModuleConfig; tolerations: readonly any[] };
  status?: { config: ModuleConfig; bootId: number };
}

/** One node and what runs on it. */
export interface ModelNode {
  readonly name: string;
  kernel: string;
  labels: Record<string, string>;
  taints: Taint[];
  bootId: number;
  /** the image `yfs` was loaded from, if loaded */
  yfs?: string;
  /** the AuriStorFS cache manager holds yfs (kmm: a host service; static: the kmod pod) */
  afsd: boolean;
  /** running pods with AuriStorFS mounts */
  workloads: number;
  /** CSI node pod per DaemonSet key: waiting in its init container, or running (registered) */
  csi: Map<string, 'init' | 'running'>;
  /** static kmod pod per DaemonSet key: the image it started with */
  kmodPods: Map<string, string>;
  /** KMM NodeModulesConfig entry per Module key */
  nmc: Map<string, NmcEntry>;
}

const key = (m: Manifest) => `${m.kind} ${m.metadata.namespace ?? ''}/${m.metadata.name}`;
const retained = (m: Manifest) => (m.metadata.annotations?.['argocd.argoproj.io/sync-options'] ?? '').includes('Prune=false');
const matches = (selector: Record<string, string> | undefined, labels: Record<string, string>) =>
  Object.entries(selector ?? {}).every(([k, v]) => labels[k] === v);

/** Tolerations the DaemonSet controller adds to every daemon pod (`pkg/controller/daemon/util/daemonset_util.go` AddOrUpdateDaemonPodTolerations). */
const DAEMON_TOLERATIONS = [
  { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute' },
  { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute' },
  { key: 'node.kubernetes.io/disk-pressure', operator: 'Exists', effect: 'NoSchedule' },
  { key: 'node.kubernetes.io/memory-pressure', operator: 'Exists', effect: 'NoSchedule' },
  { key: 'node.kubernetes.io/pid-pressure', operator: 'Exists', effect: 'NoSchedule' },
  { key: 'node.kubernetes.io/unschedulable', operator: 'Exists', effect: 'NoSchedule' },
];
/** KMM's own (`internal/module/helper.go` InternalTolerations). */
const KMM_INTERNAL_TOLERATIONS = DAEMON_TOLERATIONS.slice(2, 5);

const tolerated = (taint: Taint, tolerations: readonly any[]) => tolerations.some((t) => toleratesTaint(t, taint));

export class AuristorModel {
  public readonly nodes = new Map<string, ModelNode>();
  public readonly crashes = new Set<string>();
  public readonly stuck = new Set<string>();
  public readonly early = new Set<string>();
  public readonly failed: string[] = [];
  /** unload attempts (and loads over another image) since the last {@link takeReloads} */
  private reloads = new Set<string>();
  private readonly objects = new Map<string, Manifest>();
  /** label keys Argo CD's field manager applied to each Node */
  private readonly owned = new Map<string, Set<string>>();

  constructor(nodes: ReadonlyArray<{ readonly name: string; readonly kernel: string; readonly labels?: Record<string, string> }>) {
    for (const n of nodes) {
      this.nodes.set(n.name, {
        name: n.name, kernel: n.kernel, labels: { ...n.labels, [KERNEL_LABEL]: n.kernel }, taints: [], bootId: 1,
        afsd: false, workloads: 0, csi: new Map(), kmodPods: new Map(), nmc: new Map(),
      });
    }
  }

  public node(name: string): ModelNode {
    const node = this.nodes.get(name);
    if (!node) throw new Error(`model: no node ${name}`);
    return node;
  }

  /** An Argo CD sync of `manifests` (server-side apply, Prune=false objects kept), then the controllers settle. */
  public sync(manifests: readonly Manifest[]): void {
    const next = new Map(manifests.map((m) => [key(m), m]));
    for (const [k, old] of this.objects) if (!next.has(k) && !retained(old)) this.objects.delete(k);
    for (const [k, m] of next) this.objects.set(k, m);
    for (const m of manifests) {
      if (m.kind !== 'Node') continue;
      const node = this.nodes.get(m.metadata.name);
      if (!node) continue;
      // Kubernetes server-side apply: a label the manager applied before and no longer applies is removed
      for (const label of this.owned.get(node.name) ?? []) if (m.metadata.labels?.[label] === undefined) delete node.labels[label];
      Object.assign(node.labels, m.metadata.labels ?? {});
      this.owned.set(node.name, new Set(Object.keys(m.metadata.labels ?? {})));
    }
    this.reconcile();
  }

  /** The unloads (and loads over another module) since the last call. */
  public takeReloads(): string[] {
    const result = [...this.reloads].sort();
    this.reloads = new Set();
    return result;
  }

  private modules(): Manifest[] {
    return [...this.objects.values()].filter((m) => m.kind === 'Module');
  }

  private daemonSets(): Manifest[] {
    return [...this.objects.values()].filter((m) => m.kind === 'DaemonSet');
  }

  /** Runs every controller until nothing changes. */
  public reconcile(): void {
    for (let i = 0; i < 50; i++) {
      const before = this.fingerprint();
      for (const module of this.modules()) this.kmmLabels(module);
      // both KMM reconcilers react to a node's taints; the NMC one first: it drops the ready labels while the
      // Module's entry is still in the NMC spec (the race the audit found), then the Module one removes the entry
      for (const node of this.nodes.values()) this.kmmNmc(node);
      for (const module of this.modules()) this.kmmModule(module);
      for (const ds of this.daemonSets()) this.daemonSet(ds);
      for (const node of this.nodes.values()) this.csiInit(node);
      if (this.fingerprint() === before) return;
    }
    throw new Error('model: no fixpoint');
  }

  private fingerprint(): string {
    return JSON.stringify([...this.nodes.values()].map((n) => [n.labels, n.yfs, n.afsd, [...n.csi], [...n.kmodPods], [...n.nmc]]));
  }

  /** KMM unloader pods that are retrying (KMM re-creates a failed worker pod): node/module */
  private readonly retrying = new Set<string>();

  private unload(node: ModelNode, by: string, retryKey?: string): boolean {
    // a retry of a refused unload is not a new one
    if (!retryKey || !this.retrying.has(retryKey)) this.reloads.add(`${node.name}: unload by ${by}`);
    if (retryKey) this.retrying.add(retryKey);
    if (node.workloads > 0 || node.afsd) {
      // modprobe -r / rmmod refuse a module in use (KMM internal/worker/worker.go UnloadKmod; static preStop)
      this.crashes.add(`${node.name}: ${by} unloads yfs while ${node.workloads} pod(s) mount AuriStorFS${node.afsd ? ' and the cache manager runs' : ''}`);
      return false;
    }
    node.yfs = undefined;
    if (retryKey) this.retrying.delete(retryKey);
    return true;
  }

  private load(node: ModelNode, image: string, kernel: string, by: string): boolean {
    if (kernel !== node.kernel) return false; // modprobe for `uname -r` finds no module in the copied directory
    if (node.yfs !== undefined && node.yfs !== image) this.reloads.add(`${node.name}: ${by} loads ${image} over ${node.yfs}`);
    node.yfs = image;
    return true;
  }

  // ---- KMM v2.6.0 ----
  private kmmNames(module: Manifest) {
    const ns = module.metadata.namespace;
    const name = module.metadata.name;
    return {
      version: `kmm.node.kubernetes.io/version-module.${ns}.${name}`,
      worker: `beta.kmm.node.kubernetes.io/version-worker-pod.${ns}.${name}`,
      ready: `kmm.node.kubernetes.io/${ns}.${name}.ready`,
      versionReady: `kmm.node.kubernetes.io/${ns}.${name}.version.ready`,
    };
  }

  /** `node_label_module_version_reconciler.go` + `module_version_label_action_table.go`. */
  private kmmLabels(module: Manifest): void {
    const names = this.kmmNames(module);
    for (const node of this.nodes.values()) {
      const user = node.labels[names.version];
      const worker = node.labels[names.worker];
      if (worker !== undefined && user !== worker) delete node.labels[names.worker];
      else if (user !== undefined && worker === undefined && node.labels[names.ready] === undefined) node.labels[names.worker] = user;
    }
  }

  private kmmConfig(module: Manifest, kernel: string): ModuleConfig | undefined {
    const container = module.spec?.moduleLoader?.container ?? {};
    const mapping = (container.kernelMappings ?? []).find((m: any) => m.literal === kernel);
    if (!mapping) return undefined;
    return { kernel, image: mapping.containerImage, pullPolicy: container.imagePullPolicy, modprobe: container.modprobe };
  }

  /** `module_reconciler.go` Reconcile: targeted nodes (selector + schedulable), prepareNodeSchedulingData. */
  private kmmModule(module: Manifest): void {
    const k = key(module);
    const names = this.kmmNames(module);
    const version: string | undefined = module.spec?.moduleLoader?.container?.version;
    const tolerations = [...(module.spec?.tolerations ?? []), ...KMM_INTERNAL_TOLERATIONS];
    for (const node of this.nodes.values()) {
      const entry = node.nmc.get(k) ?? {};
      const targeted = matches(module.spec?.selector, node.labels) && this.schedulable(node, tolerations);
      const config = targeted ? this.kmmConfig(module, node.kernel) : undefined;
      const worker = node.labels[names.worker];
      let action: 'enable' | 'delete' | 'keep';
      if (!targeted || !config) action = 'delete';
      else if (version === undefined || worker === version) action = 'enable';
      else if (worker !== undefined) action = 'keep';
      else action = 'delete';
      if (action === 'enable') entry.spec = { config: config!, tolerations };
      if (action === 'delete') entry.spec = undefined;
      if (entry.spec || entry.status) node.nmc.set(k, entry);
    }
  }

  /** `internal/node/node.go` IsNodeSchedulable. */
  private schedulable(node: ModelNode, tolerations: readonly any[]): boolean {
    return node.taints.every((t) => t.effect === 'PreferNoSchedule' || tolerated(t, tolerations));
  }

  /** `nmc_reconciler.go` Reconcile, ProcessModuleSpec, ProcessUnconfiguredModuleStatus, UpdateNodeLabels. */
  private kmmNmc(node: ModelNode): void {
    for (const [moduleKey, entry] of node.nmc) {
      const module = this.objects.get(moduleKey);
      const names = module ? this.kmmNames(module) : undefined;
      const { spec, status } = entry;
      if (spec && !this.schedulable(node, spec.tolerations)) {
        if (names) { delete node.labels[names.ready]; delete node.labels[names.versionReady]; }
        continue;
      }
      if (spec) {
        const same = status && JSON.stringify(spec.config) === JSON.stringify(status.config);
        if (!status || (!same && spec.config.kernel !== status.config.kernel) || (same && node.bootId !== status.bootId)) {
          if (this.load(node, spec.config.image, spec.config.kernel, 'KMM loader')) entry.status = { config: spec.config, bootId: node.bootId };
        } else if (!same && this.unload(node, 'KMM unloader', `${node.name} ${moduleKey}`)) {
          entry.status = undefined;
        }
      } else if (status) {
        if (node.bootId !== status.bootId) entry.status = undefined;
        else if (this.unload(node, 'KMM unloader', `${node.name} ${moduleKey}`)) entry.status = undefined;
      }
      if (names) {
        const ready = entry.spec && entry.status && JSON.stringify(entry.spec.config) === JSON.stringify(entry.status.config);
        if (ready) {
          node.labels[names.ready] = '';
          const version = module?.spec?.moduleLoader?.container?.version;
          if (version !== undefined && node.labels[names.worker] === version) node.labels[names.versionReady] = version;
        } else if (!entry.spec && !entry.status) {
          delete node.labels[names.ready];
          delete node.labels[names.versionReady];
        }
      }
      if (!entry.spec && !entry.status) node.nmc.delete(moduleKey);
    }
  }

  // ---- Kubernetes 1.28 DaemonSets (pkg/controller/daemon/daemon_controller.go NodeShouldRunDaemonPod) ----
  private daemonSet(ds: Manifest): void {
    const k = key(ds);
    const pod = ds.spec?.template?.spec ?? {};
    const tolerations = [...(pod.tolerations ?? []), ...DAEMON_TOLERATIONS];
    const kmod = ds.metadata.labels?.['app.kubernetes.io/component'] === 'kmod';
    const image = pod.containers?.[0]?.image ?? '';
    const onDelete = ds.spec?.updateStrategy?.type === 'OnDelete';
    for (const node of this.nodes.values()) {
      const selected = matches(pod.nodeSelector, node.labels);
      const canStart = selected && node.taints.every((t) => t.effect === 'PreferNoSchedule' || tolerated(t, tolerations));
      const canStay = selected && node.taints.every((t) => t.effect !== 'NoExecute' || tolerated(t, tolerations));
      const has = kmod ? node.kmodPods.has(k) : node.csi.has(k);
      const outdated = kmod && has && !onDelete && node.kmodPods.get(k) !== image;
      if (has && (!canStay || outdated)) this.deletePod(node, k, kmod);
      if (!(kmod ? node.kmodPods.has(k) : node.csi.has(k)) && canStart) this.startPod(node, k, ds, kmod);
    }
  }

  private startPod(node: ModelNode, dsKey: string, ds: Manifest, kmod: boolean): void {
    const pod = ds.spec.template.spec;
    if (kmod) {
      const image = pod.containers[0].image;
      node.kmodPods.set(dsKey, image);
      // AuriStor's driver container: systemd loads yfs and starts the cache manager (chart 1000-driver-container.yaml)
      if (this.load(node, image, pod.nodeSelector[KERNEL_LABEL], 'kmod pod')) node.afsd = true;
    } else {
      const gated = (pod.initContainers ?? []).some((c: any) => c.name === 'wait-for-kmod');
      node.csi.set(dsKey, gated ? 'init' : 'running');
      if (!gated && node.yfs === undefined) this.early.add(`${node.name}: the CSI node plugin registers before yfs is loaded`);
    }
  }

  private deletePod(node: ModelNode, dsKey: string, kmod: boolean): void {
    if (kmod) {
      node.kmodPods.delete(dsKey);
      // preStop: stop the cache manager unit, then rmmod until yfs is gone (lib/auristor/kmod/kmod-daemonset.ts)
      node.afsd = false;
      this.unload(node, 'the kmod pod\'s preStop');
    } else {
      node.csi.delete(dsKey);
    }
  }

  /** The CSI plugin's init container polls /proc/modules (K5: it runs again with each new sandbox). */
  private csiInit(node: ModelNode): void {
    for (const [k, state] of node.csi) if (state === 'init' && node.yfs !== undefined) node.csi.set(k, 'running');
  }

  private registered(node: ModelNode): boolean {
    return [...node.csi.values()].includes('running');
  }

  // ---- what people do ----
  /** Pods using AuriStorFS volumes start on the node (they mount through the registered plugin). */
  public mount(nodeName: string, pods: number): void {
    const node = this.node(nodeName);
    if (!this.registered(node) || node.yfs === undefined) throw new Error(`model: ${nodeName} cannot mount (CSI plugin ${this.registered(node) ? 'registered' : 'not registered'}, yfs ${node.yfs ?? 'not loaded'})`);
    node.workloads += pods;
  }

  public taint(nodeName: string, taint: Taint): void {
    this.node(nodeName).taints.push(taint);
    this.reconcile();
  }

  public untaint(nodeName: string, taintKey: string): void {
    const node = this.node(nodeName);
    node.taints = node.taints.filter((t) => t.key !== taintKey);
    this.reconcile();
  }

  /** `kubectl drain`: cordon, let the controllers react, then evict; a pod whose volume cannot be unmounted stays Terminating. */
  public drain(nodeName: string): void {
    const node = this.node(nodeName);
    if (!node.taints.some((t) => t.key === CORDON.key)) node.taints.push(CORDON);
    this.reconcile();
    if (node.workloads > 0 && !this.registered(node)) {
      // kubelet: "driver name … not found in the list of registered CSI drivers" (pkg/volume/csi/csi_client.go)
      this.stuck.add(`${nodeName}: ${node.workloads} pod(s) stay Terminating: no registered CSI plugin to unmount their volumes`);
      return;
    }
    node.workloads = 0;
    this.reconcile();
  }

  /** A reboot (into `kernel`, if given): modules and pods go; KMM and the DaemonSets bring them back. */
  public reboot(nodeName: string, kernel?: string): void {
    const node = this.node(nodeName);
    if (node.workloads > 0) this.crashes.add(`${nodeName}: rebooted with ${node.workloads} pod(s) using AuriStorFS`);
    node.bootId += 1;
    node.yfs = undefined;
    node.afsd = false;
    node.workloads = 0;
    if (kernel) { node.kernel = kernel; node.labels[KERNEL_LABEL] = kernel; }
    // the kubelet recreates the pod sandboxes: init containers run again (Kubernetes docs, init containers)
    for (const k of node.csi.keys()) node.csi.set(k, 'init');
    const kmodPods = [...node.kmodPods];
    node.kmodPods.clear();
    for (const [k] of kmodPods) {
      const ds = this.objects.get(k);
      if (ds) this.startPod(node, k, ds, true);
    }
    for (const [k, ds] of this.objects) {
      if (ds.kind !== 'DaemonSet' || !node.csi.has(k)) continue;
      const gated = (ds.spec?.template?.spec?.initContainers ?? []).some((c: any) => c.name === 'wait-for-kmod');
      if (!gated) {
        node.csi.set(k, 'running');
        this.early.add(`${nodeName}: after the reboot the CSI node plugin registers before yfs is loaded`);
      }
    }
    this.reconcile();
  }

  public restartCsi(nodeName: string): void {
    const node = this.node(nodeName);
    node.csi.clear();
    this.reconcile();
  }

  public deleteKmodPod(nodeName: string): void {
    const node = this.node(nodeName);
    for (const k of [...node.kmodPods.keys()]) this.deletePod(node, k, true);
    this.reconcile();
  }

  /** The KMM `.version.ready` label of a node for the Module in `namespace`. */
  public versionReady(nodeName: string, namespace: string): string | undefined {
    return this.node(nodeName).labels[`kmm.node.kubernetes.io/${namespace}.auristorfs-kmod.version.ready`];
  }
}

/** How a procedure's config edits and syncs are carried out: the test owns the config and the synth. */
export interface ProcedureContext {
  /** applies a config edit step */
  readonly edit: (step: Extract<AuristorStep, { kind: 'edit' }>) => void;
  /** the output of the config as it is now */
  readonly output: () => readonly Manifest[];
  /** the output last synced */
  previous: readonly Manifest[];
  /** what a `node-work` step does: a reboot, into this kernel if given */
  readonly newKernel?: string;
}

/**
 * Runs a procedure's steps against the model. A sync step checks that the change review gates exactly what the
 * step says (dangerous or not) before the model applies the output. Problems go to `model.failed`.
 */
export function runProcedure(model: AuristorModel, procedure: AuristorProcedure, context: ProcedureContext): void {
  const ns = procedure.group?.namespace ?? '';
  for (const step of procedure.steps) {
    const fail = (what: string) => model.failed.push(`${procedure.id}, ${step.kind}${'node' in step ? ` ${step.node}` : ''}: ${what}`);
    switch (step.kind) {
      case 'drain': model.drain(step.node); break;
      case 'uncordon': model.untaint(step.node, CORDON.key); break;
      case 'host': {
        const node = model.node(step.node);
        if (step.action === 'stop-cache-manager') node.afsd = false;
        if (step.action === 'start-cache-manager') { if (node.yfs === undefined) fail('yfs is not loaded'); else node.afsd = true; }
        if (step.action === 'check-yfs-unused' && (node.workloads > 0 || node.afsd)) fail('yfs is in use');
        if (step.action === 'check-yfs-loaded' && node.yfs === undefined) fail('yfs is not loaded');
        if (step.action === 'node-work') model.reboot(step.node, context.newKernel);
        break;
      }
      case 'edit': context.edit(step); break;
      case 'sync': {
        const next = context.output();
        const review = reviewChanges(context.previous, next);
        if (review.dangerous !== step.dangerous) fail(`the review says ${review.dangerous ? 'DANGEROUS' : 'not dangerous'}: ${review.findings.map((f) => f.title).join('; ')}`);
        model.sync(next);
        context.previous = next;
        break;
      }
      case 'delete-kmod-pod': model.deleteKmodPod(step.node); break;
      case 'restart-csi-pod': model.restartCsi(step.node); break;
      case 'wait': {
        const node = step.node ? model.node(step.node) : undefined;
        const until = step.until;
        if (until.type === 'kmm-version-ready' && until.version !== undefined && model.versionReady(step.node, ns) !== until.version) {
          fail(`the version.ready label is ${model.versionReady(step.node, ns)}, not ${until.version}`);
        }
        if ((until.type === 'kmod-pod-ready' || until.type === 'kmm-version-ready') && node?.yfs === undefined) fail('yfs is not loaded');
        if (until.type === 'csi-pod-ready' && node && ![...node.csi.values()].includes('running')) fail('the CSI node plugin is not running');
        break;
      }
      default: fail('not modelled');
    }
  }
}
