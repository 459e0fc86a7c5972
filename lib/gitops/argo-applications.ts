import * as path from 'node:path';
import { App, Chart } from 'cdk8s';
import { MANAGED_BY, MANAGED_BY_LABEL, NAME_LABEL } from '../k8s/app-labels';
import { chartFileName } from './synthesize';
import { apiObjectsByChart } from './all-api-objects';
import { ArgoApplication, ArgoApplicationProps, IN_CLUSTER_SERVER } from './argo-application';

/** A chart holding one Argo CD Application, written beside the synced output. */
export class ArgoApplicationChart extends Chart {
  public readonly besideOutputFile: string;
  public readonly application: ArgoApplication;

  constructor(scope: App, id: string, besideOutputFile: string, props: ArgoApplicationProps) {
    super(scope, id);
    this.besideOutputFile = besideOutputFile;
    this.application = new ArgoApplication(this, 'Application', props);
  }
}

/**
 * The synced files of one part of the output: the charts whose top-level construct id is the
 * part's id or starts with it and a '-' (`ais/config`, `auristor`, `auristor-group-1`).
 */
export interface OutputPart {
  readonly id: string;
  readonly files: readonly string[];
}

export function outputParts(app: App): OutputPart[] {
  const parts = new Map<string, string[]>();
  // a chart without objects writes no file (see synthesize)
  for (const { chart } of apiObjectsByChart(app).filter((entry) => entry.entries.length > 0)) {
    const id = chart.node.path.split('/')[0].split('-')[0];
    parts.set(id, [...(parts.get(id) ?? []), chartFileName(chart)]);
  }
  return [...parts].map(([id, files]) => ({ id, files: [...files].sort() }));
}

/** Argo CD glob for a list of files (brace alternatives). */
export function includeGlob(files: readonly string[]): string {
  return files.length === 1 ? files[0] : `{${files.join(',')}}`;
}

/** How to write the Argo CD Application(s) of one output (the config's `gitops.argocd`). */
export interface ArgoApplicationsProps extends Pick<ArgoApplicationProps,
  'namespace' | 'project' | 'targetRevision' | 'automated' | 'prune' | 'selfHeal' | 'destinationServer' | 'destinationName'> {
  /** release name: the Applications are `<name>` and, with appOfApps, `<name>-<part>` */
  readonly name: string;
  /** namespace the synced objects go to (the destination namespace) */
  readonly destinationNamespace: string;
  /** Git repository Argo CD reads */
  readonly repoURL: string;
  /** folder of the output in the repository */
  readonly path: string;
  /** folder of the Application manifests in the repository (outside `path`) */
  readonly applicationsPath: string;
  /** one Application, or a parent with one child per part of the output */
  readonly layout: 'single' | 'appOfApps';
}

/**
 * Adds the Argo CD Application chart(s), after all other charts:
 * - single: `<applicationsPath>/<name>.yaml`, Application `<name>` syncing the output folder;
 * - appOfApps: the parent `<applicationsPath>/<name>.yaml` (Application `<name>`) syncs the folder
 *   `<applicationsPath>/<name>/`, which holds one child per part of the output, `<name>-ais`,
 *   `<name>-auristor`, each syncing only its files of the output folder.
 * The Application files lie outside the synced folder: no Application syncs its own manifest.
 */
export function addArgoApplications(app: App, props: ArgoApplicationsProps): void {
  const { name: release, applicationsPath } = props;
  const parts = outputParts(app);
  const besideOutput = (repoFile: string) => path.posix.relative(props.path, repoFile);
  const labels = { [NAME_LABEL]: release, [MANAGED_BY_LABEL]: MANAGED_BY };
  const common = {
    namespace: props.namespace, project: props.project, repoURL: props.repoURL, targetRevision: props.targetRevision,
    automated: props.automated, prune: props.prune, selfHeal: props.selfHeal, labels,
  };
  const destination = { destinationServer: props.destinationServer, destinationName: props.destinationName, destinationNamespace: props.destinationNamespace };
  const recurse = (files: readonly string[]) => files.some((f) => f.includes('/'));

  if (props.layout === 'single') {
    const files = parts.flatMap((p) => p.files);
    new ArgoApplicationChart(app, 'argocd', besideOutput(`${applicationsPath}/${release}.yaml`), {
      ...common, ...destination, name: release, path: props.path, recurse: recurse(files),
    });
    return;
  }
  const childrenPath = `${applicationsPath}/${release}`;
  new ArgoApplicationChart(app, 'argocd', besideOutput(`${childrenPath}.yaml`), {
    ...common, name: release, path: childrenPath,
    // the children are Application objects in Argo CD's own namespace and cluster
    destinationServer: IN_CLUSTER_SERVER, destinationNamespace: props.namespace,
  });
  for (const part of parts) {
    const name = `${release}-${part.id}`;
    new ArgoApplicationChart(app, `argocd-${part.id}`, besideOutput(`${childrenPath}/${name}.yaml`), {
      ...common, ...destination, name, path: props.path, recurse: recurse(part.files), include: includeGlob(part.files),
    });
  }
}
