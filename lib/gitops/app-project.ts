import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { ARGO_APPLICATION_API_VERSION } from './argo-application';
import { DEFAULT_ARGOCD_NAMESPACE } from './defaults';
import type { FleetSyncWindow } from './fleet-props';

/** A kind an AppProject lets its Applications deploy. */
export interface ProjectResourceKind {
  /** API group ('' for the core group) */
  readonly group: string;
  readonly kind: string;
}

/** A cluster and namespace the Applications may deploy to. */
export interface ProjectDestination {
  /**
   * The cluster's name in Argo CD (give this or `server`).
   * @default - none: `server` names the cluster
   */
  readonly name?: string;
  /**
   * The cluster's API server URL (give this or `name`).
   * @default - none: `name` names the cluster
   */
  readonly server?: string;
  readonly namespace: string;
}

/** A sync window and the Applications it applies to. */
export interface ProjectSyncWindow extends FleetSyncWindow {
  /** Application names or globs */
  readonly applications: readonly string[];
}

/** Props of an {@link ArgoAppProject}. */
export interface ArgoAppProjectProps {
  readonly name: string;
  /** @default 'argocd' */
  readonly namespace?: string;
  /** @default - none */
  readonly description?: string;
  /** @default - none */
  readonly labels?: Record<string, string>;
  /** the Git repositories the Applications may read */
  readonly sourceRepos: readonly string[];
  readonly destinations: readonly ProjectDestination[];
  /** cluster-scoped kinds the Applications may deploy */
  readonly clusterResourceWhitelist: readonly ProjectResourceKind[];
  /** namespaced kinds the Applications may deploy */
  readonly namespaceResourceWhitelist: readonly ProjectResourceKind[];
  /** @default - none */
  readonly syncWindows?: readonly ProjectSyncWindow[];
}

/**
 * An Argo CD `AppProject` (argo-cd 37ee009 manifests/crds/appproject-crd.yaml): what the fleet's Applications
 * may read and deploy, and when they may sync (`syncWindows`: docs/user-guide/sync_windows.md; a window whose
 * `manualSync` is false still blocks RollingSync, whose syncs count as automated: controller/sync.go).
 */
export class ArgoAppProject extends Construct {
  public readonly name: string;
  public readonly apiObject: ApiObject;

  constructor(scope: Construct, id: string, props: ArgoAppProjectProps) {
    super(scope, id);
    this.name = props.name;
    const kinds = (list: readonly ProjectResourceKind[]) => list.map((k) => ({ group: k.group, kind: k.kind }));
    this.apiObject = new ApiObject(this, 'Resource', {
      apiVersion: ARGO_APPLICATION_API_VERSION,
      kind: 'AppProject',
      metadata: { name: props.name, namespace: props.namespace ?? DEFAULT_ARGOCD_NAMESPACE, labels: props.labels },
      spec: {
        description: props.description,
        sourceRepos: [...props.sourceRepos],
        destinations: props.destinations.map((d) => (d.name !== undefined ? { name: d.name, namespace: d.namespace } : { server: d.server, namespace: d.namespace })),
        clusterResourceWhitelist: kinds(props.clusterResourceWhitelist),
        namespaceResourceWhitelist: kinds(props.namespaceResourceWhitelist),
        ...(props.syncWindows?.length ? {
          syncWindows: props.syncWindows.map((w) => ({
            kind: w.kind, schedule: w.schedule, duration: w.duration, applications: [...w.applications],
            manualSync: w.manualSync ?? false, ...(w.timeZone ? { timeZone: w.timeZone } : {}), ...(w.description ? { description: w.description } : {}),
          })),
        } : {}),
      },
    });
  }
}
