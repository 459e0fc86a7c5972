/**
 * The simulator's world: Kubernetes objects and pods, the hosts' disks and state directories, the AIS
 * cluster (map, processes, jobs, config), Argo CD Applications, and a clock in ticks of 5 s. Plain
 * data, cloned per scenario; the rules that change it live in k8s.ts, ais.ts, argocd.ts and
 * operator.ts, each citing the upstream function it models.
 */
import { createHash } from 'node:crypto';
import type { Manifest } from '../../../lib/k8s/manifest';

/** Seconds per tick: the scripts poll every 5 s too. */
export const TICK = 5;

/** A seeded pseudo-random source (mulberry32): every run of a scenario is the same. */
export class Random {
  private state: number;
  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** an integer in [min, max] */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)];
  }

  /** a hex id like AIS node IDs */
  id(): string {
    return Math.floor(this.next() * 0xffffffff).toString(16).padStart(8, '0');
  }
}

/** A short stable hash. */
export function hash(value: unknown): string {
  return createHash('sha256').update(typeof value === 'string' ? value : jsonOf(value)).digest('hex').slice(0, 10);
}

const deeplyFrozen = new WeakSet<object>();

/** Freezes an object and everything in it: objects the scenarios share, which nothing may change in place. */
export function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !deeplyFrozen.has(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
    deeplyFrozen.add(value);
  }
  return value;
}

/** A deep-frozen copy of a value: the value itself when it is deep-frozen already (nothing can change it). */
export function frozenCopy<T>(value: T): T {
  return value && typeof value === 'object' && deeplyFrozen.has(value) ? value : deepFreeze(structuredClone(value));
}

const jsonTexts = new WeakMap<object, string>();

/** `JSON.stringify`, computed once per deep-frozen object (the outputs and live copies the controllers compare every tick). */
export function jsonOf(value: unknown): string {
  if (!value || typeof value !== 'object' || !deeplyFrozen.has(value)) return JSON.stringify(value);
  let text = jsonTexts.get(value);
  if (text === undefined) jsonTexts.set(value, (text = JSON.stringify(value)));
  return text;
}

/** One disk of a host, at a mountpath. */
export interface Disk {
  /** a filesystem is mounted there (else the mount point is on the root disk) */
  mounted: boolean;
  /** the disk marker directory exists on it */
  marker: boolean;
  /** AIS node ID in the `user.ais.daemon_id` xattr (aistore fs/xattr_unix.go) */
  xattrId?: string;
  /** the target's volume metadata on this disk: its ID and the mountpaths it lists, enabled or not (volume/vinit.go) */
  vmd?: { id: string; paths: Record<string, boolean> };
  /** targets whose objects are stored here (objects survive metadata-only decommission: fs/deleted.go demd) */
  objectsOf: string[];
  /** bucket metadata of a cluster (uuid) */
  bmd?: string;
  /** the whole cluster was decommissioned: the next cluster takes its objects over on purpose */
  adoptable?: boolean;
}

/** A pod's (or node's) AIS state directory on a host. */
export interface StateDir {
  /** `.ais.conf`: the cluster config the node persisted (cmn/config.go LoadConfig prefers it) */
  conf?: Record<string, unknown>;
  /** `.ais.override_config` fspaths (cmn/config.go handleOverrideConfig) */
  overrideFspaths?: string[];
  /** `.ais.smap`: the cluster UUID it belongs to */
  smapUuid?: string;
}

export interface Host {
  name: string;
  /** the kubelet allows these unsafe sysctls */
  allowedSysctls: string[];
  disks: Record<string, Disk>;
  stateDirs: Record<string, StateDir>;
  /** images pulled here (kube-scheduler ImageLocality prefers such nodes) */
  images: string[];
}

export interface NodeObject {
  name: string;
  labels: Record<string, string>;
  unschedulable: boolean;
  /** label keys Argo CD's server-side apply manages on it (it removes those it stops sending) */
  managed: string[];
}

export interface StatefulSet {
  name: string;
  spec: any;
  generation: number;
  observedGeneration: number;
  /** revision of the current template */
  updateRevision: string;
}

export type PodPhase = 'Pending' | 'ContainerCreating' | 'Running';

export interface Pod {
  name: string;
  set: string;
  ordinal: number;
  /** the template it was created from, and that template's revision */
  template: any;
  revision: string;
  node?: string;
  phase: PodPhase;
  /** why it does not start (ContainerCreating / Pending) */
  waiting?: string;
  /** tick its container starts (after pulling and the init container) */
  startAt?: number;
  /** the startup probe passed (ContainerStatus.started) */
  started: boolean;
  ready: boolean;
  /** container restarts (startup-probe kills, crashes) */
  restarts: number;
  /** the container runs no more until the pod is deleted (decommissioned: its config files are gone, A9) */
  dead?: string;
  /** tick the container was (re)started */
  containerStartedAt?: number;
  /** claims it mounts (local volumes) */
  claims: string[];
  /** the cluster ConfigMap data at creation (ais-init renders it then) */
  initialConfig: Record<string, unknown>;
  fspaths: string[];
}

export interface Claim {
  name: string;
  template: string;
  selector: Record<string, string>;
  volume?: string;
  deleting: boolean;
}

export interface Volume {
  name: string;
  node: string;
  path: string;
  labels: Record<string, string>;
  phase: 'Available' | 'Bound' | 'Released';
  claim?: string;
  deleting: boolean;
}

/** An aisnode process. */
export interface Proc {
  pod: string;
  role: 'proxy' | 'target';
  node: string;
  id?: string;
  /** joined the cluster (ais/target.go joinCluster → markNodeStarted) */
  started: boolean;
  /** the tick it joins */
  joinAt: number;
  image: string;
  https: boolean;
  /** cluster config loaded at start (restart-required keys take effect only so) */
  loaded: Record<string, unknown>;
  /** backends it initialised at start (ais/target.go initBuiltTagged) */
  backends: string[];
  /** the TLS certificate revision it read at start */
  cert?: string;
  /** decommissioned: it cleaned up and exits */
  exited?: string;
}

export type Flag = 'maint' | 'decomm' | 'postReb' | 'nonElectable';

export interface MapNode {
  id: string;
  role: 'proxy' | 'target';
  /** pod whose DNS name is its intra-control hostname */
  pod: string;
  flags: Flag[];
  /** tick its process was last seen listening */
  lastSeen: number;
  /** decommission pending the end of a rebalance */
  decommission?: { rmUserData: boolean };
}

export interface Cluster {
  uuid: string;
  https: boolean;
  primary?: string;
  nodes: Record<string, MapNode>;
}

export interface Rebalance {
  end: number;
  /** targets whose objects it moves away (maintenance or decommission) */
  draining: string[];
}

export interface AisState {
  cluster?: Cluster;
  procs: Record<string, Proc>;
  rebalance?: Rebalance;
  /** per target ID: a running resilver (detach moves a mountpath's objects first) */
  resilver: Record<string, { end: number; detach?: string; attach?: string; pod: string }>;
  /** the cluster config as the API holds it (set-config), flattened JSON */
  config: Record<string, unknown>;
  /** targets whose objects were moved elsewhere (after a rebalance that drained them) */
  migrated: string[];
  /** the cert revision cert-manager issued last (issuer change) */
  certRevision: string;
}

export interface App {
  name: string;
  automated?: { prune: boolean; selfHeal: boolean };
  /** Git's policy for it (what resume restores and a parent's self-heal re-applies) */
  gitAutomated?: { prune: boolean; selfHeal: boolean };
  /** revision it last synced: 'old' or 'new' */
  synced: 'old' | 'new';
  operation?: { revision: 'old' | 'new'; prune: boolean; startedAt: number; applied: boolean; error?: string };
  /** tick it noticed it is OutOfSync / drifted (auto-sync, self-heal wait from there) */
  driftSince?: number;
  /** the parent Application (app of apps) */
  parent?: string;
  /** it syncs the AIS objects */
  syncsAis: boolean;
}

/** Every output object the simulator keeps as is (Services, PDBs, ConfigMaps, AIStore...), by key. */
export type Live = Record<string, Manifest>;

/** Keys of live objects Argo CD tracks as the AIS Application's (its tracking label or annotation is on them). */
export type Tracked = string[];

export interface Event {
  tick: number;
  kind: 'unplanned-election' | 'planned-handover' | 'keepalive-removal' | 'data-loss' | 'disk-reused' | 'unavailable' | 'crash' | 'probe-kill' | 'info';
  text: string;
}

export interface World {
  tick: number;
  random: Random;
  /** the two outputs; git is what Argo CD reads */
  outputs: { old: readonly Manifest[]; new: readonly Manifest[] };
  git: 'old' | 'new';
  namespace: string;
  release: string;
  mode: 'standalone' | 'operator';
  nodes: Record<string, NodeObject>;
  hosts: Record<string, Host>;
  statefulSets: Record<string, StatefulSet>;
  pods: Record<string, Pod>;
  claims: Record<string, Claim>;
  volumes: Record<string, Volume>;
  /** other live objects of the output, by key */
  live: Live;
  /** objects the AIS Application tracks (it applied them and they still carry its tracking label or annotation) */
  tracked: Tracked;
  apps: Record<string, App>;
  ais: AisState;
  events: Event[];
  durations: Durations;
  /** operator mode: its controller state */
  operator?: { proxyPartition?: number; stage?: string; rolledPrimary?: boolean };
}

/** How long things take, in ticks, drawn per seed. */
export interface Durations {
  pull: number;
  start: number;
  join: number;
  rebalance: number;
  resilver: number;
  /** a non-maintenance node unanswering this long leaves the map (ais/kalive.go) */
  keepalive: number;
  /** primary down this long: election (ais/vote.go) */
  election: number;
  /** Argo CD: auto-sync poll and self-heal delay */
  autoSync: number;
  selfHeal: number;
}

export function drawDurations(random: Random): Durations {
  return {
    pull: random.int(2, 4),
    start: random.int(3, 6),
    join: random.int(1, 2),
    rebalance: random.int(6, 16),
    resilver: random.int(3, 8),
    keepalive: random.int(4, 6),
    election: random.int(2, 3),
    autoSync: random.int(6, 12),
    selfHeal: random.int(1, 2),
  };
}

/** Records an event. */
export function note(world: World, kind: Event['kind'], text: string): void {
  world.events.push({ tick: world.tick, kind, text });
}

/** Violations of the per-tick invariants, as recorded. */
export const VIOLATIONS: ReadonlyArray<Event['kind']> = ['unplanned-election', 'keepalive-removal', 'data-loss', 'disk-reused', 'unavailable'];

export function clone<T>(value: T): T {
  return structuredClone(value);
}
