import * as path from 'node:path';
import { ApiObject, App, Chart } from 'cdk8s';
import { ArgocdConfig, IN_CLUSTER_SERVER, defaultApplicationsPath } from '../config/gitops-schema';
import { MANAGED_BY, MANAGED_BY_LABEL, NAME_LABEL } from '../ais/labels';
import type { ClusterConfig } from '../config/schema';
import { chartFileName } from '../generator/synthesize';
import { ArgoApplication, ArgoApplicationProps } from './argo-application';
import { BesideOutputChart } from './beside-output';

/** A chart holding one Argo CD Application, written beside the synced output. */
export class ArgoApplicationChart extends Chart implements BesideOutputChart {
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
interface OutputPart {
  readonly id: string;
  readonly files: readonly string[];
}

function outputParts(app: App): OutputPart[] {
  const parts = new Map<string, string[]>();
  // a chart without objects writes no file (see synthesize)
  for (const chart of app.charts.filter((c) => c.node.findAll().some((o) => ApiObject.isApiObject(o) && Chart.of(o) === c))) {
    const id = chart.node.path.split('/')[0].split('-')[0];
    parts.set(id, [...(parts.get(id) ?? []), chartFileName(chart)]);
  }
  return [...parts].map(([id, files]) => ({ id, files: [...files].sort() }));
}

/** Argo CD glob for a list of files (brace alternatives). */
function includeGlob(files: readonly string[]): string {
  return files.length === 1 ? files[0] : `{${files.join(',')}}`;
}

/**
 * Adds the Argo CD Application chart(s) for `config.gitops.argocd`, after all other charts:
 * - single: `<applicationsPath>/<name>.yaml`, Application `<name>` syncing the output folder;
 * - appOfApps: the parent `<applicationsPath>/<name>.yaml` (Application `<name>`) syncs the folder
 *   `<applicationsPath>/<name>/`, which holds one child per part of the output, `<name>-ais`,
 *   `<name>-auristor`, each syncing only its files of the output folder.
 * The Application files lie outside the synced folder: no Application syncs its own manifest.
 */
export function addArgoApplications(app: App, config: ClusterConfig): void {
  const argocd: ArgocdConfig | undefined = config.gitops?.argocd;
  if (!argocd) return;
  const parts = outputParts(app);
  const applicationsPath = argocd.applicationsPath ?? defaultApplicationsPath(argocd.path);
  const besideOutput = (repoFile: string) => path.posix.relative(argocd.path, repoFile);
  const labels = { [NAME_LABEL]: config.name, [MANAGED_BY_LABEL]: MANAGED_BY };
  const common = {
    namespace: argocd.namespace, project: argocd.project, repoURL: argocd.repoURL, targetRevision: argocd.targetRevision,
    automated: argocd.automated, prune: argocd.prune, selfHeal: argocd.selfHeal, labels,
  };
  const destination = { destinationServer: argocd.destination?.server, destinationName: argocd.destination?.name, destinationNamespace: config.namespace };
  const recurse = (files: readonly string[]) => files.some((f) => f.includes('/'));
  const layout = argocd.layout ?? (config.ais && config.auristor ? 'appOfApps' : 'single');

  if (layout === 'single') {
    const files = parts.flatMap((p) => p.files);
    new ArgoApplicationChart(app, 'argocd', besideOutput(`${applicationsPath}/${config.name}.yaml`), {
      ...common, ...destination, name: config.name, path: argocd.path, recurse: recurse(files),
    });
    return;
  }
  const childrenPath = `${applicationsPath}/${config.name}`;
  new ArgoApplicationChart(app, 'argocd', besideOutput(`${childrenPath}.yaml`), {
    ...common, name: config.name, path: childrenPath,
    // the children are Application objects in Argo CD's own namespace and cluster
    destinationServer: IN_CLUSTER_SERVER, destinationNamespace: argocd.namespace,
  });
  for (const part of parts) {
    const name = `${config.name}-${part.id}`;
    new ArgoApplicationChart(app, `argocd-${part.id}`, besideOutput(`${childrenPath}/${name}.yaml`), {
      ...common, ...destination, name, path: argocd.path, recurse: recurse(part.files), include: includeGlob(part.files),
    });
  }
}
