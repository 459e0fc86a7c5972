import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { ARGO_APPLICATION_API_VERSION, ArgoApplicationProps, argoApplicationSpec } from './argo-application';
import { DEFAULT_ARGOCD_NAMESPACE } from './defaults';

/** The finalizer Argo CD's controllers use to clean up before an object goes (argo-cd pkg/apis/application/v1alpha1 ResourcesFinalizerName). */
export const RESOURCES_FINALIZER = 'resources-finalizer.argocd.argoproj.io';

/** One step of a progressive rollout: the Applications whose `label` is `value`, at most `maxUpdate` at once. */
export interface RollingSyncStep {
  readonly label: string;
  readonly value: string;
  /**
   * How many of the step's Applications sync at once: a count or a percentage.
   * @default 1
   */
  readonly maxUpdate?: number | string;
}

/** Props of an {@link ArgoApplicationSet}. */
export interface ArgoApplicationSetProps {
  readonly name: string;
  /**
   * Namespace of the ApplicationSet and of the Applications it generates.
   * @default 'argocd'
   */
  readonly namespace?: string;
  /**
   * Labels of the ApplicationSet.
   * @default - none
   */
  readonly labels?: Record<string, string>;
  /** Git repository the files generator reads (and the Applications sync) */
  readonly repoURL: string;
  /** revision the generator reads */
  readonly revision: string;
  /** globs of the JSON descriptor files, one Application per file (Git files generator) */
  readonly files: readonly string[];
  /**
   * The generated Application: its props with Go-template placeholders (`{{.site}}`) in string fields. `project`,
   * `repoURL` and `targetRevision` must be literals: a templated project lets whoever can push a descriptor pick
   * a more permissive project (argo-cd docs/operator-manual/applicationset/Security.md).
   */
  readonly template: Omit<ArgoApplicationProps, 'namespace'>;
  /**
   * RollingSync steps, in order (argo-cd docs/operator-manual/applicationset/Progressive-Syncs.md).
   * @default - none: every Application syncs on its own
   */
  readonly steps?: readonly RollingSyncStep[];
}

/**
 * An Argo CD `ApplicationSet` over a Git files generator, with the settings that keep storage alive whatever
 * happens to the set or its elements:
 * - `syncPolicy.preserveResourcesOnDeletion: true` and no finalizer in the template: the generated Applications
 *   get no `resources-finalizer`, so deleting one never deletes what it deployed (argo-cd 37ee009
 *   applicationset/utils/utils.go RenderTemplateParams adds the finalizer only when preserve is off and the
 *   template has none);
 * - `syncPolicy.applicationsSync: create-update`: an element that disappears does not delete its Application
 *   (honoured while the controller's `--policy` is unset or `--enable-policy-override` is on:
 *   cmd/argocd-applicationset-controller/commands/applicationset_controller.go);
 * - `resources-finalizer.argocd.argoproj.io` on the ApplicationSet itself: deleting it makes the controller
 *   first remove its ownerReferences from the Applications, when the policy forbids deletes
 *   (applicationset/controllers/applicationset_controller.go Reconcile), so garbage collection takes nothing;
 * - Go templates with `missingkey=error`: a descriptor without a key is an error, never an empty string;
 * - never `strategy.deletionOrder` (it deletes Applications step by step).
 */
export class ArgoApplicationSet extends Construct {
  public readonly name: string;
  public readonly namespace: string;
  public readonly apiObject: ApiObject;

  constructor(scope: Construct, id: string, props: ArgoApplicationSetProps) {
    super(scope, id);
    this.name = props.name;
    this.namespace = props.namespace ?? DEFAULT_ARGOCD_NAMESPACE;
    for (const [field, value] of [['project', props.template.project], ['repoURL', props.template.repoURL], ['targetRevision', props.template.targetRevision]] as const) {
      if (value?.includes('{{')) throw new Error(`ArgoApplicationSet ${props.name}: template.${field} must be a literal, not a template (${value})`);
    }
    const { name, labels, ...spec } = props.template;
    this.apiObject = new ApiObject(this, 'Resource', {
      apiVersion: ARGO_APPLICATION_API_VERSION,
      kind: 'ApplicationSet',
      metadata: { name: this.name, namespace: this.namespace, labels: props.labels, finalizers: [RESOURCES_FINALIZER] },
      spec: {
        goTemplate: true,
        goTemplateOptions: ['missingkey=error'],
        generators: [{ git: { repoURL: props.repoURL, revision: props.revision, files: props.files.map((file) => ({ path: file })) } }],
        syncPolicy: { preserveResourcesOnDeletion: true, applicationsSync: 'create-update' },
        ...(props.steps?.length ? {
          strategy: {
            type: 'RollingSync',
            rollingSync: {
              steps: props.steps.map((step) => ({
                matchExpressions: [{ key: step.label, operator: 'In', values: [step.value] }],
                maxUpdate: step.maxUpdate ?? 1,
              })),
            },
          },
        } : {}),
        template: { metadata: { name, labels }, spec: argoApplicationSpec(spec) },
      },
    });
  }
}
