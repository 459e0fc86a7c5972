import { DEFAULT_ARGOCD_NAMESPACE, DEFAULT_ARGOCD_PROJECT, DEFAULT_PRUNE, DEFAULT_SELF_HEAL, DEFAULT_TARGET_REVISION } from './defaults';
import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';

/** API version of Argo CD Applications. */
export const ARGO_APPLICATION_API_VERSION = 'argoproj.io/v1alpha1';

/** Sync options every Application we emit carries. */
/** The API server address under which Argo CD knows its own cluster. */
export const IN_CLUSTER_SERVER = 'https://kubernetes.default.svc';

export const DEFAULT_APPLICATION_SYNC_OPTIONS: readonly string[] = [
  // objects removed from Git are pruned only after everything else synced and is healthy
  'PruneLast=true',
];

export interface ArgoApplicationProps {
  /** `metadata.name` of the Application */
  readonly name: string;
  /**
   * Namespace Argo CD runs in.
   * @default 'argocd'
   */
  readonly namespace?: string;
  /**
   * Argo CD project.
   * @default 'default'
   */
  readonly project?: string;
  /** Git repository */
  readonly repoURL: string;
  /**
   * Branch, tag or commit.
   * @default 'HEAD'
   */
  readonly targetRevision?: string;
  /** folder of the repository holding plain YAML */
  readonly path: string;
  /**
   * Read the folder's sub-folders too (`spec.source.directory.recurse`).
   * @default false
   */
  readonly recurse?: boolean;
  /**
   * Glob of the files to read, relative to `path`, e.g. `{ais-*.yaml,nodes.yaml}`.
   * @default - every .yaml, .yml and .json file
   */
  readonly include?: string;
  /**
   * API server URL of the target cluster. Give this or `destinationName`.
   * @default - 'https://kubernetes.default.svc' unless `destinationName` is given
   */
  readonly destinationServer?: string;
  /**
   * Name of the target cluster in Argo CD.
   * @default - none, `destinationServer` is used
   */
  readonly destinationName?: string;
  /**
   * Namespace for objects without one.
   * @default - none (every object we emit names its namespace)
   */
  readonly destinationNamespace?: string;
  /**
   * Sync automatically when Git changes.
   * @default false
   */
  readonly automated?: boolean;
  /**
   * With automated sync, delete objects removed from Git.
   * @default false
   */
  readonly prune?: boolean;
  /**
   * With automated sync, revert changes made in the cluster.
   * @default true
   */
  readonly selfHeal?: boolean;
  /**
   * Labels of the Application.
   * @default - none
   */
  readonly labels?: Record<string, string>;
}

/**
 * An Argo CD `Application` that syncs a folder of plain YAML from Git. No
 * `resources-finalizer.argocd.argoproj.io`: deleting the Application leaves the storage cluster
 * running (a cascading delete would take the StatefulSets with it).
 */
export class ArgoApplication extends Construct {
  public readonly name: string;
  public readonly namespace: string;
  public readonly apiObject: ApiObject;

  constructor(scope: Construct, id: string, props: ArgoApplicationProps) {
    super(scope, id);
    this.name = props.name;
    this.namespace = props.namespace ?? DEFAULT_ARGOCD_NAMESPACE;
    this.apiObject = new ApiObject(this, 'Resource', {
      apiVersion: ARGO_APPLICATION_API_VERSION,
      kind: 'Application',
      metadata: { name: this.name, namespace: this.namespace, labels: props.labels },
      spec: argoApplicationSpec(props),
    });
  }
}

/**
 * The `spec` of the Application {@link ArgoApplication} emits; an ApplicationSet's template uses the same
 * (lib/gitops/application-set.ts), so a site's generated Application is what a single-site output gets.
 */
export function argoApplicationSpec(props: Omit<ArgoApplicationProps, 'name' | 'namespace' | 'labels'>): Record<string, unknown> {
  const directory: Record<string, unknown> = {};
  if (props.recurse) directory.recurse = true;
  if (props.include) directory.include = props.include;
  const destination: Record<string, string> = props.destinationName
    ? { name: props.destinationName }
    : { server: props.destinationServer ?? IN_CLUSTER_SERVER };
  if (props.destinationNamespace) destination.namespace = props.destinationNamespace;
  return {
    project: props.project ?? DEFAULT_ARGOCD_PROJECT,
    source: {
      repoURL: props.repoURL,
      targetRevision: props.targetRevision ?? DEFAULT_TARGET_REVISION,
      path: props.path,
      ...(Object.keys(directory).length > 0 ? { directory } : {}),
    },
    destination,
    syncPolicy: {
      ...(props.automated ? { automated: { prune: props.prune ?? DEFAULT_PRUNE, selfHeal: props.selfHeal ?? DEFAULT_SELF_HEAL } } : {}),
      syncOptions: [...DEFAULT_APPLICATION_SYNC_OPTIONS],
      // a custom resource whose operator is still installing its CRD fails the first attempt
      retry: { limit: 5, backoff: { duration: '10s', factor: 2, maxDuration: '3m' } },
    },
  };
}
