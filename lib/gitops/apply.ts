import { ApiObject, App, Chart } from 'cdk8s';
import type { IConstruct } from 'constructs';
import { withFastRendering } from '../output/fast-to-json';
import { ChartObjects, apiObjectsByChart } from './all-api-objects';
import { SYNC_WAVE_ANNOTATION, SyncOption, addManifestSyncOptions, addSyncOptions, annotationOf } from '../argo/argo-annotations';
import { childrenOf, setBulkAnnotation, setBulkAnnotations } from '../k8s/bulk-objects';
import { ArgoApplicationsProps, addArgoApplications } from './argo-applications';
import { Manifest, describeObject, groupKind } from '../k8s/manifest';
import { COMPONENT_LABEL, NAME_LABEL } from '../k8s/app-labels';
import { assertUniqueObjects, mergeSharedNodes } from './shared-nodes';
import { syncOptionsFor } from '../argo/sync-option-rules';
import { knownSyncWaveRow } from '../argo/sync-waves';
import { Footprint, footprintOf } from '../props/footprint';
import { assertNoAppProblems, gitOpsAppProblems } from './app-checks';
import { ALL_PODS_UPDATED, HEALTH_GATE_KINDS, ROLLOUT_HEALTH_ANNOTATION, needsHealthGate } from '../argo/health-gates';

/** Options of {@link applyGitOps}. */
export interface GitOpsOptions {
  /**
   * Annotate every OnDelete StatefulSet and DaemonSet with the rollout gate (`cdk8s-storage.io/rollout-health:
   * all-pods-updated`), which our Argo CD health scripts read (lib/argo/health-gates.ts): a rollout then waits
   * until every pod runs the new revision. Metadata only: no pod restarts for it.
   * @default false
   */
  readonly healthGates?: boolean;
}

export { allApiObjects } from './all-api-objects';

/** Kinds whose role (wave, options) depends on their body: a Service's type and selector, a StorageClass's provisioner. */
const ROLE_FROM_BODY = new Set(['Service', 'StorageClass']);

/**
 * What the wave table and the sync-option rules read of an object: its identity and role labels,
 * and the whole body only for the kinds whose role depends on it. Rendering every object in full
 * here would cost more than the synth itself on large clusters.
 */
export function roleProbe(object: ApiObject, fullKinds: ReadonlySet<string> = ROLE_FROM_BODY): Manifest {
  if (fullKinds.has(object.kind)) return object.toJson() as Manifest;
  return probeOf(object.apiVersion, object.kind, object.name, object.metadata.namespace, (key) => object.metadata.getLabel(key));
}

/** {@link roleProbe} of an object kept as its manifest (lib/k8s/bulk-objects.ts): the same fields. */
function manifestRoleProbe(manifest: Manifest, fullKinds: ReadonlySet<string>): Manifest {
  if (fullKinds.has(manifest.kind)) return manifest;
  const { name, namespace, labels } = manifest.metadata;
  return probeOf(manifest.apiVersion, manifest.kind, name, namespace, (key) => labels?.[key]);
}

function probeOf(apiVersion: string, kind: string, name: string, namespace: string | undefined, label: (key: string) => string | undefined): Manifest {
  const labels: Record<string, string> = {};
  for (const key of [NAME_LABEL, COMPONENT_LABEL]) {
    const value = label(key);
    if (value !== undefined) labels[key] = value;
  }
  return { apiVersion, kind, metadata: { name, namespace, labels } };
}

/**
 * Sets the sync wave (from `SYNC_WAVES`, overriding any set by a construct: the table is the
 * single source) and adds the sync options (from `SYNC_OPTION_RULES`, merged with those a
 * construct already set) on every object of the app. An object of a kind the table does not
 * know (one a library user adds) keeps the wave it carries; without one it is an error.
 */
export function applySyncPolicy(app: App, charts: readonly ChartObjects[] = apiObjectsByChart(app), options: GitOpsOptions = {}): void {
  // the Services and StorageClasses probed in full render through the output-identical fast path
  const results = new Map<object, Map<string, Readonly<Record<string, string>>>>();
  const fullKinds = options.healthGates ? ROLE_AND_GATE_FROM_BODY : ROLE_FROM_BODY;
  withFastRendering(app, () => {
    for (const { chart, entries } of charts) {
      for (const entry of entries) {
        if (ApiObject.isApiObject(entry)) {
          const probe = roleProbe(entry, fullKinds);
          if (options.healthGates && needsHealthGate(probe)) entry.metadata.addAnnotation(ROLLOUT_HEALTH_ANNOTATION, ALL_PODS_UPDATED);
          const policy = syncPolicy(probe, () => annotationOf(entry, SYNC_WAVE_ANNOTATION) !== undefined, () => Chart.of(entry).node.path);
          if (!policy) continue;
          entry.metadata.addAnnotation(SYNC_WAVE_ANNOTATION, policy.wave);
          if (policy.options.length > 0) addSyncOptions(entry, ...policy.options);
        } else {
          applyToManifest(entry, chart, results, fullKinds, options);
        }
      }
    }
  });
}

/** With health gates, the workloads are probed in full too (their update strategy): a handful per cluster. */
const ROLE_AND_GATE_FROM_BODY = new Set([...ROLE_FROM_BODY, ...[...HEALTH_GATE_KINDS].map((kind) => kind.split('/')[1])]);

/**
 * The sync policy on an object kept as its manifest (lib/k8s/bulk-objects.ts). Thousands of them
 * share everything the policy reads but their name (10,000 local PVs): the annotations it gives
 * (one frozen map) are reused for the next manifest with the same probe and annotations, when the
 * rules did not read the name (a getter on the probe tells), so the result is what each would have
 * got on its own.
 */
function applyToManifest(manifest: Manifest, chart: Chart, results: Map<object, Map<string, Readonly<Record<string, string>>>>,
  fullKinds: ReadonlySet<string>, options: GitOpsOptions): void {
  const probe = manifestRoleProbe(manifest, fullKinds);
  const before = manifest.metadata.annotations ?? results;
  let byProbe = results.get(before);
  if (!byProbe) results.set(before, byProbe = new Map());
  const { name, namespace, labels } = probe.metadata;
  const key = probe === manifest ? undefined : `${probe.apiVersion}\0${probe.kind}\0${namespace}\0${labels?.[NAME_LABEL]}\0${labels?.[COMPONENT_LABEL]}`;
  const known = key === undefined ? undefined : byProbe.get(key);
  if (known) {
    if (known !== manifest.metadata.annotations) setBulkAnnotations(manifest, known);
    return;
  }
  let nameRead = false;
  if (key !== undefined) {
    Object.defineProperty(probe.metadata, 'name', { enumerable: true, get: () => ((nameRead = true), name) });
  }
  // the gate is for whole-body probes (StatefulSets, DaemonSets), never cached by key
  if (options.healthGates && key === undefined && needsHealthGate(probe)) setBulkAnnotation(manifest, ROLLOUT_HEALTH_ANNOTATION, ALL_PODS_UPDATED);
  const policy = syncPolicy(probe, () => manifest.metadata.annotations?.[SYNC_WAVE_ANNOTATION] !== undefined, () => chart.node.path);
  if (policy) {
    setBulkAnnotation(manifest, SYNC_WAVE_ANNOTATION, policy.wave);
    if (policy.options.length > 0) addManifestSyncOptions(manifest, ...policy.options);
  }
  const after = manifest.metadata.annotations;
  if (key !== undefined && !nameRead && after) byProbe.set(key, after);
}

/** The wave and sync options of an object from its role probe; undefined for a kind of the user's own that carries its wave. */
function syncPolicy(probe: Manifest, hasWave: () => boolean, chartPath: () => string): { wave: string; options: SyncOption[] } | undefined {
  const row = knownSyncWaveRow(probe);
  if (!row) {
    // a kind of the library user's own (an Ingress next to the cluster): their wave, or a clear error
    if (hasWave()) return undefined;
    throw new Error(`no sync wave for ${describeObject(probe)} (kind ${groupKind(probe)}, chart ${chartPath()}): `
      + `the wave table (SYNC_WAVES) has no row for its kind; set its ${SYNC_WAVE_ANNOTATION} annotation`);
  }
  return { wave: String(row.wave), options: syncOptionsFor(probe) };
}

/**
 * Runs the GitOps rulebook (lib/gitops/app-checks.ts) on the app: the Applications' props and the
 * footprints of its top-level constructs (an AIS cluster and an AuriStorFS group in one namespace...).
 */
export function checkApp(app: App, argoApplications?: ArgoApplicationsProps): void {
  const paths: string[] = [];
  const members: Footprint[] = [];
  // a construct with a footprint speaks for its subtree, and API objects hold none: the walk stops there
  const visit = (construct: IConstruct) => {
    const footprint = footprintOf(construct);
    if (footprint) {
      paths.push(construct.node.path);
      members.push(footprint);
      return;
    }
    if (ApiObject.isApiObject(construct)) return;
    for (const child of childrenOf(construct)) visit(child);
  };
  visit(app);
  assertNoAppProblems(gitOpsAppProblems({ members, argoApplications }), paths, members);
}

/**
 * Applies the GitOps policy to the app, once, after all charts were added: one partial Node per
 * node (the labels of every construct that labels it merged), no object twice, the Argo CD
 * Application(s) when asked for, and sync waves and sync options on every object. Library users
 * get it from {@link GitOpsApp}'s `synth()`.
 * @param argoApplications the Argo CD Application(s) to add (the generator: those of the config's `gitops.argocd`);
 * @default - no Argo CD Applications
 * @param options health gates (a fleet with a rollout, or `gitops.argocd.healthChecks`)
 */
export function applyGitOps(app: App, argoApplications?: ArgoApplicationsProps, options: GitOpsOptions = {}): void {
  checkApp(app, argoApplications);
  // one walk of the tree for the three passes (each walked it, ~0.1 s on 12,000 objects)
  const charts = apiObjectsByChart(app);
  const kept = new Set(mergeSharedNodes(app, charts.flatMap((entry) => entry.objects)));
  const remaining = charts.map((entry) => ({ ...entry, entries: entry.entries.filter((e) => !ApiObject.isApiObject(e) || kept.has(e)) }));
  assertUniqueObjects(app, remaining);
  if (argoApplications) addArgoApplications(app, argoApplications);
  // the Applications are charts added to the app: walk again only when there are some
  applySyncPolicy(app, argoApplications ? apiObjectsByChart(app) : remaining, options);
}
