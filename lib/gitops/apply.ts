import { ApiObject, App, Chart } from 'cdk8s';
import type { IConstruct } from 'constructs';
import { withFastRendering } from '../output/fast-to-json';
import { allApiObjects } from './all-api-objects';
import { SYNC_WAVE_ANNOTATION, addSyncOptions, annotationOf } from '../argo/argo-annotations';
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
  const labels: Record<string, string> = {};
  for (const key of [NAME_LABEL, COMPONENT_LABEL]) {
    const value = object.metadata.getLabel(key);
    if (value !== undefined) labels[key] = value;
  }
  return { apiVersion: object.apiVersion, kind: object.kind, metadata: { name: object.name, namespace: object.metadata.namespace, labels } };
}

/**
 * Sets the sync wave (from `SYNC_WAVES`, overriding any set by a construct: the table is the
 * single source) and adds the sync options (from `SYNC_OPTION_RULES`, merged with those a
 * construct already set) on every object of the app. An object of a kind the table does not
 * know (one a library user adds) keeps the wave it carries; without one it is an error.
 */
export function applySyncPolicy(app: App, objects: readonly ApiObject[] = allApiObjects(app), options: GitOpsOptions = {}): void {
  // the Services and StorageClasses probed in full render through the output-identical fast path
  withFastRendering(app, () => applySyncPolicyTo(objects, options));
}

/** With health gates, the workloads are probed in full too (their update strategy): a handful per cluster. */
const ROLE_AND_GATE_FROM_BODY = new Set([...ROLE_FROM_BODY, ...[...HEALTH_GATE_KINDS].map((kind) => kind.split('/')[1])]);

function applySyncPolicyTo(objects: readonly ApiObject[], options: GitOpsOptions): void {
  for (const object of objects) {
    const manifest = roleProbe(object, options.healthGates ? ROLE_AND_GATE_FROM_BODY : ROLE_FROM_BODY);
    if (options.healthGates && needsHealthGate(manifest)) object.metadata.addAnnotation(ROLLOUT_HEALTH_ANNOTATION, ALL_PODS_UPDATED);
    const row = knownSyncWaveRow(manifest);
    if (!row) {
      // a kind of the library user's own (an Ingress next to the cluster): their wave, or a clear error
      if (annotationOf(object, SYNC_WAVE_ANNOTATION) !== undefined) continue;
      throw new Error(`no sync wave for ${describeObject(manifest)} (kind ${groupKind(manifest)}, chart ${Chart.of(object).node.path}): `
        + `the wave table (SYNC_WAVES) has no row for its kind; set its ${SYNC_WAVE_ANNOTATION} annotation`);
    }
    object.metadata.addAnnotation(SYNC_WAVE_ANNOTATION, String(row.wave));
    const syncOptions = syncOptionsFor(manifest);
    if (syncOptions.length > 0) addSyncOptions(object, ...syncOptions);
  }
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
    for (const child of construct.node.children) visit(child);
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
  const objects = mergeSharedNodes(app, allApiObjects(app));
  assertUniqueObjects(app, objects);
  const children = app.node.children.length;
  if (argoApplications) addArgoApplications(app, argoApplications);
  // the Applications are charts added to the app: walk again only when there are some
  applySyncPolicy(app, app.node.children.length === children ? objects : allApiObjects(app), options);
}
